package io.ftrun.core.files;

import io.ftrun.core.Client;
import io.ftrun.core.ClientConfig;
import io.ftrun.core.Connection;
import io.ftrun.core.Server;
import io.ftrun.core.ServerConfig;
import io.ftrun.core.support.CuttingProxy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Downloads (issue 14): a server serves a directory, read-only; a client fetches files and trees with the
 * guarantees a receiver has (verified, atomic, resumable, no overwrite), and never anything through a link.
 */
@Timeout(60)
class FetchTest {
    @TempDir
    Path tmp;
    private Server server;

    @AfterEach
    void stop() {
        if (server != null) server.close();
    }

    private Path served() throws IOException {
        Path root = tmp.resolve("served");
        write(root.resolve("readme.txt"), Fixture.randomBytes(1000, 1));
        write(root.resolve("dist/app.jar"), Fixture.randomBytes(300_000, 2));
        write(root.resolve("dist/docs/guide.txt"), Fixture.randomBytes(5000, 3));
        write(root.resolve("dist/.ftrun-tmp-123"), Fixture.randomBytes(10, 4)); // a temporary: never served
        return root;
    }

    private static void write(Path p, byte[] bytes) throws IOException {
        Files.createDirectories(p.getParent());
        Files.write(p, bytes);
        Files.setLastModifiedTime(p, FileTime.fromMillis(1_700_000_000_000L + bytes.length));
    }

    private int start(FileReceiverConfig receiving, ServeConfig serving) throws IOException {
        server = Server.start(ServerConfig.builder().name("files").host("127.0.0.1").port(0).idleTimeout(Duration.ofSeconds(20))
                .shutdownGrace(Duration.ofSeconds(2)).handler(FileReceiver.handler(receiving, serving)).build());
        return server.port();
    }

    private static Connection connect(int port) throws IOException {
        return Client.connect(ClientConfig.builder().name("fetch").host("127.0.0.1").port(port).idleTimeout(Duration.ofSeconds(20)).build());
    }

    private static FileReceiverConfig local(Path dir) {
        return FileReceiverConfig.builder().directory(dir).protocol(FileProtocol.FRAMED).naming(NamingPolicies.original(OnCollision.REJECT)).build();
    }

    private SendReport fetch(int port, Path into, SendOptions options, String... paths) throws IOException {
        try (Connection c = connect(port)) {
            return FileFetcher.fetch(c, () -> connect(port), List.of(paths), local(into), options);
        }
    }

    @Test
    void aFileAndATreeArriveVerifiedWithTheirTimes_AndAreSkippedTheSecondTime() throws Exception {
        Path root = served();
        int port = start(null, ServeConfig.builder().directory(root).build());
        Path into = tmp.resolve("into");
        SendReport first = fetch(port, into, SendOptions.defaults(), "readme.txt", "dist");
        assertTrue(first.allConfirmed(), first.toString());
        assertEquals(List.of("readme.txt", "dist/app.jar", "dist/docs/guide.txt"), first.files().stream().map(SendReport.FileResult::name).toList());
        for (String rel : List.of("readme.txt", "dist/app.jar", "dist/docs/guide.txt")) {
            Path src = root.resolve(rel);
            assertArrayEquals(Files.readAllBytes(src), Files.readAllBytes(into.resolve(rel)), rel);
            assertEquals(Files.getLastModifiedTime(src), Files.getLastModifiedTime(into.resolve(rel)), rel);
        }
        assertEquals(List.of(), Fixture.temporaries(into));
        assertFalse(Files.exists(into.resolve("dist/.ftrun-tmp-123")));

        SendReport again = fetch(port, into, SendOptions.defaults(), "readme.txt", "dist");
        assertTrue(again.allConfirmed(), again.toString());
        assertEquals(3, again.skipped(), again.toString());
    }

    @Test
    void listingShowsWhatAFetchWouldBring() throws Exception {
        Path root = served();
        int port = start(null, ServeConfig.builder().directory(root).build());
        try (Connection c = connect(port)) {
            List<RemoteFile> all = FileFetcher.list(c, "", null, local(tmp.resolve("unused")));
            assertEquals(List.of("dist/app.jar", "dist/docs/guide.txt", "readme.txt"), all.stream().map(RemoteFile::path).toList());
            assertEquals(300_000, all.get(0).size());
            assertEquals(Files.getLastModifiedTime(root.resolve("dist/app.jar")).toInstant(), all.get(0).modified());
        }
    }

    @Test
    void nothingIsReachedThroughALink_NorOutsideTheServedDirectory() throws Exception {
        Path root = served();
        Path secret = tmp.resolve("secret");
        write(secret.resolve("key.pem"), "private".getBytes());
        Files.createSymbolicLink(root.resolve("key.pem"), secret.resolve("key.pem"));
        Files.createSymbolicLink(root.resolve("dist/secrets"), secret);
        int port = start(null, ServeConfig.builder().directory(root).build());
        Path into = tmp.resolve("into");

        SendReport tree = fetch(port, into, SendOptions.defaults(), "");
        assertTrue(tree.allConfirmed(), tree.toString());
        assertEquals(List.of("dist/app.jar", "dist/docs/guide.txt", "readme.txt"), tree.files().stream().map(SendReport.FileResult::name).toList());

        SendReport refused = fetch(port, tmp.resolve("into2"), SendOptions.defaults(), "key.pem", "dist/secrets/key.pem", "dist/secrets",
                "../secret/key.pem", "dist/.ftrun-tmp-123");
        assertEquals(List.of(ErrorCode.NOT_FOUND, ErrorCode.NOT_FOUND, ErrorCode.NOT_FOUND, ErrorCode.NAME_REJECTED, ErrorCode.NAME_REJECTED),
                refused.files().stream().map(SendReport.FileResult::error).toList(), refused.toString());
        assertFalse(Files.exists(tmp.resolve("into2").resolve("key.pem")));
    }

    @Test
    void aLocalFileThatDiffersIsNotOverwritten() throws Exception {
        Path root = served();
        int port = start(null, ServeConfig.builder().directory(root).build());
        Path into = tmp.resolve("into");
        Files.createDirectories(into);
        Files.writeString(into.resolve("readme.txt"), "mine");
        SendReport r = fetch(port, into, SendOptions.defaults(), "readme.txt");
        assertFalse(r.allConfirmed());
        assertEquals(ErrorCode.EXISTS, r.files().get(0).error(), r.toString());
        assertEquals("mine", Files.readString(into.resolve("readme.txt")));
        assertEquals(List.of(), Fixture.temporaries(into));
    }

    @Test
    void theTokensOfEachSideOpenOnlyThatSide_AndAllowLimitsThePaths() throws Exception {
        Path root = served();
        Path inbox = tmp.resolve("inbox");
        int port = start(FileReceiverConfig.builder().directory(inbox).protocol(FileProtocol.FRAMED).token("up-secret").build(),
                ServeConfig.builder().directory(root).token("down-secret").allow("dist/**").build());

        SendReport wrong = fetch(port, tmp.resolve("a"), SendOptions.builder().token("up-secret").build(), "dist");
        assertEquals(ErrorCode.NOT_AUTHORISED, wrong.files().get(0).error(), wrong.toString());
        SendReport notAllowed = fetch(port, tmp.resolve("b"), SendOptions.builder().token("down-secret").build(), "readme.txt", "dist");
        assertEquals(ErrorCode.NOT_FOUND, notAllowed.files().get(0).error(), notAllowed.toString());
        assertEquals(3, notAllowed.files().size(), notAllowed.toString()); // dist's two files
        assertTrue(notAllowed.files().subList(1, 3).stream().allMatch(SendReport.FileResult::confirmed), notAllowed.toString());

        try (Connection c = connect(port)) { // the download token does not open uploads
            SendReport up = FileSender.send(c, root.resolve("readme.txt"), SendOptions.builder().token("down-secret").build());
            assertEquals(ErrorCode.NOT_AUTHORISED, up.files().get(0).error(), up.toString());
        }
        try (Connection c = connect(port)) {
            FileTransferException e = assertThrows(FileTransferException.class,
                    () -> FileFetcher.fetch(c, null, List.of("dist"), local(tmp.resolve("c")), SendOptions.builder().token("nope").build()));
            assertEquals(ErrorCode.NOT_AUTHORISED, e.code());
        }
        assertFalse(Files.exists(inbox.resolve("readme.txt")));
    }

    @Test
    void aDownloadCutInTheMiddleConnectsAgainAndResumes() throws Exception {
        Path root = tmp.resolve("served");
        write(root.resolve("big.bin"), Fixture.randomBytes(6 << 20, 9));
        int port = start(null, ServeConfig.builder().directory(root).build());
        Path into = tmp.resolve("into");
        try (CuttingProxy proxy = CuttingProxy.downstream(port, 3 << 20)) {
            SendReport r;
            try (Connection c = connect(proxy.port())) {
                r = FileFetcher.fetch(c, () -> connect(proxy.port()), List.of("big.bin"), local(into),
                        SendOptions.builder().reconnectBackoff(Duration.ofMillis(10)).build());
            }
            assertTrue(r.allConfirmed(), r.toString());
            assertTrue(r.files().get(0).resumedFrom() > 0, r.toString());
        }
        assertArrayEquals(Files.readAllBytes(root.resolve("big.bin")), Files.readAllBytes(into.resolve("big.bin")));
        assertEquals(List.of(), Fixture.temporaries(into));
    }
}
