package io.ftrun.dsl;

/**
 * A script could not be compiled or declared something invalid. The message is already located:
 * {@code script.groovy:LINE: what is wrong} (one line per problem).
 */
public final class ScriptError extends Exception {
    public ScriptError(String located, Throwable cause) {
        super(located, cause);
    }
}
