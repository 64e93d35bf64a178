package io.ftrun.dsl.internal;

import groovy.lang.MissingMethodException;
import groovy.lang.MissingPropertyException;
import io.ftrun.dsl.DslException;
import io.ftrun.dsl.ScriptError;
import io.ftrun.dsl.ScriptProblem;
import org.codehaus.groovy.control.MultipleCompilationErrorsException;
import org.codehaus.groovy.control.messages.Message;
import org.codehaus.groovy.control.messages.SyntaxErrorMessage;
import org.codehaus.groovy.syntax.SyntaxException;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/** Turns what is thrown in a script into {@link ScriptProblem}s ({@code script.groovy:LINE: what is wrong}), without a stack trace. */
public final class ScriptErrors {
    private ScriptErrors() {
    }

    /**
     * The problems {@code t} means, thrown while {@code scriptFile} was compiled, declared or run: a compile error
     * may be several; a {@link ScriptError} already holds its own.
     */
    public static List<ScriptProblem> problems(Throwable t, String scriptFile, ScriptProblem.Code code) {
        if (t instanceof MultipleCompilationErrorsException e) return compileErrors(e, scriptFile);
        Throwable root = unwrap(t);
        if (root instanceof ScriptError e) return e.problems();
        return List.of(problem(root, scriptFile, code, null, 0));
    }

    /**
     * The one problem {@code t} means, in {@code block} (may be null). Its line is where the script's own code was
     * on the stack, else {@code line} (the line that declared the block or step, 0 if none).
     */
    public static ScriptProblem problem(Throwable t, String scriptFile, ScriptProblem.Code code, String block, int line) {
        Throwable root = unwrap(t);
        if (root instanceof ScriptError e) return block == null ? e.problem() : e.problem().in(block);
        int at = ScriptLines.lineIn(root, scriptFile);
        return new ScriptProblem(scriptFile, at > 0 ? at : line, block, code, message(root), root);
    }

    /** Strips reflection and Groovy wrappers to the exception the user caused. */
    public static Throwable unwrap(Throwable t) {
        Throwable c = t;
        while ((c instanceof java.lang.reflect.InvocationTargetException || c instanceof java.lang.reflect.UndeclaredThrowableException
                || c instanceof org.codehaus.groovy.runtime.InvokerInvocationException) && c.getCause() != null) {
            c = c.getCause();
        }
        return c;
    }

    static String message(Throwable t) {
        if (t instanceof DslException) return t.getMessage();
        if (t instanceof MissingMethodException) {
            MissingMethodException m = (MissingMethodException) t;
            String args = Arrays.stream(m.getArguments()).map(a -> a == null ? "null" : argType(a)).collect(Collectors.joining(", "));
            String hint = Suggestions.forMethod(m.getMethod());
            return "unknown method " + m.getMethod() + "(" + args + ")" + (hint == null ? "" : "; did you mean " + hint + "?");
        }
        if (t instanceof MissingPropertyException) {
            MissingPropertyException m = (MissingPropertyException) t;
            String hint = Suggestions.forMethod(m.getProperty());
            return "unknown name '" + m.getProperty() + "'" + (hint == null ? "" : "; did you mean " + hint + "?");
        }
        if (t instanceof AssertionError) return "assertion failed: " + firstLine(t.getMessage());
        String m = t.getMessage();
        String type = t.getClass().getSimpleName();
        if (m == null || m.isBlank()) return type;
        if (t instanceof java.io.IOException || t instanceof IllegalArgumentException || t instanceof IllegalStateException) return m;
        return type + ": " + m;
    }

    private static String argType(Object a) {
        if (a instanceof groovy.lang.Closure) return "{ ... }";
        if (a instanceof CharSequence) return "'" + a + "'";
        return a.getClass().getSimpleName();
    }

    private static String firstLine(String s) {
        if (s == null) return "";
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl) + " ...";
    }

    private static List<ScriptProblem> compileErrors(MultipleCompilationErrorsException e, String scriptFile) {
        List<ScriptProblem> lines = new ArrayList<>();
        for (Object o : e.getErrorCollector().getErrors()) {
            if (o instanceof SyntaxErrorMessage) {
                SyntaxException s = ((SyntaxErrorMessage) o).getCause();
                String msg = s.getOriginalMessage().trim();
                lines.add(new ScriptProblem(scriptFile, s.getLine(), null, ScriptProblem.Code.COMPILE, msg, s));
            } else if (o instanceof Message) {
                java.io.StringWriter w = new java.io.StringWriter();
                ((Message) o).write(new java.io.PrintWriter(w));
                lines.add(new ScriptProblem(scriptFile, 0, null, ScriptProblem.Code.COMPILE, w.toString().trim(), e));
            }
        }
        return lines.isEmpty() ? List.of(new ScriptProblem(scriptFile, 0, null, ScriptProblem.Code.COMPILE, e.getMessage(), e)) : lines;
    }
}
