package io.ftrun.dsl;

/**
 * A mistake in a script: a bad value, a misplaced block, a missing setting. The runner reports it as
 * {@code script.groovy:LINE: message}, the line taken from where the script called the DSL.
 */
public class DslException extends RuntimeException {
    public DslException(String message) {
        super(message);
    }

    public DslException(String message, Throwable cause) {
        super(message, cause);
    }
}
