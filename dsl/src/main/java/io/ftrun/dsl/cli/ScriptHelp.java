package io.ftrun.dsl.cli;

import io.ftrun.dsl.ExitCode;
import io.ftrun.dsl.Param;
import io.ftrun.dsl.Params;

import org.apache.commons.cli.HelpFormatter;
import org.apache.commons.cli.Options;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** The {@code --help} of a script (its {@code -P} parameters) or of a built-in command (its options), from the same declarations. */
final class ScriptHelp {
    private ScriptHelp() {
    }

    /** {@code ftrun --help}: the usage, the built-in commands, ftrun's options and the exit codes. */
    static String forFtrun(Options options) {
        java.io.StringWriter text = new java.io.StringWriter();
        PrintWriter w = new PrintWriter(text);
        new HelpFormatter().printHelp(w, 100, "ftrun [options] script.groovy [-Pname=value ...]",
                "\nRuns a transfer script: the servers and clients it declares (ftrun script.groovy --help: its parameters).\n"
                        + "\nOr a built-in command (ftrun COMMAND --help for its options):\n"
                        + "  ftrun send FILE|DIR... --to HOST:PORT    send files and directories, each verified\n"
                        + "  ftrun receive [--port N] [--dir DIR]     receive them, from ftrun send, nc or a socket client\n"
                        + "  ftrun serve DIR [--port N]               serve a directory for ftrun fetch\n"
                        + "  ftrun fetch HOST:PORT PATH... [--dir D]  download files and directories\n"
                        + "  ftrun completion bash|zsh, ftrun man     shell completion, the man page\n\n", options, 2, 2,
                "\nA script with servers runs until Ctrl-C (SIGINT) or SIGTERM, then shuts down gracefully.");
        w.print(exitCodes()); // not in the footer, which would be rewrapped
        w.flush();
        return text.toString();
    }

    /** The codes, one a line; when several things failed, the first of signal, script error, partial, else the first failure's. */
    static String exitCodes() {
        StringBuilder b = new StringBuilder("\nExit codes (several failures: a signal, else a script error, else partial, else the first failure's):\n");
        for (ExitCode c : ExitCode.values()) b.append(String.format("  %3d  %s%n", c.code(), c.meaning()));
        return b.toString();
    }

    /** {@code ftrun script.groovy --help}. */
    static String forScript(String script, Params declared) {
        StringBuilder b = new StringBuilder("usage: ftrun [options] " + script + " [-Pname=value ...]\n");
        if (!declared.description().isEmpty()) b.append('\n').append(wrap(declared.description(), 100)).append('\n');
        if (declared.declared() == null) {
            return b.append('\n').append(script).append(" declares no parameters (a params { } block would list them here)\n").toString();
        }
        List<String[]> rows = new ArrayList<>();
        for (Param p : declared.declared()) {
            String value = p.type() == Param.Type.FLAG ? "[=true|false]" : "=" + p.placeholder();
            rows.add(new String[] {"-P" + p.name() + value, describe(p)});
        }
        return b.append("\nparameters:\n").append(table(rows)).append("\nftrun --help lists the options.\n").toString();
    }

    /** A parameter's line: what it is for, then its default, or that it must be given. */
    static String describe(Param p) {
        String d = p.description();
        if (p.required()) return d + (d.isEmpty() ? "" : " ") + "(required)";
        boolean shown = p.defaultValue() != null && p.type() != Param.Type.FLAG && !String.valueOf(p.defaultValue()).isEmpty();
        if (shown) return d + (d.isEmpty() ? "" : " ") + "(default: " + p.defaultValue() + ")";
        return d;
    }

    /** {@code text} in lines of at most {@code width} columns, broken between words. */
    static String wrap(String text, int width) {
        StringBuilder b = new StringBuilder();
        int column = 0;
        for (String word : text.split(" ")) {
            if (column > 0 && column + 1 + word.length() > width) {
                b.append('\n');
                column = 0;
            } else if (column > 0) {
                b.append(' ');
                column++;
            }
            b.append(word);
            column += word.length();
        }
        return b.toString();
    }

    static String table(List<String[]> rows) {
        int width = rows.stream().mapToInt(r -> r[0].length()).max().orElse(0);
        StringBuilder b = new StringBuilder();
        for (String[] r : rows) b.append("  ").append(r[0]).append(" ".repeat(width - r[0].length() + 2)).append(r[1]).append('\n');
        return b.toString();
    }
}
