package io.ftrun.core.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Map;

/**
 * Shared secrets (the framed protocol's token, a key store's password). They come from a file or an environment
 * variable, never from a command-line argument: arguments are visible to every user of the machine in the process
 * list and end up in shell histories. Nothing here puts a secret into an exception message.
 */
public final class Secrets {
    /** Larger than any sensible token; a bigger file is a mistake (the wrong path), not a secret. */
    private static final long MAX_FILE = 4096;

    private Secrets() {
    }

    /** The file's content without its trailing line break ({@code echo secret > file} adds one). */
    public static String fromFile(Path file) throws IOException {
        if (Files.size(file) > MAX_FILE) throw new IOException("secret file " + file + " is larger than " + MAX_FILE + " bytes: is it the right file?");
        String s = stripLineEnd(Files.readString(file, StandardCharsets.UTF_8));
        if (s.isEmpty()) throw new IOException("secret file " + file + " is empty");
        return s;
    }

    /** The value of environment variable {@code name}; an error naming the variable (never a value) when unset or empty. */
    public static String fromEnv(String name) {
        return fromEnv(name, System.getenv());
    }

    static String fromEnv(String name, Map<String, String> env) {
        String v = env.get(name);
        if (v == null || v.isEmpty()) throw new IllegalArgumentException("environment variable " + name + " is not set (or empty)");
        return stripLineEnd(v);
    }

    private static String stripLineEnd(String s) {
        int end = s.length();
        while (end > 0 && (s.charAt(end - 1) == '\n' || s.charAt(end - 1) == '\r')) end--;
        return s.substring(0, end);
    }

    /**
     * Compares a presented secret with the expected one in time that depends on neither: both are hashed first, so
     * even their lengths stay hidden, then compared with {@link MessageDigest#isEqual}. Null never matches.
     */
    public static boolean matches(String expected, String presented) {
        if (expected == null || presented == null) return false;
        return MessageDigest.isEqual(sha256(expected), sha256(presented));
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
