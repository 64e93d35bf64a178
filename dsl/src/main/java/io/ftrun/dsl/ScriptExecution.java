package io.ftrun.dsl;

import groovy.lang.Closure;
import io.ftrun.core.BatchResult;
import io.ftrun.core.Clients;
import io.ftrun.core.Server;
import io.ftrun.core.ShutdownReport;
import io.ftrun.core.event.EventListener;
import io.ftrun.core.health.Drain;
import io.ftrun.core.health.ServerMetrics;
import io.ftrun.core.internal.EventBus;
import io.ftrun.dsl.internal.ScriptErrors;
import io.ftrun.dsl.internal.ScriptFailure;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Runs a declared script: starts its servers, runs its client groups in order, calls {@code afterClients}, then
 * keeps the servers up until {@link #requestStop()} (a signal, {@code shutdown()} in the script, or the
 * embedding program) and shuts them down gracefully. A script with clients only ends when they finish.
 */
public final class ScriptExecution {
    private final ScriptContext context;
    private final EventListener listener;
    /** Copy-on-write: drain mode stops them from its own thread while the run may be stopping them too. */
    private final List<Server> servers = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final List<ClientResult> clientResults = new ArrayList<>();
    private final List<String> failures = new ArrayList<>();
    private final List<ShutdownReport> shutdownReports = new ArrayList<>();
    private final CountDownLatch stopRequested = new CountDownLatch(1);
    private final Drain drain = new Drain();
    /** The {@code health { }} endpoint, started after the servers and stopped after them. */
    private Server health;
    /** A failed afterClients ends the run: the script's own check said the servers' work went wrong. */
    private boolean afterClientsFailed;

    public ScriptExecution(ScriptContext context, EventListener listener) {
        this.context = context;
        this.listener = listener;
        context.onStop(this::requestStop);
    }

    /** Asks the run to end: servers stop accepting, drain within their grace period, and stop. Any thread. */
    public void requestStop() {
        stopRequested.countDown();
    }

    public boolean stopRequested() {
        return stopRequested.getCount() == 0;
    }

    /** Starts every declared server; on failure stops those already started and throws, naming the script line. */
    public void startServers() {
        ScriptModel model = context.model();
        HealthSpec healthSpec = model.health();
        ServerMetrics metrics = healthSpec == null ? null : new ServerMetrics(model.servers().stream().map(ServerSpec::name).toList());
        EventListener serverListener = metrics == null ? listener
                : listener == null ? metrics : new EventBus(List.of(listener, metrics));
        for (ServerSpec spec : model.servers()) {
            try {
                Server s = Server.start(spec.toConfig(serverListener));
                spec.handle().started(s);
                servers.add(s);
            } catch (IOException | RuntimeException e) {
                stopServers();
                String msg = e instanceof DslException ? e.getMessage() : "server '" + spec.name() + "': " + e.getMessage();
                throw new ScriptFailure(model.scriptFile() + ":" + spec.line() + ": " + msg, e);
            }
        }
        if (healthSpec != null) startHealth(healthSpec, metrics);
    }

    private void startHealth(HealthSpec spec, ServerMetrics metrics) {
        try {
            health = spec.start(metrics, drain, context.log()::warn);
        } catch (IOException | RuntimeException e) {
            stopServers();
            throw new ScriptFailure(context.model().scriptFile() + ": health: " + e.getMessage(), e);
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
    public List<ClientResult> runClients() throws InterruptedException {
        for (ScriptModel.ClientGroup group : context.model().clientGroups()) {
            List<ClientSpec> specs = group.clients();
            BatchResult<ClientResult> batch = Clients.run(specs.size(), Duration.ZERO, i -> specs.get(i).run(listener));
            for (BatchResult.Outcome<ClientResult> o : batch.outcomes()) {
                ClientResult r = o.value();
                clientResults.add(r);
                if (!r.ok()) failures.add(r.error());
            }
            if (stopRequested()) break;
        }
        return List.copyOf(clientResults);
    }

    /** Calls the script's {@code afterClients} block, if any; a failure there fails the run. */
    public void afterClients() {
        Closure<?> block = context.model().afterClients();
        if (block == null) return;
        try {
            Closure<?> c = (Closure<?>) block.clone();
            c.call(List.copyOf(clientResults));
        } catch (Throwable t) {
            afterClientsFailed = true;
            Throwable root = ScriptErrors.unwrap(t);
            failures.add(root instanceof ScriptFailure ? root.getMessage() : ScriptErrors.describe(root, context.model().scriptFile()));
        }
    }

    /** True once {@code afterClients} has failed: the run should end, whoever drives it (the CLI, an embedding program). */
    public boolean afterClientsFailed() {
        return afterClientsFailed;
    }

    /** Waits until a stop is requested, or at most {@code timeout} (zero: no limit). Returns true if requested. */
    public boolean awaitStopRequest(Duration timeout) throws InterruptedException {
        if (timeout.isZero()) {
            stopRequested.await();
            return true;
        }
        return stopRequested.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** Gracefully stops every server (each within its own grace period) and waits for them. */
    public void stopServers() {
        List<java.util.concurrent.CompletableFuture<ShutdownReport>> pending = new ArrayList<>();
        for (Server s : servers) pending.add(s.shutdown());
        for (var f : pending) shutdownReports.add(f.join());
        servers.clear();
        if (health != null) health.shutdown().join();
    }

    /**
     * The whole run: servers, clients, afterClients, then (when there are servers) wait for a stop request
     * and shut down. {@code keepServers} false stops the servers as soon as the clients are done.
     */
    public RunResult run(boolean keepServers) throws InterruptedException {
        long t0 = System.nanoTime();
        startServers();
        try {
            boolean hasServers = !servers.isEmpty();
            boolean hasClients = !context.model().clientGroups().isEmpty();
            if (hasClients) runClients();
            afterClients();
            if (hasServers && keepServers && !afterClientsFailed) awaitStopRequest(Duration.ZERO);
        } finally {
            stopServers();
        }
        return result(Duration.ofNanos(System.nanoTime() - t0));
    }

    public RunResult result(Duration took) {
        return new RunResult(clientResults, failures, shutdownReports, took);
    }
}
