package io.ftrun.dsl.internal;

import io.ftrun.core.security.Secrets;
import io.ftrun.dsl.DslException;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Function;

/**
 * A secret named in a script: {@code file: 'token.txt'} or {@code env: 'FTRUN_TOKEN'}. Never a literal and never a
 * {@code -P} parameter: a literal lands in version control, a parameter in the process list and shell history.
 */
public final class SecretValues {
    private SecretValues() {
    }

    /** Reads the secret {@code options} names; {@code what} is the setting, for messages (which never show a value). */
    public static String read(Map<String, ?> options, String what, Function<String, Path> resolve) {
        return read(options, what, "file", "env", resolve);
    }

    /** Like {@link #read(Map, String, Function)} with other option names, e.g. {@code passwordFile:} and {@code passwordEnv:}. */
    public static String read(Map<String, ?> options, String what, String fileKey, String envKey, Function<String, Path> resolve) {
        Object file = options.get(fileKey);
        Object env = options.get(envKey);
        if ((file == null) == (env == null)) {
            throw new DslException(what + " needs exactly one of " + fileKey + ": 'path' or " + envKey + ": 'VARIABLE'"
                    + " (a secret is never written into a script or passed as -P)");
        }
        if (file != null) {
            Path p = resolve.apply(String.valueOf(file));
            try {
                return Secrets.fromFile(p);
            } catch (IOException e) {
                throw new DslException(what + ": cannot read " + p + ": " + e.getMessage());
            }
        }
        try {
            return Secrets.fromEnv(String.valueOf(env));
        } catch (IllegalArgumentException e) {
            throw new DslException(what + ": " + e.getMessage());
        }
    }
}
