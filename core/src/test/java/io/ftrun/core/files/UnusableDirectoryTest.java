package io.ftrun.core.files;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** A receiver that cannot store files in its directory says why when it starts, not just the path again. */
class UnusableDirectoryTest {
    @TempDir
    Path tmp;

    private static String refusal(Path dir) {
        return assertThrows(UncheckedIOException.class,
                () -> Fixture.start(FileReceiverConfig.builder().directory(dir).protocol(FileProtocol.FRAMED).build())).getMessage();
    }

    @Test
    void aFileWhereTheDirectoryShouldBe() throws Exception {
        Path file = Files.writeString(tmp.resolve("inbox"), "a file");
        assertEquals("cannot receive files into " + file + ": it is a file, not a directory", refusal(file));
        assertEquals("cannot receive files into " + file.resolve("sub") + ": " + file + " is a file, not a directory",
                refusal(file.resolve("sub")));
    }

    /** /proc takes no new files, even from root, whom Files.isWritable tells it may. */
    @Test
    void aFileSystemThatTakesNoFiles() {
        assumeTrue(Files.isDirectory(Path.of("/proc/self")), "a Linux /proc");
        assertEquals("cannot receive files into /proc/ftrun-inbox: directories cannot be made in /proc (its file system"
                + " takes no new files, as /proc and /sys do)", refusal(Path.of("/proc/ftrun-inbox")));
        assertEquals("cannot receive files into /proc: it is not writable: a file cannot be created in it (its file system"
                + " takes no new files)", refusal(Path.of("/proc")));
    }
}
