package io.ftrun.dsl;

import groovy.lang.Closure;
import io.ftrun.core.BatchResult;
import io.ftrun.core.Clients;
import io.ftrun.core.Server;
import io.ftrun.core.ShutdownReport;
import io.ftrun.core.event.EventListener;
import io.ftrun.core.health.Drain;
import io.ftrun.core.health.ServerMetrics;
import io.ftrun.core.stats.ServerStats;
import io.ftrun.dsl.internal.ScriptErrors;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * Runs a declared script, the one sequence every driver (the command line, the embedding API, Ant, Maven) uses:
 * start the servers, run the client groups in order, call {@code afterClients}, then keep the servers up until
 * {@link #requestStop()} (a signal, {@code shutdown()} in the script, the embedding program, a drain) and shut
 * them down gracefully. The run ends without a stop request when it has no servers, when {@code afterClients}
 * failed, or when the clients were interrupted. What the servers did is folded from their events by one
 * {@link ServerStats}, which {@code /metrics} reads too.
 *
 * <p>Not API: public only for its two adapters, {@code dsl.cli} and {@code dsl.embed} (ArchitectureTest fails the
 * build when anything else uses it). Programs run scripts through {@code io.ftrun.dsl.embed.Ftrun}.
 */
public final class ScriptExecution {
    /** What a driver hears as the run goes; called on the run's thread. */
    public interface Phases {
        /** The clients have ended (before {@code afterClients}): an interrupt from now on is not meant for them. */
        default void clientsEnded() {
        }

        /** {@code afterClients} has run: the clients' results and failures are final. */
        default void afterClientsEnded(RunResult soFar) {
        }
    }

    private final ScriptContext context;
    private final EventListener listener;
    private final ServerStats stats;
    /** Copy-on-write: drain mode stops them from its own thread while the run may be stopping them too. */
    private final List<Server> servers = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final List<ClientResult> clientResults = new ArrayList<>();
    private final List<ScriptProblem> failures = new ArrayList<>();
    private final List<ShutdownReport> shutdownReports = new ArrayList<>();
    private final CountDownLatch stopRequested = new CountDownLatch(1);
    private final Drain drain = new Drain();
    /** The {@code health { }} endpoint, started after the servers and stopped after them. */
    private Server health;
    /** A failed afterClients ends the run: the script's own check said the servers' work went wrong. */
    private boolean afterClientsFailed;
    private boolean serversStarted;
    private final long startNanos = System.nanoTime();
    private final ClientRuntime runtime;

    /** @param listener the driver's listener of every event (null for none) */
    public ScriptExecution(ScriptContext context, EventListener listener) {
        this.context = context;
        this.stats = new ServerStats(context.model().servers().stream().map(ServerSpec::name).toList());
        this.listener = listener == null ? stats : EventListener.all(List.of(stats, listener));
        context.onStop(this::requestStop);
        this.runtime = new ClientRuntime(context.log(), this::stopRequested);
    }

    /** Asks the run to end: servers stop accepting, drain within their grace period, and stop. Any thread. */
    public void requestStop() {
        stopRequested.countDown();
    }

    boolean stopRequested() {
        return stopRequested.getCount() == 0;
    }

    /** Starts every declared server; on failure stops those already started and throws, naming the script line. */
    public void startServers() {
        if (serversStarted) return;
        serversStarted = true;
        ScriptModel model = context.model();
        for (ServerSpec spec : model.servers()) {
            try {
                Server s = Server.start(spec.toConfig(listener));
                spec.handle().started(s);
                servers.add(s);
            } catch (IOException | RuntimeException e) {
                stopServers();
                String block = e instanceof DslException ? null : "server '" + spec.name() + "'";
                throw new ScriptError(new ScriptProblem(model.scriptFile(), spec.line(), block, ScriptProblem.Code.START, e.getMessage(), e));
            }
        }
        if (model.health() != null) startHealth(model.health());
    }

    private void startHealth(HealthSpec spec) {
        try {
            health = spec.start(new ServerMetrics(stats), drain, context.log()::warn);
        } catch (IOException | RuntimeException e) {
            stopServers();
            throw new ScriptError(new ScriptProblem(context.model().scriptFile(), 0, "health", ScriptProblem.Code.START, e.getMessage(), e));
        }
        context.log().info("health endpoint on " + health.address().getAddress().getHostAddress() + ":" + health.port()
                + " (GET /health, GET /metrics, POST /drain " + spec.drainAccess() + ")");
        drain.onStart(() -> drainServers(spec.drainTimeout()));
    }

    /**
     * Drain mode, for a rolling restart: the health check already answers 503; stop accepting, let transfers in
     * flight finish (at most {@code timeout}), then end the run as a stop request would.
     */
    private void drainServers(Duration timeout) {
        context.log().info("draining: no new connections; waiting up to " + timeout.toSeconds() + " s for transfers in flight");
        List<java.util.concurrent.CompletableFuture<ShutdownReport>> pending = new ArrayList<>();
        for (Server s : servers()) pending.add(s.shutdown(timeout));
        for (var f : pending) f.join();
        context.log().info("drained: every server has stopped");
        requestStop();
    }

    /** Drain mode's switch ({@code POST /drain} on the health port flips it too). */
    public Drain drain() {
        return drain;
    }

    public List<Server> servers() {
        return List.copyOf(servers);
    }

    /** Runs each client group in declaration order, the clients of one group at once. */
    List<ClientResult> runClients() throws InterruptedException {
        for (ScriptModel.ClientGroup group : context.model().clientGroups()) {
            List<ClientSpec> specs = group.clients();
            BatchResult<ClientResult> batch = Clients.run(specs.size(), Duration.ZERO, i -> specs.get(i).run(listener, runtime));
            for (BatchResult.Outcome<ClientResult> o : batch.outcomes()) {
                ClientResult r = o.value();
                clientResults.add(r);
                if (!r.ok()) failures.add(r.problem());
            }
            if (stopRequested()) break;
        }
        return List.copyOf(clientResults);
    }

    /** Calls the script's {@code afterClients} block, if any; a failure there fails the run. */
    void afterClients() {
        Closure<?> block = context.model().afterClients();
        if (block == null) return;
        try {
            Closure<?> c = (Closure<?>) block.clone();
            c.call(List.copyOf(clientResults));
        } catch (Throwable t) {
            afterClientsFailed = true;
            failures.add(ScriptErrors.problem(t, context.model().scriptFile(), ScriptProblem.Code.SCRIPT, null, 0));
        }
    }

    /** Gracefully stops every server (each within its own grace period) and waits for them. */
    void stopServers() {
        List<java.util.concurrent.CompletableFuture<ShutdownReport>> pending = new ArrayList<>();
        for (Server s : servers) pending.add(s.shutdown());
        for (var f : pending) shutdownReports.add(f.join());
        servers.clear();
        if (health != null) health.shutdown().join();
    }

    /** The whole run with no one listening to its phases; {@code keepServers} false stops the servers once the clients are done. */
    public RunResult run(boolean keepServers) {
        return run(keepServers, new Phases() { });
    }

    /**
     * The whole run: servers (unless {@link #startServers()} already started them), clients, afterClients, then
     * (when there are servers and {@code keepServers}) wait for a stop request, and shut down. An interrupt during
     * the clients skips {@code afterClients} and ends the run; an interrupt while waiting ends it too.
     */
    public RunResult run(boolean keepServers, Phases phases) {
        startServers();
        try {
            boolean interrupted = false;
            try {
                if (!stopRequested()) runClients();
            } catch (InterruptedException e) {
                interrupted = true;
            } finally {
                phases.clientsEnded();
            }
            if (!interrupted) afterClients();
            phases.afterClientsEnded(result());
            if (interrupted || afterClientsFailed || servers.isEmpty() || !keepServers) requestStop();
            awaitStopRequestOrInterrupt();
        } finally {
            stopServers();
        }
        return result();
    }

    private void awaitStopRequestOrInterrupt() {
        try {
            stopRequested.await();
        } catch (InterruptedException e) {
            requestStop(); // whoever interrupts the run's thread means it to end
        }
    }

    /** What each server has done so far: safe from any thread (the client lists of {@link #result} are not, during the run). */
    public List<ServerStats.Snapshot> serverStats() {
        return stats.snapshot();
    }

    /** What is known now: final once {@link #run} has returned. Call it on the run's thread, or after the run. */
    public RunResult result() {
        return new RunResult(context.model().scriptFile(), clientResults, failures, stats.snapshot(), shutdownReports, Duration.ofNanos(System.nanoTime() - startNanos));
    }
}
