package io.ftrun.dsl;

import java.util.List;

/**
 * A script could not be compiled, declared something invalid, or its own code failed: thrown with the located
 * {@link ScriptProblem}s (one line per problem in the message, {@code script.groovy:LINE: what is wrong}).
 * Unchecked, because it crosses the script's closures on its way out.
 */
public final class ScriptError extends RuntimeException {
    private final transient List<ScriptProblem> problems;

    public ScriptError(List<ScriptProblem> problems) {
        super(String.join("\n", problems.stream().map(ScriptProblem::located).toList()), problems.isEmpty() ? null : problems.get(0).cause());
        if (problems.isEmpty()) throw new IllegalArgumentException("a script error needs a problem");
        this.problems = List.copyOf(problems);
    }

    public ScriptError(ScriptProblem problem) {
        this(List.of(problem));
    }

    public List<ScriptProblem> problems() {
        return problems;
    }

    /** The first problem (a compile error may have several). */
    public ScriptProblem problem() {
        return problems.get(0);
    }
}
