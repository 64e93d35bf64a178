package io.ftrun.core.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

/** Files to upload and the checks on a receiver's directory afterwards. */
final class Uploads {
    private Uploads() {
    }

    /** Writes {@code n} files named {@code prefix-i.bin} of pseudo-random content, sizes between min and max bytes. */
    static List<Path> make(Path dir, String prefix, int n, int min, int max, long seed) throws IOException {
        Files.createDirectories(dir);
        Random r = new Random(seed);
        List<Path> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            byte[] b = new byte[min + r.nextInt(max - min + 1)];
            r.nextBytes(b);
            out.add(Files.write(dir.resolve(prefix + "-" + i + ".bin"), b));
        }
        return out;
    }

    /** Names of regular files in {@code dir} (top level) that a user would see: not ftrun's hidden temporaries. */
    static List<String> finalNames(Path dir) {
        return list(dir).stream().filter(n -> !n.startsWith(".ftrun-")).sorted().toList();
    }

    /** ftrun's hidden files in {@code dir}, but for the commit lock file every receiver keeps there. */
    static List<String> temporaries(Path dir) {
        return list(dir).stream().filter(n -> n.startsWith(".ftrun-") && !n.equals(COMMIT_LOCK)).sorted().toList();
    }

    static final String COMMIT_LOCK = ".ftrun-commit.lock";

    private static List<String> list(Path dir) {
        if (!Files.isDirectory(dir)) return List.of();
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(Files::isRegularFile).map(p -> p.getFileName().toString()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static boolean sameContent(Path a, Path b) {
        try {
            return Arrays.equals(Files.readAllBytes(a), Files.readAllBytes(b));
        } catch (IOException e) {
            return false;
        }
    }
}
