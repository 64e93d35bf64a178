package io.ftrun.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A temporary directory for benchmarks that store files: in /dev/shm where there is one, so the scores hold the
 * user-space work and the system calls but not the disk (the disk is the kernel's cost, measured end to end by
 * run.py); elsewhere in the default temporary directory.
 */
final class Scratch {
    private static final Path SHM = Path.of("/dev/shm");

    private Scratch() {
    }

    static Path create(String prefix) throws IOException {
        return Files.isDirectory(SHM) && Files.isWritable(SHM) ? Files.createTempDirectory(SHM, prefix) : Files.createTempDirectory(prefix);
    }

    static void delete(Path dir) throws IOException {
        if (dir == null || !Files.exists(dir)) return;
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) walk.sorted(Comparator.reverseOrder())::iterator) Files.deleteIfExists(p);
        }
    }
}
