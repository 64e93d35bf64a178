package io.ftrun.samples;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code ftrun send | receive | serve | fetch}, as a user types them, against each other and against the
 * tutorials' peers: {@code nc -N} and a python socket client uploading to {@code receive}, {@code send --raw} to
 * {@code nc -l}.
 */
class BuiltinCommandsTest {
    private static final Duration T = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    private Path tree() throws Exception {
        Path src = Files.createDirectories(dir.resolve("src/sub"));
        Random random = new Random(7);
        byte[] a = new byte[200_000];
        random.nextBytes(a);
        Files.write(dir.resolve("src/a.bin"), a);
        Files.writeString(src.resolve("b.txt"), "hello\n");
        return dir.resolve("src");
    }

    @Test
    void receiveTakesSendAndTheTutorialsRawClients() throws Exception {
        Path src = tree();
        Path raw = Files.write(dir.resolve("raw.pdf"), "raw bytes, then close".getBytes());
        Path client = Peers.python("send_file.py", dir);
        try (FtrunProcess rx = FtrunProcess.start(dir, "receive", "--port", "0", "--host", "127.0.0.1", "--dir", "inbox")) {
            String to = "127.0.0.1:" + rx.port();
            FtrunProcess send = FtrunProcess.run(dir, T, "send", src.toString(), "--to", to);
            assertEquals(0, send.exitCode(), send.stderr());
            assertTrue(send.stderr().contains("ftrun: sent 2 file(s) ("), send.stderr());
            FtrunProcess again = FtrunProcess.run(dir, T, "send", src.toString(), "--to", to);
            assertEquals(0, again.exitCode(), again.stderr());
            assertTrue(again.stderr().contains("sent 0 file(s) (0 B); 2 unchanged, skipped"), again.stderr());

            assertEquals(0, Peers.run(T, raw, "nc", "-N", "127.0.0.1", String.valueOf(rx.port())).exitCode());
            Peers.Result py = Peers.run(T, null, "python3", client.toString(), "127.0.0.1", String.valueOf(rx.port()), raw.toString());
            assertEquals(0, py.exitCode(), py.stderr());
            Path inbox = dir.resolve("inbox");
            awaitFiles(inbox, 4);
            assertEquals(new TreeSet<>(List.of("file_1", "file_2", "src/a.bin", "src/sub/b.txt")), files(inbox));
            assertArrayEquals(Files.readAllBytes(src.resolve("a.bin")), Files.readAllBytes(inbox.resolve("src/a.bin")));
            assertArrayEquals(Files.readAllBytes(raw), Files.readAllBytes(inbox.resolve("file_1")));
            assertArrayEquals(Files.readAllBytes(raw), Files.readAllBytes(inbox.resolve("file_2")));
            rx.terminate();
        }
    }

    /** A token restricts who may write: nc's upload, which cannot carry one, is refused, and the framed sender needs it. */
    @Test
    void aReceiverWithATokenTakesNoRawUploads() throws Exception {
        Path file = tree().resolve("a.bin");
        Path token = Files.writeString(dir.resolve("token.txt"), "s3cret\n");
        try (FtrunProcess rx = FtrunProcess.start(dir, "receive", "--port", "0", "--host", "127.0.0.1", "--dir", "locked",
                "--token-file", token.toString())) {
            String port = String.valueOf(rx.port());
            Peers.run(T, file, "nc", "-N", "127.0.0.1", port);
            FtrunProcess without = FtrunProcess.run(dir, T, "send", file.toString(), "--to", "127.0.0.1:" + port);
            assertEquals(5, without.exitCode(), without.stderr());
            FtrunProcess with = FtrunProcess.run(dir, T, "send", file.toString(), "--to", "127.0.0.1:" + port, "--token-file", token.toString());
            assertEquals(0, with.exitCode(), with.stderr());
            rx.terminate();
        }
        assertEquals(new TreeSet<>(List.of("a.bin")), files(dir.resolve("locked")), "only the framed sender with the token stored a file");
    }

    @Test
    void sendRawReachesNcListening() throws Exception {
        Path file = tree().resolve("a.bin");
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        Path out = dir.resolve("nc.out");
        Process nc = new ProcessBuilder("nc", "-l", "127.0.0.1", String.valueOf(port)).redirectOutput(out.toFile()).start();
        try {
            // nc may not listen yet: send's retries (with backoff) cover its start
            FtrunProcess send = FtrunProcess.run(dir, T, "send", "--raw", file.toString(), "--to", "127.0.0.1:" + port);
            assertEquals(0, send.exitCode(), send.stderr());
            assertTrue(nc.waitFor(30, java.util.concurrent.TimeUnit.SECONDS), "nc did not see the end of the upload");
            assertArrayEquals(Files.readAllBytes(file), Files.readAllBytes(out));
        } finally {
            nc.destroyForcibly();
        }
    }

    @Test
    void serveAndFetchATreeAndAFile() throws Exception {
        Path src = tree();
        try (FtrunProcess server = FtrunProcess.start(dir, "serve", src.toString(), "--port", "0")) {
            String from = "127.0.0.1:" + server.port();
            FtrunProcess all = FtrunProcess.run(dir, T, "fetch", from, ".", "--dir", "down");
            assertEquals(0, all.exitCode(), all.stderr());
            assertEquals(files(src), files(dir.resolve("down")));
            assertArrayEquals(Files.readAllBytes(src.resolve("a.bin")), Files.readAllBytes(dir.resolve("down/a.bin")));
            FtrunProcess one = FtrunProcess.run(dir, T, "fetch", from, "sub/b.txt", "--dir", "one");
            assertEquals(0, one.exitCode(), one.stderr());
            assertEquals("hello\n", Files.readString(dir.resolve("one/b.txt")));
            FtrunProcess missing = FtrunProcess.run(dir, T, "fetch", from, "nothere", "--dir", "none");
            assertEquals(5, missing.exitCode(), missing.stderr());   // refused by the server: not found
            assertTrue(missing.stderr().contains("'nothere' is not served here"), missing.stderr());
            server.terminate();
        }
    }

    /** A TLS receiver with openssl's self-signed certificate: send trusts it as a CA file, or by its key's pin. */
    @Test
    void sendAndReceiveOverTls() throws Exception {
        Path file = tree().resolve("a.bin");
        Peers.Result made = Peers.run(T, null, "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
                "-keyout", dir.resolve("key.pem").toString(), "-out", dir.resolve("cert.pem").toString(), "-subj", "/CN=localhost",
                "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost");
        assertEquals(0, made.exitCode(), made.stderr());
        Peers.Result pin = Peers.run(T, null, "sh", "-c", "openssl x509 -in '" + dir.resolve("cert.pem") + "' -pubkey -noout"
                + " | openssl pkey -pubin -outform der | openssl dgst -sha256 -binary | base64");
        try (FtrunProcess rx = FtrunProcess.start(dir, "receive", "--port", "0", "--host", "127.0.0.1", "--dir", "tls-in",
                "--tls-cert", "cert.pem", "--tls-key", "key.pem")) {
            String to = "127.0.0.1:" + rx.port();
            FtrunProcess ca = FtrunProcess.run(dir, T, "send", file.toString(), "--to", to, "--tls-ca", "cert.pem");
            assertEquals(0, ca.exitCode(), ca.stderr());
            FtrunProcess pinned = FtrunProcess.run(dir, T, "send", file.toString(), "--to", to, "--tls-pin", "sha256/" + pin.stdout().strip());
            assertEquals(0, pinned.exitCode(), pinned.stderr());
            assertTrue(pinned.stderr().contains("1 unchanged, skipped"), pinned.stderr());
            FtrunProcess untrusted = FtrunProcess.run(dir, T, "send", file.toString(), "--to", to, "--tls", "--retries", "0");
            assertTrue(untrusted.exitCode() != 0, "a certificate no CA of the JDK's signed was trusted: " + untrusted.stderr());
            rx.terminate();
        }
        assertArrayEquals(Files.readAllBytes(file), Files.readAllBytes(dir.resolve("tls-in/a.bin")));
        FtrunProcess half = FtrunProcess.run(dir, T, "receive", "--port", "0", "--tls-cert", "cert.pem");
        assertEquals(2, half.exitCode());
        assertTrue(half.stderr().contains("--tls-cert and --tls-key go together"), half.stderr());
        assertTrue(half.stderr().contains("taking files from anyone who can reach its port"), "every interface, no token: " + half.stderr());
    }

    private static TreeSet<String> files(Path root) throws Exception {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(Files::isRegularFile).map(p -> root.relativize(p).toString().replace(File.separatorChar, '/'))
                    .filter(n -> !n.startsWith(".") && !n.contains("/.")).collect(Collectors.toCollection(TreeSet::new));
        }
    }

    /** Raw uploads are stored after the peer has closed, so the receiver may be a moment behind nc's exit. */
    private static void awaitFiles(Path root, int n) throws Exception {
        long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (files(root).size() < n && System.nanoTime() < end) Thread.sleep(50);
    }
}
