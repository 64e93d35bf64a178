package io.ftrun.dsl.embed;

import io.ftrun.core.Server;
import io.ftrun.core.event.EventListener;
import io.ftrun.core.stats.ServerStats;
import io.ftrun.dsl.RunResult;
import io.ftrun.dsl.ScriptContext;
import io.ftrun.dsl.ScriptExecution;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A started run: its servers are listening, its clients run in the background. {@link #stop()} (or
 * {@link #close()}) stops the servers gracefully and returns the report; after it no thread of the run is left,
 * so nothing keeps the JVM alive.
 *
 * <p>The run also ends by itself, as on the command line, when the script calls {@code shutdown()}, when its
 * {@code afterClients} fails, or when it has clients and no servers and the clients are done; {@link #awaitStop()}
 * waits for that.
 */
public final class Running implements AutoCloseable {
    private final ScriptContext context;
    private final ScriptExecution execution;
    private final Map<String, Integer> ports;
    private final long startNanos = System.nanoTime();
    private final CountDownLatch clientsDone = new CountDownLatch(1);
    private final CountDownLatch finished = new CountDownLatch(1);
    private final Object clientPhase = new Object();
    private final Thread runner;
    /** True from the start until the clients are done: a stop() in that time interrupts them. */
    private boolean inClients = true; // guarded by clientPhase
    private volatile RunResult afterClientsResult;
    private volatile RunReport finalReport;
    private volatile Throwable runnerFailure;

    private Running(ScriptContext context, ScriptExecution execution) {
        this.context = context;
        this.execution = execution;
        Map<String, Integer> p = new LinkedHashMap<>();
        for (Server s : execution.servers()) p.put(s.name(), s.port());
        this.ports = java.util.Collections.unmodifiableMap(p);
        // Not a daemon: a program whose main returns after start() still sees its clients through. It ends with the run.
        this.runner = new Thread(this::runLoop, "ftrun-run-" + context.model().scriptFile());
    }

    static Running start(ScriptContext context, EventListener events) {
        ScriptExecution execution = new ScriptExecution(context, events);
        try {
            execution.startServers();
        } catch (RuntimeException e) {
            throw new FtrunException(e.getMessage(), e);
        }
        Running r = new Running(context, execution);
        r.runner.start();
        return r;
    }

    /** The run's one sequence ({@link ScriptExecution#run}), on its own thread, telling this handle its phases. */
    private void runLoop() {
        try {
            execution.run(true, new ScriptExecution.Phases() {
                @Override
                public void clientsEnded() {
                    synchronized (clientPhase) {
                        inClients = false;
                        // a stop() that interrupted the clients as they ended must not interrupt afterClients
                        if (Thread.interrupted()) execution.requestStop();
                    }
                }

                @Override
                public void afterClientsEnded(RunResult soFar) {
                    afterClientsResult = soFar;
                    clientsDone.countDown();
                }
            });
        } catch (Throwable t) {
            runnerFailure = t;
        } finally {
            clientsDone.countDown();
            finalReport = RunReport.of(name(), execution.result(), runnerFailure);
            finished.countDown();
        }
    }

    private Duration elapsed() {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }

    /** The script's name, as errors show it. */
    public String name() {
        return context.model().scriptFile();
    }

    /** Each server's bound port by server name, in declaration order. */
    public Map<String, Integer> ports() {
        return ports;
    }

    /** The port of the script's only (or first) server. */
    public int port() {
        if (ports.isEmpty()) throw new IllegalStateException(name() + " declares no server");
        return ports.values().iterator().next();
    }

    public int port(String server) {
        Integer p = ports.get(server);
        if (p == null) throw new IllegalArgumentException(name() + " has no server '" + server + "' (it has " + ports.keySet() + ")");
        return p;
    }

    /** Waits until the clients and {@code afterClients} are done and returns the clients' reports. */
    public List<ClientReport> awaitClients() {
        try {
            clientsDone.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FtrunException("interrupted while waiting for the clients of " + name(), e);
        }
        return result().clients();
    }

    /** As {@link #awaitClients()}, at most {@code timeout}; false if they are still running. */
    public boolean awaitClients(Duration timeout) throws InterruptedException {
        return clientsDone.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** Waits until the run ends by itself (see the class comment) or is stopped, and returns the report. */
    public RunReport awaitStop() throws InterruptedException {
        finished.await();
        return finalReport;
    }

    /** As {@link #awaitStop()}, at most {@code timeout}; false if it is still running. */
    public boolean awaitStop(Duration timeout) throws InterruptedException {
        return finished.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    public boolean isRunning() {
        return finished.getCount() > 0;
    }

    /**
     * Stops the run: clients still running are interrupted, servers stop accepting and drain within their grace
     * period. Returns the final report once every thread of the run has ended. Idempotent.
     */
    public RunReport stop() {
        execution.requestStop();
        if (Thread.currentThread() == runner) return result(); // called from the script itself: the runner finishes after
        synchronized (clientPhase) {
            if (inClients) runner.interrupt();
        }
        try {
            runner.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return result();
        }
        return finalReport;
    }

    @Override
    public void close() {
        stop();
    }

    /** The final report once stopped; before that, what is known so far (servers' counts, clients once they are done). */
    public RunReport result() {
        RunReport done = finalReport;
        if (done != null) return done;
        RunResult clients = afterClientsResult;
        // the servers' figures are live and thread-safe; the clients' lists are final once afterClients has run, and
        // reading them before that, while the run's thread appends, would race
        List<ServerStats.Snapshot> servers = execution.serverStats();
        return RunReport.of(name(), clients == null
                ? new RunResult(context.model().scriptFile(), List.of(), List.of(), servers, List.of(), elapsed())
                : new RunResult(clients.script(), clients.clients(), clients.scriptProblems(), servers, List.of(), elapsed()), runnerFailure);
    }

    @Override
    public String toString() {
        return "ftrun run of " + name() + (isRunning() ? ", servers " + ports : ", stopped");
    }
}
