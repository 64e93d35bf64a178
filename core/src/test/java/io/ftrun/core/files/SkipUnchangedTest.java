package io.ftrun.core.files;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Sending a folder again sends only what changed: the receiver answers SKIP for a file it holds under the sender's
 * path with the same size and mtime (rsync's quick check), and never for anything else (issue 14).
 */
@Timeout(60)
class SkipUnchangedTest {
    @TempDir
    Path tmp;

    private Path tree() throws Exception {
        Path root = tmp.resolve("site");
        for (int i = 0; i < 10; i++) {
            Path p = root.resolve("page" + i + ".html");
            Files.createDirectories(p.getParent());
            Files.write(p, Fixture.randomBytes(5000 + i, i));
            Files.setLastModifiedTime(p, FileTime.fromMillis(1_700_000_000_000L + i * 1000L));
        }
        return root;
    }

    private static FileReceiverConfig.Builder receiver(Path in) {
        return FileReceiverConfig.builder().directory(in).protocol(FileProtocol.FRAMED);
    }

    @Test
    void anUnchangedTreeIsSkippedAndAChangedFileIsSentAgain() throws Exception {
        Path root = tree();
        Path in = tmp.resolve("in");
        try (Fixture f = Fixture.start(receiver(in).naming(NamingPolicies.original(OnCollision.OVERWRITE)).build())) {
            SendReport first = f.send(root, SendOptions.defaults());
            assertTrue(first.allConfirmed(), first.toString());
            assertEquals(0, first.skipped());

            SendReport second = f.send(root, SendOptions.defaults());
            assertTrue(second.allConfirmed(), second.toString());
            assertEquals(10, second.skipped(), second.toString());
            assertTrue(second.files().stream().allMatch(r -> r.storedName().startsWith("site/page")));
            assertEquals(10, f.await("file-skipped", 10, Duration.ofSeconds(5)).size());

            Files.write(root.resolve("page3.html"), "changed".getBytes()); // new size and mtime
            Files.setLastModifiedTime(root.resolve("page7.html"), FileTime.fromMillis(1_800_000_000_000L)); // touched
            SendReport third = f.send(root, SendOptions.defaults());
            assertTrue(third.allConfirmed(), third.toString());
            assertEquals(8, third.skipped(), third.toString());
            assertFalse(third.files().get(3).skipped());
            assertFalse(third.files().get(7).skipped());
            f.awaitIdle(Duration.ofSeconds(5));
        }
        assertArrayEquals("changed".getBytes(), Files.readAllBytes(in.resolve("site/page3.html")));
        assertEquals(List.of(), Fixture.temporaries(in));
    }

    @Test
    void nothingIsSkippedWhenAsked_AfterAnOverwrite_OrUnderACounter() throws Exception {
        Path root = tree();
        Path in = tmp.resolve("in");
        try (Fixture f = Fixture.start(receiver(in).build())) { // original(rename), the default
            f.send(root, SendOptions.defaults());
            SendReport noSkip = f.send(root, SendOptions.builder().skipUnchanged(false).build());
            assertEquals(0, noSkip.skipped());
            assertTrue(noSkip.files().stream().allMatch(r -> r.storedName().matches("site/page\\d-1\\.html")), noSkip.toString());
        }
        Path counted = tmp.resolve("counted");
        try (Fixture f = Fixture.start(receiver(counted).naming(NamingPolicies.counter("file_%d.bin")).build())) {
            f.send(root, SendOptions.defaults());
            SendReport again = f.send(root, SendOptions.defaults());
            assertEquals(0, again.skipped(), "a counter does not keep the sender's path: nothing to recognise");
            assertEquals(20, Fixture.finalFiles(counted).size());
        }
    }

    @Test
    void aLinkUnderTheSendersPathIsNeverTakenForTheFile() throws Exception {
        Path root = tree();
        Path in = tmp.resolve("in");
        Files.createDirectories(in.resolve("site"));
        Path outside = Files.write(tmp.resolve("outside.html"), Files.readAllBytes(root.resolve("page0.html")));
        Files.setLastModifiedTime(outside, Files.getLastModifiedTime(root.resolve("page0.html")));
        Files.createSymbolicLink(in.resolve("site/page0.html"), outside); // same size and mtime, seen through the link
        try (Fixture f = Fixture.start(receiver(in).build())) {
            SendReport r = f.send(root, SendOptions.defaults());
            assertTrue(r.allConfirmed(), r.toString());
            assertFalse(r.files().get(0).skipped(), "a link is not the file");
            assertEquals("site/page0-1.html", r.files().get(0).storedName());
        }
    }

    @Test
    void aFileTheReceiverWouldRefuseIsRefusedNotSkipped() throws Exception {
        Path root = tree();
        Path in = tmp.resolve("in");
        try (Fixture f = Fixture.start(receiver(in).build())) {
            f.send(root, SendOptions.defaults());
        }
        try (Fixture f = Fixture.start(receiver(in).authorize(req -> !req.originalName().endsWith("page5.html")).build())) {
            SendReport r = f.send(root, SendOptions.defaults());
            assertEquals(ErrorCode.NOT_AUTHORISED, r.files().get(5).error(), "an unauthorised sender learns nothing, not even that it is there");
            assertEquals(9, r.skipped());
        }
    }

    @Test
    void aLocalNameThatIsNotUtf8FailsThatFileAloneAndTheRestArrive() throws Exception {
        Path root = tree();
        Process p = new ProcessBuilder("python3", "-c", "import sys; open(sys.argv[1].encode() + b'/bad\\xff.html', 'wb').write(b'x')",
                root.toString()).inheritIO().start();
        assertEquals(0, p.waitFor());
        Path in = tmp.resolve("in");
        try (Fixture f = Fixture.start(receiver(in).build())) {
            SendReport r = f.send(root, SendOptions.defaults());
            assertEquals(11, r.files().size(), r.toString());
            assertEquals(1, r.failed().size(), r.toString());
            assertEquals(ErrorCode.IO_ERROR, r.failed().get(0).error());
            assertTrue(r.failed().get(0).message().contains("not valid UTF-8"), r.failed().get(0).message());
            assertEquals(10, Fixture.finalFiles(in).size());
        }
    }

    @Test
    void anotherFileOfTheSameNameSizeAndTimeIsNotTakenForIt() throws Exception {
        Path root = tree();
        Path in = tmp.resolve("in");
        Path page = root.resolve("page4.html");
        FileTime when = Files.getLastModifiedTime(page);
        Path other = tmp.resolve("other/site/page4.html");
        Files.createDirectories(other.getParent());
        Files.write(other, Fixture.randomBytes((int) Files.size(page), 99)); // same size, other bytes
        Files.setLastModifiedTime(other, when);
        try (Fixture f = Fixture.start(receiver(in).naming(NamingPolicies.original(OnCollision.OVERWRITE)).build())) {
            assertTrue(f.send(other.getParent(), SendOptions.defaults()).allConfirmed()); // someone else's page4 first
            SendReport r = f.send(root, SendOptions.defaults());
            assertTrue(r.allConfirmed(), r.toString());
            assertFalse(r.files().get(4).skipped(), "same name, size and time, other bytes: sent, not skipped");
            f.awaitIdle(Duration.ofSeconds(5));
        }
        assertArrayEquals(Files.readAllBytes(page), Files.readAllBytes(in.resolve("site/page4.html")));
    }
}
