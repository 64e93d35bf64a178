package io.ftrun.dsl.cli;

import io.ftrun.core.event.EventListener;
import io.ftrun.dsl.DslException;
import io.ftrun.dsl.ExitCode;
import io.ftrun.dsl.Params;
import io.ftrun.dsl.RunResult;
import io.ftrun.dsl.ScriptContext;
import io.ftrun.dsl.ScriptError;
import io.ftrun.dsl.ScriptProblem;
import io.ftrun.dsl.ScriptExecution;
import io.ftrun.dsl.ScriptLoader;
import io.ftrun.dsl.ScriptLog;
import io.ftrun.dsl.Version;
import io.ftrun.dsl.internal.ConsoleReporter;
import io.ftrun.dsl.internal.ConsoleStream;
import io.ftrun.dsl.internal.ScriptCompiler;
import io.ftrun.dsl.internal.Suggestions;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.DefaultParser;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.apache.commons.cli.ParseException;
import org.apache.commons.cli.UnrecognizedOptionException;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * The {@code ftrun} command: {@code ftrun [options] script.groovy [-Pname=value ...]}.
 *
 * <p>Exit codes ({@link ExitCode}, which also says which wins when several things failed): 0 success; 1 any other
 * failure (a server's failures, the script's own code); 2 usage or script error; 3 could not connect; 4 timed out;
 * 5 refused by the peer; 6 verification failed; 7 partial transfer; 130 stopped by SIGINT; 143 stopped by SIGTERM.
 */
public final class Main {
    public static final int OK = ExitCode.OK.code();
    public static final int FAILED = ExitCode.FAILED.code();
    public static final int USAGE = ExitCode.USAGE.code();
    /** How many of a server's failures the end of a run repeats. */
    private static final int SHOWN = 5;

    private final PrintStream out;
    private final PrintStream err;

    Main(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        PrintStream err = ConsoleStream.stderr(System.err); // on a terminal, shared by the log and the progress line
        System.setErr(err);
        int code = new Main(System.out, err).run(args);
        System.out.flush();
        System.exit(code);
    }

    static Options options() {
        Options o = new Options();
        o.addOption(Option.builder("P").numberOfArgs(2).valueSeparator('=').argName("name=value")
                .desc("a script parameter, read as params.name (repeatable; before or after the script)").build());
        o.addOption("h", "help", false, "show this help; after a script, the parameters it declares");
        o.addOption("V", "version", false, "show the version");
        o.addOption(null, "check", false, "compile and validate the script (or several: --check a.groovy b.groovy); run nothing");
        o.addOption(null, "static", false, "type-check the script (as @TypeChecked)");
        o.addOption(Option.builder("l").longOpt("log-level").hasArg().argName("level").desc("error, warn, info (default) or debug").build());
        o.addOption("q", "quiet", false, "log warnings and errors only");
        o.addOption(null, "timestamps", false, "start each log line with its local time, ISO-8601 to the millisecond"
                + " (2026-03-01T14:02:03.456), for logs that do not stamp lines themselves");
        o.addOption(Option.builder().longOpt("events").hasArg().argName("format")
                .desc("print every event as one JSON object per line, and last a run-finished line with the exit code:"
                        + " --events json (on stdout unless --events-file)").build());
        o.addOption(Option.builder().longOpt("events-file").hasArg().argName("file")
                .desc("write --events to this file, apart from the script's own output (println) on stdout").build());
        o.addOption(Option.builder().longOpt("plugins").hasArg().argName("path")
                .desc("plugin jars or directories, separated by '" + java.io.File.pathSeparator + "'").build());
        o.addOption(null, "no-cache", false, "compile the script even if a compiled copy is cached");
        o.addOption(null, "stacktrace", false, "show stack traces of errors");
        return o;
    }

    int run(String[] args) {
        if (args.length > 0 && BuiltinCommand.NAMES.contains(args[0])) return BuiltinCommand.named(args[0]).run(java.util.Arrays.copyOfRange(args, 1, args.length), this, out, err);
        if (args.length > 0 && (args[0].equals("completion") || args[0].equals("man"))) return CommandDocs.print(args, options(), out, err);
        CommandLine cl;
        try {
            cl = parser().parse(options(), args);
        } catch (ParseException e) {
            err.println("ftrun: " + (e instanceof UnrecognizedOptionException u ? unknown(u, options()) : e.getMessage()));
            err.println("usage: ftrun [options] script.groovy [-Pname=value ...]   (ftrun --help for more)");
            return USAGE;
        }
        if (cl.hasOption("help") && cl.getArgList().isEmpty()) {
            out.print(ScriptHelp.forFtrun(options()));
            return OK;
        }
        if (cl.hasOption("version")) {
            out.println("ftrun " + Version.current() + " (Groovy " + groovy.lang.GroovySystem.getVersion() + ", Java " + Runtime.version() + ")");
            return OK;
        }
        List<String> rest = cl.getArgList();
        boolean check = cl.hasOption("check");
        if (cl.hasOption("help") && (check || rest.size() > 1)) {
            err.println("ftrun: --help takes one script (ftrun script.groovy --help), got " + rest);
            return USAGE;
        }
        String command = rest.isEmpty() ? null : Suggestions.closest(rest.get(0), BuiltinCommand.NAMES);
        if (!rest.isEmpty() && !rest.get(0).endsWith(".groovy") && command != null && !java.nio.file.Files.exists(Path.of(rest.get(0)))) {
            err.println("ftrun: unknown command '" + rest.get(0) + "'; did you mean " + command + "? (ftrun --help lists the commands)");
            return USAGE;
        }
        if (cl.hasOption("events-file") && !cl.hasOption("events")) {
            err.println("ftrun: --events-file names where --events json goes: give --events json too");
            return USAGE;
        }
        if (rest.isEmpty() || (rest.size() > 1 && !check)) {
            err.println(rest.isEmpty() ? "ftrun: no script given" : "ftrun: one script at a time (--check takes several), got " + rest);
            err.println("usage: ftrun [options] script.groovy [-Pname=value ...]   (ftrun --help for more)");
            return USAGE;
        }
        boolean stacktrace = cl.hasOption("stacktrace");
        ScriptLog log = log(cl);
        if (log == null) return USAGE;
        Params params = new Params(cl.hasOption("help") ? Params.Use.HELP : check ? Params.Use.CHECK : Params.Use.RUN);
        Properties p = cl.getOptionProperties("P");
        for (String name : p.stringPropertyNames()) params.put(name, p.getProperty(name));

        ClassLoader pluginLoader;
        try {
            pluginLoader = Plugins.loader(cl.getOptionValue("plugins"), Main.class.getClassLoader());
        } catch (IOException e) {
            err.println("ftrun: --plugins: " + e.getMessage());
            return USAGE;
        }
        Path cache = cl.hasOption("no-cache") ? null : ScriptCompiler.defaultCacheDir();
        ScriptLoader loader = new ScriptLoader(cache, cl.hasOption("static"), pluginLoader);
        if (check) { // each script compiled and validated in this one JVM (a CI job checking a folder of them)
            int code = OK;
            for (String script : rest) {
                // one script checked: its -P values are its own, and a name it does not take is refused as in a run
                Params.Use use = rest.size() > 1 ? Params.Use.CHECK : Params.Use.RUN;
                ScriptContext checked = load(Path.of(script), loader, new Params(use, params), log, pluginLoader, stacktrace);
                if (checked == null) {
                    code = USAGE;
                    continue;
                }
                log.info(checked.model().scriptFile() + ": OK (" + checked.model().servers().size() + " server(s), "
                        + checked.model().clientGroups().size() + " client block(s))");
                if (rest.size() == 1) JitHint.record(System.getenv("FTRUN_JIT_HINT"), checked.model().wantsOptimizingJit());
            }
            return code;
        }
        ScriptContext context = load(Path.of(rest.get(0)), loader, params, log, pluginLoader, stacktrace);
        if (context == null) return USAGE;
        if (cl.hasOption("help")) {
            out.print(ScriptHelp.forScript(rest.get(0), context.params()));
            return OK;
        }
        return run(context, cl, log);
    }

    /** The parser of every ftrun command line: no abbreviations, so {@code --compres} is not taken for {@code --compress}. */
    static DefaultParser parser() {
        return DefaultParser.builder().setAllowPartialMatching(false).build();
    }

    /** {@code unknown option --chek; did you mean --check?} */
    static String unknown(UnrecognizedOptionException e, Options options) {
        String given = e.getOption().replaceFirst("^-+", "").replaceFirst("=.*", "");
        List<String> known = options.getOptions().stream().map(o -> o.getLongOpt() == null ? o.getOpt() : o.getLongOpt()).toList();
        String hint = Suggestions.closest(given, known);
        return "unknown option " + e.getOption() + (hint == null ? "" : "; did you mean --" + hint + "?");
    }

    /** The log the options ask for; null once a bad level is reported. */
    ScriptLog log(CommandLine cl) {
        try {
            return new ScriptLog(err, cl.hasOption("quiet") ? ScriptLog.Level.WARN : ScriptLog.parseLevel(cl.getOptionValue("log-level", "info")),
                    cl.hasOption("timestamps") ? java.time.Clock.systemDefaultZone() : null);
        } catch (DslException e) {
            err.println("ftrun: " + e.getMessage());
            return null;
        }
    }

    /** Runs a loaded script with the console reporter and the events the options ask for. */
    int run(ScriptContext context, CommandLine cl, ScriptLog log) {
        boolean stacktrace = cl.hasOption("stacktrace");
        JitHint.record(System.getenv("FTRUN_JIT_HINT"), context.model().wantsOptimizingJit());
        PrintStream eventsOut = null;
        try {
            List<EventListener> listeners = new ArrayList<>();
            listeners.add(ConsoleReporter.forConsole(log, err));
            JsonEvents json = null;
            if (cl.hasOption("events")) {
                if (!cl.getOptionValue("events").equals("json")) {
                    err.println("ftrun: --events supports json only, not '" + cl.getOptionValue("events") + "'");
                    return USAGE;
                }
                eventsOut = cl.hasOption("events-file") ? new PrintStream(new FileOutputStream(cl.getOptionValue("events-file")), false, StandardCharsets.UTF_8) : out;
                json = new JsonEvents(eventsOut);
                listeners.add(json);
            }
            return execute(context, EventListener.all(listeners), json, log, stacktrace);
        } catch (IOException e) {
            err.println("ftrun: --events-file: " + e.getMessage());
            return USAGE;
        } finally {
            if (eventsOut != null && eventsOut != out) eventsOut.close();
        }
    }

    /** Reads and compiles {@code script}; null once the reason it cannot run is printed. */
    private ScriptContext load(Path script, ScriptLoader loader, Params params, ScriptLog log, ClassLoader pluginLoader,
                               boolean stacktrace) {
        String text;
        try {
            text = Files.readString(script, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            err.println("ftrun: no such script: " + script);
            return null;
        } catch (MalformedInputException e) {
            err.println("ftrun: " + script + " is not UTF-8 text");
            return null;
        } catch (IOException e) {
            err.println("ftrun: cannot read " + script + ": " + e.getMessage());
            return null;
        }
        try {
            return loader.load(script.getFileName().toString(), text, params, log, pluginLoader, Path.of("").toAbsolutePath());
        } catch (ScriptError e) {
            err.println(e.getMessage());
            if (stacktrace) e.printStackTrace(err);
            return null;
        }
    }

    /** Runs the script; with {@code json}, the run's last event line says how it ended, with the code returned. */
    private int execute(ScriptContext context, EventListener events, JsonEvents json, ScriptLog log, boolean stacktrace) {
        long started = System.nanoTime();
        ScriptExecution execution = new ScriptExecution(context, events);
        Signals.Handle signals = Signals.onInterrupt(Thread.currentThread(), signal -> {
            // said before the drain, which may take the whole grace period: whoever waits learns why, and the way out
            log.info(signal + " received: stopping (a second Ctrl-C or SIGTERM stops at once)");
            execution.requestStop();
        });
        if (context.model().servers().isEmpty() && context.model().clientGroups().isEmpty()) {
            log.debug(context.model().scriptFile() + " declares no server and no client: nothing to run");
        }
        RunResult result;
        try {
            result = execution.run(true);
        } catch (ScriptError e) {
            err.println(e.getMessage());
            if (stacktrace) e.printStackTrace(err);
            if (json != null) json.finished(ExitCode.FAILED, null, e.problem(), java.time.Duration.ofNanos(System.nanoTime() - started));
            return FAILED;
        } finally {
            signals.remove();
        }
        printFailures(result);
        ExitCode exit = signals.exitCode() == ExitCode.TERMINATED.code() ? ExitCode.TERMINATED
                : signals.exitCode() == ExitCode.INTERRUPTED.code() ? ExitCode.INTERRUPTED : result.exitCode();
        if (json != null) json.finished(exit, result, null, result.took());
        return exit.code();
    }

    /**
     * The script's own failures in full; each server's as a count with the first few, since the log has already
     * shown every one as it happened (a server may have run for days).
     */
    private void printFailures(RunResult result) {
        for (ScriptProblem p : result.scriptProblems()) err.println(p.located());
        for (io.ftrun.core.stats.ServerStats.Snapshot s : result.servers()) {
            if (s.ok()) continue;
            err.println("server '" + s.name() + "': " + s.failures() + " failure(s)" + (s.failures() > SHOWN ? ", the first " + SHOWN + ":" : ":"));
            result.serverProblems(s).stream().limit(SHOWN).forEach(p -> err.println("  " + p.message()));
        }
    }
}
