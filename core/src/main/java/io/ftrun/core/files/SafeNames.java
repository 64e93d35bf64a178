package io.ftrun.core.files;

import io.ftrun.core.event.Sanitize;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Turns a peer's (or a naming policy's) name into a safe relative path, or refuses it. The rules, and why
 * (docs/FILES.md has the table):
 * <ul>
 *   <li>refused: empty names, absolute paths, {@code .} and {@code ..} components, empty components, backslashes
 *       (a Windows separator that would smuggle {@code ..\}), drive letters ({@code C:}), control characters
 *       (NUL, ESC and so every ANSI escape, DEL, C1), Unicode line and bidi-override characters (they disguise names
 *       in listings), components over 255 UTF-8 bytes, paths over {@value Protocol#MAX_PATH} bytes or 64 levels,
 *       text that is not valid UTF-8, and the reserved prefix {@code .ftrun-} of ftrun's own temporaries, in any
 *       case;</li>
 *   <li>neutralised: trailing dots and spaces are dropped (Windows drops them silently, so {@code a.pdf.} would
 *       become another file's name there), and Windows device names ({@code CON}, {@code NUL}, {@code COM1}, ...,
 *       with or without extension) get a leading {@code _}, so the tree can be copied to Windows safely.</li>
 * </ul>
 */
final class SafeNames {
    static final String RESERVED_PREFIX = ".ftrun-";
    static final int MAX_COMPONENT_BYTES = 255;
    static final int MAX_DEPTH = 64;
    private static final Set<String> DEVICES = Set.of("CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$",
            "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8", "COM9",
            "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9");

    private SafeNames() {
    }

    /** Decodes a name from the wire; anything but valid UTF-8 is refused (no silent replacement characters). */
    static String decode(byte[] utf8) throws FileTransferException {
        CharsetDecoder d = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            return d.decode(ByteBuffer.wrap(utf8)).toString();
        } catch (CharacterCodingException e) {
            throw refuse(new String(utf8, StandardCharsets.UTF_8), "is not valid UTF-8");
        }
    }

    /**
     * The safe, '/'-separated relative form of {@code name}.
     *
     * @throws FileTransferException with {@link ErrorCode#NAME_REJECTED} and a message saying why
     */
    static String clean(String name) throws FileTransferException {
        if (name == null || name.isEmpty()) throw refuse("", "is empty");
        if (name.startsWith("/")) throw refuse(name, "is an absolute path");
        if (name.indexOf('\\') >= 0) throw refuse(name, "contains a backslash ('/' is the only separator)");
        if (name.length() >= 2 && isAsciiLetter(name.charAt(0)) && name.charAt(1) == ':') {
            throw refuse(name, "starts with a drive letter");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (isControl(c)) {
                throw refuse(name, String.format("contains the control character U+%04X", (int) c));
            }
            if (Character.isSurrogate(c) && !validSurrogateAt(name, i)) throw refuse(name, "is not valid Unicode");
        }
        if (utf8Length(name) > Protocol.MAX_PATH) throw refuse(name, "is longer than " + Protocol.MAX_PATH + " bytes");
        String[] parts = name.split("/", -1);
        if (parts.length > MAX_DEPTH) throw refuse(name, "is nested deeper than " + MAX_DEPTH + " directories");
        List<String> out = new ArrayList<>(parts.length);
        for (String part : parts) {
            if (part.isEmpty()) throw refuse(name, "has an empty path component ('//' or a trailing '/')");
            if (part.equals(".") || part.equals("..")) throw refuse(name, "contains '" + part + "'");
            String c = stripTrailingDotsAndSpaces(part);
            if (c.isEmpty()) throw refuse(name, "has a component of only dots and spaces");
            if (isReserved(c)) throw refuse(name, "uses the prefix " + RESERVED_PREFIX + " reserved for ftrun's temporary files");
            if (isDevice(c)) c = "_" + c;
            if (utf8Length(c) > MAX_COMPONENT_BYTES) throw refuse(name, "has a component longer than " + MAX_COMPONENT_BYTES + " bytes");
            out.add(c);
        }
        return String.join("/", out);
    }

    /** The same rule as for text reaching logs: {@link Sanitize#isControl}. */
    static boolean isControl(char c) {
        return Sanitize.isControl(c);
    }

    private static boolean isAsciiLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    private static boolean validSurrogateAt(String s, int i) {
        char c = s.charAt(i);
        if (Character.isHighSurrogate(c)) return i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
        return i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
    }

    private static String stripTrailingDotsAndSpaces(String s) {
        int end = s.length();
        while (end > 0 && (s.charAt(end - 1) == '.' || s.charAt(end - 1) == ' ')) end--;
        return s.substring(0, end);
    }

    /**
     * Whether a component starts with {@link #RESERVED_PREFIX} in any case: on a case-insensitive file system
     * (macOS, Windows) {@code .FTRUN-tmp-1.part} is the same file as ftrun's own temporary.
     */
    static boolean isReserved(String component) {
        return component.regionMatches(true, 0, RESERVED_PREFIX, 0, RESERVED_PREFIX.length());
    }

    /** {@code CON}, {@code nul.txt}, {@code Com1.tar.gz}: Windows opens the device whatever the extension. */
    static boolean isDevice(String component) {
        int dot = component.indexOf('.');
        String stem = (dot < 0 ? component : component.substring(0, dot)).trim().toUpperCase(Locale.ROOT);
        return DEVICES.contains(stem);
    }

    static int utf8Length(String s) {
        try {
            return StandardCharsets.UTF_8.newEncoder().encode(CharBuffer.wrap(s)).remaining();
        } catch (CharacterCodingException e) {
            return Integer.MAX_VALUE;
        }
    }

    private static FileTransferException refuse(String name, String why) {
        String shown = Sanitize.forLog(name.length() > 200 ? name.substring(0, 200) + "..." : name);
        return new FileTransferException(ErrorCode.NAME_REJECTED, "name '" + shown + "' " + why);
    }
}
