package io.ftrun.dsl.internal;

import groovy.lang.MissingMethodException;
import groovy.lang.MissingPropertyException;
import io.ftrun.dsl.DslException;
import org.codehaus.groovy.control.MultipleCompilationErrorsException;
import org.codehaus.groovy.control.messages.Message;
import org.codehaus.groovy.control.messages.SyntaxErrorMessage;
import org.codehaus.groovy.syntax.SyntaxException;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/** Turns what goes wrong in a script into {@code script.groovy:LINE: what is wrong}, without a stack trace. */
public final class ScriptErrors {
    private ScriptErrors() {
    }

    /** The one way a problem is located: {@code script.groovy:LINE: message}, or {@code script.groovy: message} without a line. */
    public static String at(String scriptFile, int line, String message) {
        return line > 0 ? scriptFile + ":" + line + ": " + message : scriptFile + ": " + message;
    }

    /** The one-line report for a failure while reading or running {@code scriptFile}. */
    public static String describe(Throwable t, String scriptFile) {
        if (t instanceof MultipleCompilationErrorsException) {
            return compileErrors((MultipleCompilationErrorsException) t, scriptFile);
        }
        Throwable root = unwrap(t);
        int line = ScriptLines.lineIn(root, scriptFile);
        return at(scriptFile, line, message(root));
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

    private static String compileErrors(MultipleCompilationErrorsException e, String scriptFile) {
        List<String> lines = new ArrayList<>();
        for (Object o : e.getErrorCollector().getErrors()) {
            if (o instanceof SyntaxErrorMessage) {
                SyntaxException s = ((SyntaxErrorMessage) o).getCause();
                String msg = s.getOriginalMessage().trim();
                lines.add(at(scriptFile, s.getLine(), msg));
            } else if (o instanceof Message) {
                java.io.StringWriter w = new java.io.StringWriter();
                ((Message) o).write(new java.io.PrintWriter(w));
                lines.add(at(scriptFile, 0, w.toString().trim()));
            }
        }
        return lines.isEmpty() ? at(scriptFile, 0, e.getMessage()) : String.join("\n", lines);
    }
}
