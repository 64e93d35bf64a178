package io.ftrun.dsl.internal;

/**
 * How many columns text takes on a terminal, and how to make it fit: a CJK character or an emoji takes two, a
 * combining mark none, everything else one (the common cases of wcwidth, enough to keep a line from wrapping).
 */
final class TerminalText {
    static final String ELLIPSIS = "..."; // ASCII: the terminal's encoding is not known to be UTF-8

    private TerminalText() {
    }

    static int columns(String s) {
        int n = 0;
        for (int i = 0; i < s.length(); ) {
            int c = s.codePointAt(i);
            n += columns(c);
            i += Character.charCount(c);
        }
        return n;
    }

    static int columns(int c) {
        int type = Character.getType(c);
        if (type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK || type == Character.FORMAT) return 0;
        boolean wide = (c >= 0x1100 && c <= 0x115f) || (c >= 0x2e80 && c <= 0xa4cf && c != 0x303f) || (c >= 0xac00 && c <= 0xd7a3)
                || (c >= 0xf900 && c <= 0xfaff) || (c >= 0xfe30 && c <= 0xfe4f) || (c >= 0xff00 && c <= 0xff60)
                || (c >= 0xffe0 && c <= 0xffe6) || (c >= 0x1f300 && c <= 0x1f64f) || (c >= 0x1f900 && c <= 0x1f9ff)
                || (c >= 0x20000 && c <= 0x3fffd);
        return wide ? 2 : 1;
    }

    /** The first code points of {@code s} that fit in {@code max} columns. */
    static String head(String s, int max) {
        int used = 0;
        int i = 0;
        while (i < s.length()) {
            int c = s.codePointAt(i);
            if (used + columns(c) > max) break;
            used += columns(c);
            i += Character.charCount(c);
        }
        return s.substring(0, i);
    }

    /** The last code points of {@code s} that fit in {@code max} columns. */
    static String tail(String s, int max) {
        int used = 0;
        int i = s.length();
        while (i > 0) {
            int c = s.codePointBefore(i);
            if (used + columns(c) > max) break;
            used += columns(c);
            i -= Character.charCount(c);
        }
        return s.substring(i);
    }

    /**
     * {@code s} in at most {@code max} columns, its middle replaced by {@link #ELLIPSIS} when too long: both ends of a
     * file name tell it apart (a folder, a date, the extension), so the end keeps a little more than the start.
     */
    static String shorten(String s, int max) {
        if (columns(s) <= max) return s;
        int room = max - ELLIPSIS.length();
        if (room < 2) return head(s, max);
        return head(s, room / 2) + ELLIPSIS + tail(s, room - room / 2);
    }
}
