package io.ftrun.dsl.embed;

import io.ftrun.core.event.EventListener;
import io.ftrun.dsl.Params;
import io.ftrun.dsl.ScriptContext;
import io.ftrun.dsl.ScriptError;
import io.ftrun.dsl.ScriptLoader;
import io.ftrun.dsl.ScriptLog;
import io.ftrun.dsl.internal.ConsoleReporter;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * How to run one script: parameters, listeners, log, type checking, base directory. {@link #start()} starts it and
 * returns a {@link Running} handle; {@link #run()} starts it, waits for its clients, stops it and returns the report.
 * A runner can be started more than once; each start is a separate run.
 */
public final class FtrunRunner {
    /** Reads (compiles, declares) the script into a fresh context. */
    @FunctionalInterface
    interface Source {
        ScriptContext declare(ScriptLoader loader, String fileName, Args args) throws ScriptError;
    }

    /** What a source needs besides the loader. */
    record Args(Params params, ScriptLog log, ClassLoader classLoader, Path baseDir) {
    }

    private final Source source;
    private String fileName;
    private final Map<String, String> params = new LinkedHashMap<>();
    private final List<EventListener> listeners = new ArrayList<>();
    private ScriptLog log;
    private boolean logEvents = true;
    private boolean typeChecked;
    private Path baseDir;
    private Path cacheDir;
    private ClassLoader classLoader;

    FtrunRunner(String fileName, Source source) {
        this.fileName = fileName;
        this.source = source;
    }

    /** The name errors and line numbers show (the script's file name by default). */
    public FtrunRunner fileName(String name) {
        this.fileName = name;
        return this;
    }

    /** Script parameters, read as {@code params.name}; values are turned into text. */
    public FtrunRunner params(Map<String, ?> values) {
        if (values != null) values.forEach(this::param);
        return this;
    }

    public FtrunRunner param(String name, Object value) {
        if (value == null) params.remove(name);
        else params.put(name, String.valueOf(value));
        return this;
    }

    /** Receives every engine event of the run (called on engine threads: be quick and thread-safe). */
    public FtrunRunner listener(EventListener listener) {
        listeners.add(listener);
        return this;
    }

    /**
     * Where the script's {@code log} and the run's log lines go: by default {@link ScriptLog#systemLogger()}, the
     * {@link System.Logger} {@value ScriptLog#LOGGER_NAME}, whose configuration (java.util.logging's, or SLF4J's or
     * Log4j's where the program routes System.Logger there) decides which levels show. A build tool's own log is
     * best reached through a {@link ScriptLog.Sink} that maps the levels onto its own, as the Maven plugin and the
     * Ant task do: {@code log(new ScriptLog((level, message) -> ..., ScriptLog.Level.DEBUG))}.
     */
    public FtrunRunner log(ScriptLog log) {
        this.log = log;
        return this;
    }

    /** Every level to {@code logger} (ERROR, WARNING, INFO, DEBUG), which decides what it shows. */
    public FtrunRunner log(System.Logger logger) {
        return log(ScriptLog.to(logger));
    }

    /** Lines as the command line prints them ({@code ftrun: warn: text}) on {@code out}, at {@code level} and above. */
    public FtrunRunner log(PrintStream out, ScriptLog.Level level) {
        return log(new ScriptLog(out, level));
    }

    /**
     * Each line, as the command line prints it ({@code ftrun: warn: text}), to {@code lines}, at {@code level} and
     * above. The level is then only in the text: a host with levels of its own is better served by a
     * {@link ScriptLog.Sink} (see {@link #log(ScriptLog)}).
     */
    public FtrunRunner log(ScriptLog.Level level, Consumer<String> lines) {
        return log(new ScriptLog((l, message) -> lines.accept("ftrun: " + ScriptLog.levelPrefix(l) + message), level));
    }

    /** Whether engine events (servers started, files received, connections that failed) are logged too; on by default. */
    public FtrunRunner logEvents(boolean on) {
        this.logEvents = on;
        return this;
    }

    /** Compiles the script type-checked, as {@code ftrun --static}. */
    public FtrunRunner typeChecked(boolean on) {
        this.typeChecked = on;
        return this;
    }

    /** Where relative paths in the script resolve (default: the working directory). */
    public FtrunRunner baseDir(Path dir) {
        this.baseDir = dir;
        return this;
    }

    /** Keeps compiled scripts here between runs (default: none, compile in memory every time). */
    public FtrunRunner cacheDir(Path dir) {
        this.cacheDir = dir;
        return this;
    }

    /** Where the script's imports and plugins are found (default: the loader that loaded ftrun). */
    public FtrunRunner classLoader(ClassLoader loader) {
        this.classLoader = loader;
        return this;
    }

    /**
     * Reads the script (compiles it and runs its declarations) without starting anything, and returns a short
     * description: {@code name: N server(s), M client block(s)}.
     *
     * @throws FtrunException when the script does not compile or declares something invalid
     */
    public String check() {
        ScriptContext ctx = declare(runLog(), Params.Use.CHECK);   // as --check: a parameter the script does not declare is no error
        return ctx.model().scriptFile() + ": " + ctx.model().servers().size() + " server(s), "
                + ctx.model().clientGroups().size() + " client block(s)";
    }

    /**
     * Reads the script, starts its servers (their ports are known when this returns) and its clients in the
     * background.
     *
     * @throws FtrunException when the script does not compile, declares something invalid, or a server cannot start
     */
    public Running start() {
        ScriptLog runLog = runLog();
        List<EventListener> all = new ArrayList<>();
        if (logEvents) all.add(ConsoleReporter.forLog(runLog));
        all.addAll(listeners);
        ScriptContext ctx = declare(runLog, Params.Use.RUN);
        return Running.start(ctx, EventListener.all(all));
    }

    /**
     * Starts, waits until the clients and {@code afterClients} are done (or the script calls {@code shutdown()}),
     * stops the servers and returns what happened. Does not throw for failed transfers: see {@link RunReport#ok()}
     * and {@link RunReport#orThrow()}.
     */
    public RunReport run() {
        try (Running r = start()) {
            r.awaitClients();
            return r.stop();
        }
    }

    private ScriptContext declare(ScriptLog runLog, Params.Use use) {
        ClassLoader cl = classLoader != null ? classLoader : FtrunRunner.class.getClassLoader();
        Path base = (baseDir != null ? baseDir : Path.of("")).toAbsolutePath();
        ScriptLoader loader = new ScriptLoader(cacheDir, typeChecked, cl);
        try {
            return source.declare(loader, fileName, new Args(new Params(use, params), runLog, cl, base));
        } catch (ScriptError e) {
            throw new FtrunException(e.getMessage(), e);
        }
    }

    private ScriptLog runLog() {
        return log != null ? log : ScriptLog.systemLogger();
    }
}
