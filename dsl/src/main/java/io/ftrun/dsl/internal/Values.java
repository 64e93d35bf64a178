package io.ftrun.dsl.internal;

import io.ftrun.core.Units;
import io.ftrun.dsl.DslException;

import java.time.Duration;

/** Converts the readable values scripts write ({@code '2GB'}, {@code '30s'}, {@code params.port}) to engine values. */
public final class Values {
    private Values() {
    }

    /** One of an enum's constants, in any case ({@code 'framed'}); otherwise says which there are. */
    public static <E extends Enum<E>> E choice(Class<E> type, Object v, String what) {
        String name = String.valueOf(v).trim();
        E[] all = type.getEnumConstants();
        for (E e : all) {
            if (e.name().equalsIgnoreCase(name)) return e;
        }
        StringBuilder expected = new StringBuilder();
        for (int i = 0; i < all.length; i++) {
            if (i > 0) expected.append(i == all.length - 1 ? " or " : ", ");
            expected.append(all[i].name().toLowerCase(java.util.Locale.ROOT));
        }
        throw new DslException("unknown " + what + " '" + v + "' (expected " + expected + ")");
    }

    public static int port(Object v, String what) {
        int p = integer(v, what);
        if (p < 0 || p > 65535) throw new DslException(what + " must be a port number 0..65535, not " + v);
        return p;
    }

    public static int integer(Object v, String what) {
        if (v instanceof Number) return ((Number) v).intValue();
        if (v instanceof CharSequence) {
            try {
                return Integer.parseInt(v.toString().trim());
            } catch (NumberFormatException e) {
                throw new DslException(what + " must be a whole number, not '" + v + "'");
            }
        }
        throw new DslException(what + " must be a whole number, not " + describe(v));
    }

    /** A size: a number of bytes, or text such as {@code 64KB}, {@code 2GB}. */
    public static long size(Object v, String what) {
        if (v instanceof Number) return ((Number) v).longValue();
        if (v instanceof CharSequence) {
            try {
                return Units.parseSize(v.toString());
            } catch (IllegalArgumentException e) {
                throw new DslException(what + ": " + e.getMessage());
            }
        }
        throw new DslException(what + " must be a size such as '64KB' or '2GB', not " + describe(v));
    }

    /** A socket buffer size ({@code receiveBuffer '4MB'}, or bytes): 1 KiB..64 MiB, so a typo such as {@code '4'} or {@code '4GB'} is caught. */
    public static int socketBuffer(Object v, String what) {
        long bytes = size(v, what);
        if (bytes < (1 << 10) || bytes > (64 << 20)) {
            throw new DslException(what + " must be 1KB..64MB, not " + (v instanceof CharSequence ? "'" + v + "'" : v));
        }
        return (int) bytes;
    }

    /** A duration: a {@link Duration}, a number of seconds, or text such as {@code 500ms}, {@code 30s}, {@code 2m}. */
    public static Duration duration(Object v, String what) {
        if (v instanceof Duration) return (Duration) v;
        if (v instanceof Number) return Duration.ofMillis(Math.round(((Number) v).doubleValue() * 1000));
        if (v instanceof CharSequence) {
            try {
                return Units.parseDuration(v.toString());
            } catch (IllegalArgumentException e) {
                throw new DslException(what + ": " + e.getMessage());
            }
        }
        throw new DslException(what + " must be a duration such as '500ms' or '30s', not " + describe(v));
    }

    public static boolean bool(Object v, String what) {
        if (v instanceof Boolean) return (Boolean) v;
        if (v instanceof CharSequence) {
            String s = v.toString().trim().toLowerCase();
            if (s.equals("true") || s.equals("yes") || s.equals("on")) return true;
            if (s.equals("false") || s.equals("no") || s.equals("off")) return false;
        }
        throw new DslException(what + " must be true or false, not " + describe(v));
    }

    public static String describe(Object v) {
        return v == null ? "null" : v instanceof CharSequence ? "'" + v + "'" : v + " (" + v.getClass().getSimpleName() + ")";
    }
}
