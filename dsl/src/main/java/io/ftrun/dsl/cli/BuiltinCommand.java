package io.ftrun.dsl.cli;

import io.ftrun.dsl.DslException;
import io.ftrun.dsl.Param;
import io.ftrun.dsl.Params;
import io.ftrun.dsl.ScriptError;
import io.ftrun.dsl.ScriptLoader;
import io.ftrun.dsl.ScriptLog;
import io.ftrun.dsl.internal.Suggestions;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.DefaultParser;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.apache.commons.cli.ParseException;
import org.apache.commons.cli.UnrecognizedOptionException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code ftrun send|receive|serve|fetch ...}: scripts bundled in the jar ({@code io/ftrun/dsl/commands}), each
 * declaring its parameters in {@code params { }}, which become the command's options ({@code --to HOST:PORT}) and
 * operands ({@code FILE...}). The command line is read into the same {@link Params} a script's {@code -P} fill, and
 * the script runs as any script does.
 */
final class BuiltinCommand {
    /** The commands, in the order {@code ftrun --help} lists them. */
    static final List<String> NAMES = List.of("send", "receive", "serve", "fetch");
    /** Options every command takes besides its own (they are ftrun's: log, events, stack traces). */
    static final List<String> COMMON = List.of("help", "quiet", "log-level", "timestamps", "events", "events-file", "stacktrace");

    private final String name;
    private final String text;

    private BuiltinCommand(String name, String text) {
        this.name = name;
        this.text = text;
    }

    static BuiltinCommand named(String name) {
        try (InputStream in = BuiltinCommand.class.getResourceAsStream("/io/ftrun/dsl/commands/" + name + ".groovy")) {
            if (in == null) throw new IllegalStateException("the built-in command " + name + " is missing from the jar");
            return new BuiltinCommand(name, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the built-in command " + name, e);
        }
    }

    String name() {
        return name;
    }

    /** The name errors in the script show: {@code ftrun send}. */
    String scriptName() {
        return "ftrun-" + name + ".groovy";
    }

    String text() {
        return text;
    }

    /** {@code ftrun send ...}: {@code args} (after the name) read by the command's own declarations, then its script run by {@code main}. */
    int run(String[] args, Main main, java.io.PrintStream out, java.io.PrintStream err) {
        ClassLoader classLoader = BuiltinCommand.class.getClassLoader();
        ScriptLoader loader = new ScriptLoader(io.ftrun.dsl.internal.ScriptCompiler.defaultCacheDir(), false, classLoader);
        Params declaring = declarations(loader);
        List<Param> declared = declaring.declared();
        CommandLine[] cl = new CommandLine[1];
        Params params;
        try {
            params = read(declared, args, cl);
        } catch (DslException e) {
            err.println(e.getMessage());
            return Main.USAGE;
        }
        if (cl[0].hasOption("help")) {
            out.print(help(declared, declaring.description()));
            return Main.OK;
        }
        ScriptLog log = main.log(cl[0]);
        if (log == null) return Main.USAGE;
        io.ftrun.dsl.ScriptContext context;
        try {
            context = loader.load(scriptName(), text, params, log, classLoader, Path.of("").toAbsolutePath());
        } catch (ScriptError e) {
            // a usage error the command's script found (--to without a port, --raw with a directory): said as the
            // command's, not at a line of a file the user never wrote
            for (io.ftrun.dsl.ScriptProblem p : e.problems()) err.println("ftrun " + name + ": " + p.message());
            if (cl[0].hasOption("stacktrace")) e.printStackTrace(err);
            return Main.USAGE;
        }
        return main.run(context, cl[0], log);
    }

    /** Its script's {@code params { }} declarations and description: the script read as far as its block. */
    Params declarations(ScriptLoader loader) {
        try {
            return loader.load(scriptName(), text, new Params(Params.Use.HELP), new ScriptLog(System.err, ScriptLog.Level.WARN),
                    BuiltinCommand.class.getClassLoader(), Path.of("").toAbsolutePath()).params();
        } catch (ScriptError e) {
            throw new IllegalStateException("the built-in command " + name + " does not compile: " + e.getMessage(), e);
        }
    }

    /** The command's own options, from its declarations, and the common ones. */
    static Options options(List<Param> declared) {
        Options o = new Options();
        for (Param p : declared) {
            if (p.positional()) continue;
            Option.Builder b = Option.builder().longOpt(p.name()).desc(ScriptHelp.describe(p));
            if (p.type() != Param.Type.FLAG) b.hasArg().argName(p.placeholder());
            o.addOption(b.build());
        }
        Options all = Main.options();
        for (String common : COMMON) o.addOption(all.getOption(common));
        return o;
    }

    /**
     * Reads {@code args} (everything after the command's name) into parameters for the script; {@code parsed}
     * receives the command line, for the common options.
     *
     * @throws DslException for a usage error, said in the command's terms ({@code --to}, not {@code -Pto})
     */
    Params read(List<Param> declared, String[] args, CommandLine[] parsed) {
        Options options = options(declared);
        CommandLine cl;
        try {
            cl = Main.parser().parse(options, args);
        } catch (UnrecognizedOptionException e) {
            throw new DslException("ftrun " + name + ": " + Main.unknown(e, options));
        } catch (org.apache.commons.cli.MissingArgumentException e) {
            Option o = e.getOption();
            throw new DslException("ftrun " + name + ": --" + o.getLongOpt() + " needs a value (" + o.getArgName() + ")");
        } catch (ParseException e) {
            throw new DslException("ftrun " + name + ": " + e.getMessage());
        }
        parsed[0] = cl;
        Params params = new Params();
        if (cl.hasOption("help")) return params;
        for (Option o : cl.getOptions()) {
            if (java.util.Collections.frequency(java.util.Arrays.asList(cl.getOptions()), o) > 1 || (o.getValues() != null && o.getValues().length > 1)) {
                throw new DslException("ftrun " + name + ": --" + o.getLongOpt() + " is given more than once");
            }
        }
        for (Param p : declared) {
            if (p.positional() || !cl.hasOption(p.name())) continue;
            params.put(p.name(), p.type() == Param.Type.FLAG ? "true" : readValue(p, cl.getOptionValue(p.name())));
        }
        List<String> operands = new ArrayList<>(cl.getArgList());
        for (Param p : declared) {
            if (!p.positional()) continue;
            if (p.type() == Param.Type.LIST) {
                if (!operands.isEmpty()) params.put(p.name(), String.join("\n", operands));
                operands.clear();
            } else if (!operands.isEmpty()) {
                params.put(p.name(), operands.remove(0));
            }
        }
        if (!operands.isEmpty()) throw new DslException("ftrun " + name + ": unexpected " + String.join(" ", operands) + "\n" + usage(declared));
        for (Param p : declared) {
            if (p.required() && !params.containsKey(p.name())) {
                throw new DslException("ftrun " + name + ": missing " + (p.positional() ? p.placeholder() : "--" + p.name() + " " + p.placeholder())
                        + " (" + p.description() + ")\n" + usage(declared));
            }
        }
        return params;
    }

    private String readValue(Param p, String value) {
        try {
            return p.read(value);
        } catch (DslException e) {
            throw new DslException("ftrun " + name + ": " + e.getMessage().replaceFirst("^parameter " + p.name(), "--" + p.name()));
        }
    }

    /** {@code usage: ftrun send [options] FILES... --to VALUE}: operands and required options. */
    String usage(List<Param> declared) {
        StringBuilder b = new StringBuilder("usage: ftrun " + name + " [options]");
        for (Param p : declared) {
            if (p.positional()) b.append(' ').append(p.placeholder());
        }
        for (Param p : declared) {
            if (!p.positional() && p.required()) b.append(" --").append(p.name()).append(' ').append(p.placeholder());
        }
        return b.append("   (ftrun ").append(name).append(" --help)").toString();
    }

    /** {@code ftrun send --help}. */
    String help(List<Param> declared, String description) {
        StringBuilder b = new StringBuilder(usage(declared).replaceFirst(" {3}\\(.*", "")).append("\n\n").append(ScriptHelp.wrap(description, 100)).append('\n');
        List<String[]> rows = new ArrayList<>();
        for (Param p : declared) {
            if (p.positional()) rows.add(new String[] {p.placeholder(), ScriptHelp.describe(p)});
        }
        for (Param p : declared) {
            if (!p.positional()) rows.add(new String[] {"--" + p.name() + (p.type() == Param.Type.FLAG ? "" : " " + p.placeholder()), ScriptHelp.describe(p)});
        }
        for (String common : COMMON) {
            Option o = Main.options().getOption(common);
            if (common.equals("help")) continue;
            String label = (o.getOpt() == null ? "" : "-" + o.getOpt() + ", ") + "--" + o.getLongOpt() + (o.hasArg() ? " " + o.getArgName().toUpperCase(java.util.Locale.ROOT) : "");
            rows.add(new String[] {label, o.getDescription()});
        }
        return b.append("\narguments and options:\n").append(ScriptHelp.table(rows)).toString();
    }
}
