package io.ftrun.dsl.embed;

/** A script that cannot run: it does not compile, declares something invalid, or a server cannot start. */
public class FtrunException extends RuntimeException {
    public FtrunException(String message) {
        super(message);
    }

    public FtrunException(String message, Throwable cause) {
        super(message, cause);
    }
}
