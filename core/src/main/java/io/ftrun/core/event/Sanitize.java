package io.ftrun.core.event;

/** Makes peer-controlled text safe for logs and terminals: every event, log line and report that quotes a peer goes through it. */
public final class Sanitize {
    private Sanitize() {
    }

    /**
     * Replaces control characters (C0, DEL, C1 — which includes the start of ANSI escape sequences) with
     * {@code \xNN} or {@code \\uNNNN}, so a peer cannot forge log lines or drive the terminal.
     */
    public static String forLog(String s) {
        if (s == null) return null;
        StringBuilder out = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (isControl(c)) {
                if (out == null) out = new StringBuilder(s.length() + 8).append(s, 0, i);
                out.append(c <= 0xff ? String.format("\\x%02x", (int) c) : String.format("\\u%04x", (int) c));
            } else if (out != null) {
                out.append(c);
            }
        }
        return out == null ? s : out.toString();
    }

    /**
     * Characters a peer could use to drive a terminal or disguise text: C0, DEL, C1 (ANSI escapes start with ESC or
     * CSI), line/paragraph separators, bidi embeddings, overrides, isolates and marks, and the byte-order mark.
     */
    public static boolean isControl(char c) {
        return c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == '\u2028' || c == '\u2029'
                || (c >= '\u202a' && c <= '\u202e') || (c >= '\u2066' && c <= '\u2069') || c == '\u200e' || c == '\u200f'
                || c == '\ufeff';
    }
}
