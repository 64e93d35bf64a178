package io.ftrun.core.files;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** The python client (written from docs/PROTOCOL.md alone) against the real receiver. */
class PythonClientTest {
    @TempDir
    Path tmp;

    private Proc python(int port, String... args) throws Exception {
        String[] cmd = new String[4 + args.length];
        cmd[0] = "python3";
        cmd[1] = Proc.pythonClient();
        cmd[2] = "--port";
        cmd[3] = String.valueOf(port);
        System.arraycopy(args, 0, cmd, 4, args.length);
        return Proc.start(cmd);
    }

    @Test
    void aDirectoryTreeArrivesWithEveryDigestAlgorithm() throws Exception {
        Path tree = tmp.resolve("project");
        List<String> names = List.of("README.md", "src/main.c", "src/lib/util.c", "docs/ü.txt", "empty");
        for (int i = 0; i < names.size(); i++) {
            Path p = tree.resolve(names.get(i));
            Files.createDirectories(p.getParent());
            Files.write(p, names.get(i).equals("empty") ? new byte[0] : Fixture.randomBytes(5000 + 70_000 * i, i));
        }
        for (String digest : Digests.supported()) {
            Path in = tmp.resolve("in-" + digest);
            try (Fixture f = Fixture.start(FileReceiverConfig.builder().directory(in).protocol(FileProtocol.FRAMED).build())) {
                Proc p = python(f.port(), "--digest", digest, tree.toString());
                assertEquals(0, p.waitFor(Duration.ofSeconds(60)), p.output());
                assertEquals(names.size(), p.lines().stream().filter(l -> l.startsWith("OK ")).count(), p.output());
            }
            for (String n : names) {
                assertArrayEquals(Files.readAllBytes(tree.resolve(n)), Files.readAllBytes(in.resolve("project").resolve(n)), digest + " " + n);
            }
        }
    }

    @Test
    void exitCodeIsNonZeroUnlessEveryFileIsConfirmed() throws Exception {
        Path in = tmp.resolve("in");
        Path ok = Files.write(tmp.resolve("ok.bin"), new byte[100]);
        Path big = Files.write(tmp.resolve("big.bin"), new byte[5000]);
        try (Fixture f = Fixture.start(FileReceiverConfig.builder().directory(in).protocol(FileProtocol.FRAMED)
                .maxFileSize(1000).token("t0k").build())) {
            Proc p = python(f.port(), "--token", "t0k", ok.toString(), big.toString());
            assertEquals(1, p.waitFor(Duration.ofSeconds(30)), p.output());
            assertTrue(p.output().contains("OK ok.bin"), p.output());
            assertTrue(p.output().contains("FAIL big.bin 6 "), p.output());
            Proc wrong = python(f.port(), "--token", "nope", ok.toString());
            assertEquals(2, wrong.waitFor(Duration.ofSeconds(30)), wrong.output());
            assertTrue(wrong.output().contains("10"), wrong.output());
        }
        assertEquals(List.of("ok.bin"), Fixture.listFiles(in));
    }
}
