package io.ftrun.dsl.internal;

/** A failure in the script's own code, its message already {@code script.groovy:LINE: what went wrong}. */
public final class ScriptFailure extends RuntimeException {
    public ScriptFailure(String located, Throwable cause) {
        super(located, cause);
    }
}
