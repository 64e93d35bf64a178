package io.ftrun.dsl.cli;

import io.ftrun.dsl.ExitCode;
import io.ftrun.dsl.Param;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The shell completions ({@code ftrun completion bash|zsh}) and the man page ({@code ftrun man}), made from the
 * same definitions as {@code --help}: ftrun's options ({@link Main#options()}) and each built-in command's
 * {@code params { }} declarations, so none of them can fall behind the others.
 */
final class CommandDocs {
    /** A built-in command as its declarations describe it. */
    record Command(String name, String usage, String description, List<Param> params) {
    }

    private final Options global;
    private final List<Command> commands;

    /** {@code ftrun completion bash|zsh} and {@code ftrun man}, printed on {@code out}; the exit code. */
    static int print(String[] args, Options global, java.io.PrintStream out, java.io.PrintStream err) {
        boolean man = args[0].equals("man");
        String shell = args.length > 1 ? args[1] : "";
        if ((man && args.length > 1) || (!man && (args.length != 2 || !List.of("bash", "zsh").contains(shell)))) {
            err.println(man ? "usage: ftrun man   (the man page, ftrun.1, on stdout)" : "usage: ftrun completion bash|zsh   (the completion script on stdout)");
            return ExitCode.USAGE.code();
        }
        CommandDocs docs = of(global, new io.ftrun.dsl.ScriptLoader(io.ftrun.dsl.internal.ScriptCompiler.defaultCacheDir(), false,
                CommandDocs.class.getClassLoader()));
        out.print(man ? docs.man(io.ftrun.dsl.Version.current()) : shell.equals("bash") ? docs.bash() : docs.zsh());
        return ExitCode.OK.code();
    }

    /** Each built-in command's declarations, read from its script, with ftrun's own {@code global} options. */
    static CommandDocs of(Options global, io.ftrun.dsl.ScriptLoader loader) {
        List<Command> commands = new ArrayList<>();
        for (String name : BuiltinCommand.NAMES) {
            BuiltinCommand c = BuiltinCommand.named(name);
            io.ftrun.dsl.Params declared = c.declarations(loader);
            commands.add(new Command(name, c.usage(declared.declared()), declared.description(), declared.declared()));
        }
        return new CommandDocs(global, commands);
    }

    CommandDocs(Options global, List<Command> commands) {
        this.global = global;
        this.commands = List.copyOf(commands);
    }

    /** A bash completion function: commands, each one's options, files for operands and for options' values. */
    String bash() {
        StringBuilder b = new StringBuilder();
        b.append("# bash completion for ftrun, made by `ftrun completion bash` (source it, or put it in\n");
        b.append("# ~/.local/share/bash-completion/completions/ftrun)\n");
        b.append("_ftrun() {\n");
        b.append("  local cur=\"${COMP_WORDS[COMP_CWORD]}\" prev=\"${COMP_WORDS[COMP_CWORD-1]}\" opts valued\n");
        b.append("  local IFS=$'\\n'   # one candidate a line: file names may hold spaces\n");
        b.append("  case \"$prev\" in\n");
        b.append("    -l|--log-level) COMPREPLY=($(compgen -W $'error\\nwarn\\ninfo\\ndebug' -- \"$cur\")); return ;;\n");
        b.append("    --events) COMPREPLY=($(compgen -W json -- \"$cur\")); return ;;\n");
        b.append("    completion) [ \"$COMP_CWORD\" -eq 2 ] && { COMPREPLY=($(compgen -W $'bash\\nzsh' -- \"$cur\")); return; } ;;\n");
        b.append("  esac\n");
        b.append("  case \"${COMP_WORDS[1]}\" in\n");
        for (Command c : commands) {
            b.append("    ").append(c.name()).append(") opts=$'").append(String.join("\\n", optionNames(c))).append("'; valued=\"")
                    .append(String.join(" ", valuedNames(c))).append("\" ;;\n");
        }
        b.append("    *) opts=$'").append(String.join("\\n", globalNames(false))).append("'; valued=\"")
                .append(String.join(" ", globalNames(true))).append("\" ;;\n");
        b.append("  esac\n");
        b.append("  if [[ \" $valued \" == *\" $prev \"* ]]; then\n");
        b.append("    COMPREPLY=($(compgen -f -- \"$cur\"))\n");
        b.append("  elif [[ $cur == -* ]]; then\n");
        b.append("    COMPREPLY=($(compgen -W \"$opts\" -- \"$cur\"))\n");
        b.append("  elif [ \"$COMP_CWORD\" -eq 1 ]; then\n");
        b.append("    COMPREPLY=($(compgen -W $'").append(String.join("\\n", commandNames())).append("' -- \"$cur\") $(compgen -f -- \"$cur\"))\n");
        b.append("  else\n");
        b.append("    COMPREPLY=($(compgen -f -- \"$cur\"))\n");
        b.append("  fi\n");
        b.append("}\n");
        b.append("complete -o filenames -F _ftrun ftrun\n");
        return b.toString();
    }

    /** zsh runs the bash function through its bashcompinit: one definition for both shells. */
    String zsh() {
        return "# zsh completion for ftrun, made by `ftrun completion zsh` (source it from ~/.zshrc after compinit)\n"
                + "autoload -U +X bashcompinit && bashcompinit\n" + bash();
    }

    /** ftrun(1), in troff's man macros. */
    String man(String version) {
        StringBuilder b = new StringBuilder();
        b.append(".TH FTRUN 1 \"\" \"ftrun ").append(escape(version)).append("\" \"User Commands\"\n");
        b.append(".SH NAME\nftrun \\- move files and messages over TCP, verified, from one-line commands or Groovy scripts\n");
        b.append(".SH SYNOPSIS\n");
        b.append(".B ftrun\n[\\fIoptions\\fR] \\fIscript.groovy\\fR [\\fB\\-P\\fIname\\fB=\\fIvalue\\fR ...]\n.br\n");
        b.append(".B ftrun completion\nbash|zsh\n.br\n.B ftrun man\n.br\n");
        for (Command c : commands) b.append(".B ftrun ").append(c.name()).append('\n').append(escape(c.usage().replaceFirst("^usage: ftrun \\S+ ", "").replaceFirst(" {3}\\(.*", ""))).append("\n.br\n");
        b.append(".SH DESCRIPTION\n");
        b.append("ftrun runs a transfer script: the servers, handlers and clients it declares. ")
                .append("Its built-in commands are such scripts, bundled with it. ")
                .append("No file appears under its final name before it is complete and verified.\n");
        b.append(".SH OPTIONS\n");
        for (Option o : global.getOptions()) {
            b.append(".TP\n.B ").append(escape(optionLabel(o))).append('\n').append(escape(o.getDescription())).append('\n');
        }
        b.append(".SH COMMANDS\n");
        for (Command c : commands) {
            b.append(".SS ").append(c.name()).append('\n').append(escape(c.description())).append('\n');
            for (Param p : c.params()) {
                String label = p.positional() ? p.placeholder() : "--" + p.name() + (p.type() == Param.Type.FLAG ? "" : " " + p.placeholder());
                b.append(".TP\n.B ").append(escape(label)).append('\n').append(escape(ScriptHelp.describe(p))).append('\n');
            }
        }
        b.append(".SH EXIT STATUS\n");
        for (ExitCode e : ExitCode.values()) {
            b.append(".TP\n.B ").append(e.code()).append('\n').append(escape(e.meaning())).append('\n');
        }
        b.append(".SH ENVIRONMENT\n");
        env(b, "JAVA_HOME", "the Java runtime (17 or newer) to run; else the java on the PATH");
        env(b, "FTRUN_JAVA_OPTS", "more options for the JVM, split into words");
        env(b, "FTRUN_CACHE", "compiled scripts, class-data archives and JIT hints (default: $XDG_CACHE_HOME/ftrun or ~/.cache/ftrun)");
        env(b, "FTRUN_CDS", "on (default), general (the build's class-data archive only) or off");
        env(b, "FTRUN_JIT", "quick or full: the JIT, whatever the last run of the same command chose");
        b.append(".SH SEE ALSO\n.BR nc (1),\n.BR rsync (1)\n");
        return b.toString();
    }

    private static void env(StringBuilder b, String name, String meaning) {
        b.append(".TP\n.B ").append(name).append('\n').append(escape(meaning)).append('\n');
    }

    private List<String> commandNames() {
        List<String> names = new ArrayList<>();
        for (Command c : commands) names.add(c.name());
        names.addAll(List.of("completion", "man"));
        return names;
    }

    private static List<String> optionNames(Command c) {
        List<String> names = new ArrayList<>();
        for (Param p : c.params()) if (!p.positional()) names.add("--" + p.name());
        for (String common : BuiltinCommand.COMMON) names.add("--" + common);
        return names;
    }

    private static List<String> valuedNames(Command c) {
        List<String> names = new ArrayList<>();
        for (Param p : c.params()) if (!p.positional() && p.type() != Param.Type.FLAG) names.add("--" + p.name());
        Options all = Main.options();
        for (String common : BuiltinCommand.COMMON) if (all.getOption(common).hasArg()) names.add("--" + common);
        return names;
    }

    private List<String> globalNames(boolean valuedOnly) {
        List<String> names = new ArrayList<>();
        for (Option o : global.getOptions()) {
            if (valuedOnly && !o.hasArg()) continue;
            if (o.getLongOpt() != null) names.add("--" + o.getLongOpt());
            if (o.getOpt() != null && !o.getOpt().equals("P")) names.add("-" + o.getOpt());
        }
        return names;
    }

    private static String optionLabel(Option o) {
        String label = o.getOpt() == null ? "--" + o.getLongOpt()
                : o.getLongOpt() == null ? "-" + o.getOpt() : "-" + o.getOpt() + ", --" + o.getLongOpt();
        if (o.getOpt() != null && o.getOpt().equals("P")) return "-Pname=value";
        return o.hasArg() ? label + " " + (o.getArgName() == null ? "VALUE" : o.getArgName().toUpperCase(Locale.ROOT)) : label;
    }

    /** Text as troff shows it: backslashes and hyphens escaped, and no line starting with a control character. */
    static String escape(String s) {
        String t = s.replace("\\", "\\e").replace("-", "\\-");
        return t.startsWith(".") || t.startsWith("'") ? "\\&" + t : t;
    }
}
