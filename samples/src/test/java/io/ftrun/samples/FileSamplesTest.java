package io.ftrun.samples;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static io.ftrun.samples.FtrunProcess.sample;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The file samples: the tutorial's receiver done right, fed by the tutorial's python client, nc, and file-client. */
class FileSamplesTest {
    private static final Duration PEER = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    private List<Path> makeFiles(String prefix, int n) throws Exception {
        Random random = new Random(n);
        Path out = Files.createDirectories(dir.resolve("outbox"));
        List<Path> files = new java.util.ArrayList<>();
        for (int i = 0; i < n; i++) {
            byte[] bytes = new byte[20_000 + random.nextInt(300_000)];
            random.nextBytes(bytes);
            files.add(Files.write(out.resolve(prefix + i + ".pdf"), bytes));
        }
        return files;
    }

    private static String sha256(Path p) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p)));
    }

    private static Set<String> digests(List<Path> files) throws Exception {
        Set<String> s = new TreeSet<>();
        for (Path p : files) s.add(sha256(p));
        return s;
    }

    /** The finished files: hidden temporaries excluded (they may vanish while we look, as they are renamed). */
    private static List<Path> stored(Path inbox) throws Exception {
        for (int attempt = 0; ; attempt++) {
            try (Stream<Path> s = Files.walk(inbox)) {
                return s.filter(p -> !p.getFileName().toString().startsWith(".")).filter(Files::isRegularFile).sorted()
                        .collect(Collectors.toList());
            } catch (java.io.UncheckedIOException e) {
                if (attempt == 5 || !(e.getCause() instanceof java.nio.file.NoSuchFileException)) throw e;
            }
        }
    }

    @Test
    void twentyConcurrentTutorialClientsThenNcThenARestartThatContinuesTheCounter() throws Exception {
        Path inbox = dir.resolve("received");
        List<Path> files = makeFiles("report", 20);
        Path client = Peers.python("send_file.py", dir);
        try (FtrunProcess server = FtrunProcess.start(dir, sample("file-server.groovy"), "-Pport=0", "-Pdir=received")) {
            String port = String.valueOf(server.port());
            List<Peers.Result> results = Peers.runConcurrently(20, PEER,
                    i -> List.of("python3", client.toString(), "127.0.0.1", port, files.get(i).toString()));
            for (Peers.Result r : results) assertEquals(0, r.exitCode(), r.stderr());
            waitForFiles(inbox, 20);

            Path extra = makeFiles("extra", 1).get(0);
            Peers.Result nc = Peers.run(PEER, extra, "nc", "-N", "127.0.0.1", port);
            assertEquals(0, nc.exitCode(), nc.stderr());
            waitForFiles(inbox, 21);
            server.terminate();
        }
        List<Path> first = stored(inbox);
        assertEquals(21, first.size());
        Set<String> expectedNames = new TreeSet<>();
        for (int i = 1; i <= 21; i++) expectedNames.add("file_" + i + ".pdf");
        assertEquals(expectedNames, names(first), "distinct counter names, none overwritten");
        Set<String> sent = digests(files);
        sent.add(sha256(dir.resolve("outbox/extra0.pdf")));
        assertEquals(sent, digests(first), "every stored file is byte-for-byte one that was sent");

        // A restarted receiver continues the numbering instead of overwriting file_1.pdf.
        try (FtrunProcess again = FtrunProcess.start(dir, sample("file-server.groovy"), "-Pport=0", "-Pdir=received")) {
            String port = String.valueOf(again.port());
            Peers.Result r = Peers.run(PEER, null, "python3", client.toString(), "127.0.0.1", port, files.get(0).toString());
            assertEquals(0, r.exitCode(), r.stderr());
            waitForFiles(inbox, 22);
            again.terminate();
        }
        assertTrue(Files.exists(inbox.resolve("file_22.pdf")));
        assertEquals(sha256(files.get(0)), sha256(inbox.resolve("file_22.pdf")));
    }

    @Test
    void fileClientSendsRawAndFramedFilesAndDirectories() throws Exception {
        List<Path> files = makeFiles("doc", 3);
        Path tree = dir.resolve("tree");
        Files.createDirectories(tree.resolve("deeper"));
        Files.copy(files.get(1), tree.resolve("one.pdf"));
        Files.copy(files.get(2), tree.resolve("deeper/two.pdf"));

        try (FtrunProcess raw = FtrunProcess.start(dir, sample("file-server.groovy"), "-Pport=0", "-Pdir=raw-in");
             FtrunProcess framed = FtrunProcess.start(dir, sample("file-server.groovy"), "-Pport=0", "-Pdir=framed-in", "-Pprotocol=framed")) {
            FtrunProcess c1 = FtrunProcess.run(dir, Duration.ofSeconds(60), sample("file-client.groovy"),
                    "-Phost=127.0.0.1", "-Pport=" + raw.port(), "-Pfile=" + files.get(0));
            assertEquals(0, c1.exitCode(), c1.stderr());
            assertTrue(c1.stderr().contains("the receiver takes raw uploads only: sending the bytes as they are"), c1.stderr());

            // framed by default (protocol 'auto')
            FtrunProcess c2 = FtrunProcess.run(dir, Duration.ofSeconds(60), sample("file-client.groovy"),
                    "-Phost=127.0.0.1", "-Pport=" + framed.port(), "-Pfile=" + tree, "-Pcompress=true");
            assertEquals(0, c2.exitCode(), c2.stderr());
            assertTrue(c2.stderr().contains("sent tree/deeper/two.pdf"), c2.stderr());
            assertTrue(c2.stderr().contains("receiver verified"), c2.stderr());
            assertTrue(c2.stderr().contains("ftrun: sent 2 file(s) ("), "a summary line after the file lines:\n" + c2.stderr());
            assertTrue(!c2.stderr().contains("ftrun: sending "), "off a terminal, a file sent within the first progress interval has its sent line only:\n" + c2.stderr());

            // A directory cannot go raw: a clear error, framed (the receiver refuses: exit 5) or raw (exit 1).
            FtrunProcess c3 = FtrunProcess.run(dir, Duration.ofSeconds(60), sample("file-client.groovy"),
                    "-Phost=127.0.0.1", "-Pport=" + raw.port(), "-Pfile=" + tree);
            assertEquals(5, c3.exitCode(), c3.stderr());
            assertTrue(c3.stderr().contains("this receiver takes raw uploads only"), c3.stderr());
            FtrunProcess c3raw = FtrunProcess.run(dir, Duration.ofSeconds(60), sample("file-client.groovy"),
                    "-Phost=127.0.0.1", "-Pport=" + raw.port(), "-Pfile=" + tree, "-Pprotocol=raw");
            assertEquals(1, c3raw.exitCode(), c3raw.stderr());
            assertTrue(c3raw.stderr().contains("is a directory: the raw protocol sends one file"), c3raw.stderr());
            FtrunProcess c4 = FtrunProcess.run(dir, Duration.ofSeconds(60), sample("file-client.groovy"),
                    "-Phost=127.0.0.1", "-Pport=" + raw.port(), "-Pfile=" + files.get(0), "-Pprotocol=raw", "-Pcompress=true");
            assertEquals(2, c4.exitCode(), c4.stderr()); // a script error: nothing was tried
            assertTrue(c4.stderr().startsWith("file-client.groovy:23: compress needs protocol 'framed'"), c4.stderr());
            raw.terminate();
            framed.terminate();
        }
        assertEquals(sha256(files.get(0)), sha256(dir.resolve("raw-in/file_1.pdf")));
        assertEquals(sha256(files.get(1)), sha256(dir.resolve("framed-in/tree/one.pdf")));
        assertEquals(sha256(files.get(2)), sha256(dir.resolve("framed-in/tree/deeper/two.pdf")));
        assertEquals(1, stored(dir.resolve("raw-in")).size(), "the refused directory upload stored nothing");
    }

    @Test
    void aClientWithNothingToConnectToFailsClearly() throws Exception {
        int unused;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            unused = s.getLocalPort();
        }
        Path f = makeFiles("x", 1).get(0);
        FtrunProcess c = FtrunProcess.run(dir, Duration.ofSeconds(60), sample("file-client.groovy"),
                "-Phost=127.0.0.1", "-Pport=" + unused, "-Pfile=" + f);
        assertEquals(3, c.exitCode(), c.stderr());
        assertTrue(c.stderr().contains("file-client.groovy:19: client 'client' connect: cannot connect to 127.0.0.1:" + unused + " after 4 attempt(s)"), c.stderr());
        FtrunProcess missing = FtrunProcess.run(dir, Duration.ofSeconds(60), sample("file-client.groovy"), "-Pport=1");
        assertEquals(2, missing.exitCode());
        assertTrue(missing.stderr().startsWith("file-client.groovy:9: missing parameter 'file' (the file or directory to send): give -Pfile=VALUE"), missing.stderr());
    }

    /** A file sent within the first progress interval draws no progress line (TerminalProgressTest shows a long upload's). */
    @Test
    void onATerminalAQuickFileHasItsSentLineOnly() throws Exception {
        Path file = makeFiles("big", 1).get(0);
        try (FtrunProcess framed = FtrunProcess.start(dir, sample("file-server.groovy"), "-Pport=0", "-Pdir=in", "-Pprotocol=framed")) {
            // script(1) gives the client a pseudo-terminal, as a user's shell would
            String command = FtrunProcess.ROOT.resolve("ftrun") + " " + sample("file-client.groovy") + " -Phost=127.0.0.1 -Pport="
                    + framed.port() + " -Pprotocol=framed -Pfile=" + file;
            Peers.Result r = Peers.run(Duration.ofSeconds(60), null, "script", "-qefc", command, "/dev/null");
            assertEquals(0, r.exitCode(), r.stdout() + r.stderr());
            assertTrue(r.stdout().contains("ftrun: sent big0.pdf ("), r.stdout());
            assertTrue(!r.stdout().contains("\u001b[K"), "no progress line, none left behind (a 100% bar was, before its sent line):\n" + r.stdout());
            assertTrue(!r.stdout().contains("ftrun: sending big0.pdf"), "no plain progress lines on a terminal:\n" + r.stdout());
            framed.terminate();
        }
    }

    private static Set<String> names(List<Path> files) {
        return files.stream().map(p -> p.getFileName().toString()).collect(Collectors.toCollection(TreeSet::new));
    }

    /** The client is done when the server has the bytes; the final rename follows at once. Poll briefly. */
    private static void waitForFiles(Path inbox, int n) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.isDirectory(inbox) && stored(inbox).size() >= n) return;
            Thread.sleep(50);
        }
        throw new AssertionError("expected " + n + " files in " + inbox + ", found " + (Files.isDirectory(inbox) ? stored(inbox).size() : 0));
    }
}
