package io.ftrun.core.files;

import com.code_intelligence.jazzer.junit.FuzzTest;

import java.nio.file.Path;

/**
 * Coverage-guided fuzzing of the name rules: any bytes a peer sends as a path are either refused with
 * {@code NAME_REJECTED} or become a relative name that stays inside the target directory and contains nothing a
 * terminal or another operating system would misread. Regression inputs: {@code SafeNamesFuzzTestInputs/}.
 */
class SafeNamesFuzzTest {
    private static final Path DIR = Path.of("/srv/inbox");

    @FuzzTest(maxDuration = "10s")
    void peerNames(byte[] utf8) {
        String name;
        try {
            name = SafeNames.clean(SafeNames.decode(utf8));
        } catch (FileTransferException e) {
            if (e.code() != ErrorCode.NAME_REJECTED) throw new AssertionError("refused with " + e.code());
            return;
        }
        check(name);
        try {
            // cleaning is idempotent: a clean name is its own clean form
            if (!SafeNames.clean(name).equals(name)) throw new AssertionError("clean is not idempotent for " + name);
        } catch (FileTransferException e) {
            throw new AssertionError("a clean name was refused on a second look: " + name, e);
        }
    }

    static void check(String name) {
        if (name.isEmpty() || name.startsWith("/") || name.indexOf('\\') >= 0) throw new AssertionError("not relative: " + name);
        for (int i = 0; i < name.length(); i++) {
            if (SafeNames.isControl(name.charAt(i))) throw new AssertionError("control character in " + name);
        }
        for (String part : name.split("/", -1)) {
            if (part.isEmpty() || part.equals(".") || part.equals("..")) throw new AssertionError("bad component in " + name);
            if (SafeNames.isReserved(part)) throw new AssertionError("reserved prefix in " + name);
            if (part.endsWith(".") || part.endsWith(" ")) throw new AssertionError("trailing dot or space in " + name);
            if (SafeNames.isDevice(part)) throw new AssertionError("a Windows device name: " + name);
        }
        Path resolved = DIR.resolve(name).normalize();
        if (!resolved.startsWith(DIR) || resolved.equals(DIR)) throw new AssertionError(name + " escapes to " + resolved);
    }
}
