package io.ftrun.core;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Readable sizes ({@code 64KB}, {@code 2GB}, {@code 1.5MiB}), durations ({@code 30s}, {@code 500ms}, {@code 2m}) and times left ({@code 3m05s}). */
public final class Units {
    private static final Pattern SIZE = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*([kmgt]i?b?|b)?", Pattern.CASE_INSENSITIVE);
    private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|h|d)", Pattern.CASE_INSENSITIVE);

    private Units() {
    }

    /**
     * Parses a size. Units are binary (1KB = 1024 bytes), as users of file tools expect; {@code KiB} etc. are
     * accepted too. A bare number is bytes.
     */
    public static long parseSize(String text) {
        Matcher m = SIZE.matcher(text.trim());
        if (!m.matches()) throw new IllegalArgumentException("not a size: '" + text + "' (expected e.g. 512, 64KB, 2GB)");
        double value = Double.parseDouble(m.group(1));
        String unit = m.group(2) == null ? "b" : m.group(2).toLowerCase(Locale.ROOT);
        long factor;
        switch (unit.charAt(0)) {
            case 'k': factor = 1L << 10; break;
            case 'm': factor = 1L << 20; break;
            case 'g': factor = 1L << 30; break;
            case 't': factor = 1L << 40; break;
            default: factor = 1; break;
        }
        double bytes = value * factor;
        if (bytes > Long.MAX_VALUE) throw new IllegalArgumentException("size too large: '" + text + "'");
        return (long) bytes;
    }

    /** Parses a duration such as {@code 30s}, {@code 500ms}, {@code 2m}, {@code 1h}, {@code 1d}; {@code 0} means none. */
    public static Duration parseDuration(String text) {
        String t = text.trim();
        if (t.equals("0")) return Duration.ZERO;
        Matcher m = DURATION.matcher(t);
        if (!m.matches()) throw new IllegalArgumentException("not a duration: '" + text + "' (expected e.g. 500ms, 30s, 2m, 1h)");
        double v = Double.parseDouble(m.group(1));
        switch (m.group(2).toLowerCase(Locale.ROOT)) {
            case "ms": return Duration.ofNanos((long) (v * 1e6));
            case "s": return Duration.ofNanos((long) (v * 1e9));
            case "m": return Duration.ofNanos((long) (v * 60e9));
            case "h": return Duration.ofNanos((long) (v * 3600e9));
            default: return Duration.ofNanos((long) (v * 86400e9));
        }
    }

    /**
     * Formats bytes for people: {@code 1.5 MiB}, one decimal. Not {@code String.format}: it ran twice a file and was a
     * tenth of a 5000-file upload's CPU on the sending side (the Formatter, its regex and the JIT compiling them).
     */
    public static String formatSize(long bytes) {
        if (bytes < 1024) return bytes + " B";
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double v = bytes;
        int i = -1;
        while (v >= 1024 && i < units.length - 1) {
            v /= 1024;
            i++;
        }
        long tenths = Math.round(v * 10);
        return tenths / 10 + "." + tenths % 10 + " " + units[i];
    }

    /**
     * Formats a time left for people, rounded up (a transfer 0.2 s from its end has 1s left, not 0s): {@code 42s},
     * {@code 3m05s}, {@code 1h02m} past an hour, {@code 2d03h} past a day. Null or negative is {@code 0s}.
     */
    public static String formatEta(Duration left) {
        long s = left == null || left.isNegative() ? 0 : left.getSeconds() + (left.getNano() > 0 ? 1 : 0);
        if (s < 60) return s + "s";
        if (s < 3600) return s / 60 + "m" + twoDigits(s % 60) + "s";
        long m = (s + 59) / 60;
        if (m < 24 * 60) return m / 60 + "h" + twoDigits(m % 60) + "m";
        long h = (m + 59) / 60;
        return h / 24 + "d" + twoDigits(h % 24) + "h";
    }

    private static String twoDigits(long n) {
        return n < 10 ? "0" + n : String.valueOf(n);
    }
}
