package io.ftrun.core.files;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;

import static org.junit.jupiter.api.Assertions.*;

class NamingPoliciesTest {
    @TempDir
    Path dir;

    private NameRequest req(String original) {
        return new NameRequest(dir, new InetSocketAddress("127.0.0.1", 40000), original, 123, 7,
                Instant.parse("2025-03-04T05:06:07.089Z"), original == null ? FileProtocol.RAW : FileProtocol.FRAMED);
    }

    @Test
    void counterNumbersFromOneAndFormats() {
        NamingPolicy p = NamingPolicies.counter("file_%d.pdf");
        assertEquals("file_1.pdf", p.propose(req(null), 0));
        assertEquals("file_2.pdf", p.propose(req(null), 0));
        assertEquals("file_3.pdf", p.propose(req(null), 1), "a collision just takes the next number");
        NamingPolicy padded = NamingPolicies.counter("scan-%04d.tif");
        assertEquals("scan-0001.tif", padded.propose(req(null), 0));
        assertEquals("100%_1", NamingPolicies.counter("100%%_%d").propose(req(null), 0));
    }

    @Test
    void counterContinuesAfterHighestExistingNumber() throws Exception {
        Files.writeString(dir.resolve("file_5.pdf"), "x");
        Files.writeString(dir.resolve("file_12.pdf"), "x");
        Files.writeString(dir.resolve("file_99.txt"), "other pattern");
        Files.writeString(dir.resolve("file_x.pdf"), "no number");
        NamingPolicy p = NamingPolicies.counter("file_%d.pdf");
        assertEquals("file_13.pdf", p.propose(req(null), 0));
    }

    @Test
    void counterIsUniqueAcrossThreads() throws Exception {
        NamingPolicy p = NamingPolicies.counter("f%d");
        Set<String> names = ConcurrentHashMap.newKeySet();
        int threads = 8;
        int each = 500;
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> ts = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Thread th = new Thread(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int i = 0; i < each; i++) assertTrue(names.add(p.propose(req(null), 0)));
            });
            ts.add(th);
            th.start();
        }
        go.countDown();
        for (Thread th : ts) th.join(10_000);
        assertEquals(threads * each, names.size());
    }

    @Test
    void badCounterPatternsAreRefusedWithAClearMessage() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> NamingPolicies.counter("file.pdf")).getMessage().contains("%d"));
        assertThrows(IllegalArgumentException.class, () -> NamingPolicies.counter("a%d_%d"));
        assertThrows(IllegalArgumentException.class, () -> NamingPolicies.counter("dir/f%d"));
        assertThrows(IllegalArgumentException.class, () -> NamingPolicies.counter("f%d%s"));
    }

    @Test
    void timestampUsesTheTransferStartAndSuffixesCollisions() {
        NamingPolicy p = NamingPolicies.timestamp("scan_%s.pdf");
        String ts = java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS").withZone(ZoneId.systemDefault())
                .format(Instant.parse("2025-03-04T05:06:07.089Z"));
        assertEquals("scan_" + ts + ".pdf", p.propose(req(null), 0));
        assertEquals("scan_" + ts + "-2.pdf", p.propose(req(null), 2));
        assertEquals("day-2025", NamingPolicies.timestamp("day-%s", "yyyy").propose(req(null), 0));
        assertThrows(IllegalArgumentException.class, () -> NamingPolicies.timestamp("no-placeholder"));
    }

    @Test
    void uuidKeepsTheExtension() {
        String a = NamingPolicies.uuid().propose(req("docs/report.pdf"), 0);
        String b = NamingPolicies.uuid().propose(req(null), 0);
        assertTrue(a.matches("[0-9a-f-]{36}\\.pdf"), a);
        assertTrue(b.matches("[0-9a-f-]{36}"), b);
    }

    @Test
    void originalUsesTheSendersPathAndSuffixes() {
        NamingPolicy p = NamingPolicies.original(OnCollision.RENAME);
        assertEquals("docs/report.pdf", p.propose(req("docs/report.pdf"), 0));
        assertEquals("docs/report-1.pdf", p.propose(req("docs/report.pdf"), 1));
        assertNull(p.propose(req(null), 0), "raw connections carry no name");
        assertTrue(p.needsOriginalName());
        assertEquals(OnCollision.REJECT, NamingPolicies.original(OnCollision.REJECT).onCollision());
    }

    /** original(raw: counter): the sender's path for framed files, a number for raw ones, which never replaces a file. */
    @Test
    void originalWithARawNamingNamesBothAndOnlyRenames() {
        NamingPolicy p = NamingPolicies.original(OnCollision.RENAME, NamingPolicies.counter("file_%d"));
        assertEquals("docs/report-1.pdf", p.propose(req("docs/report.pdf"), 1));
        assertTrue(p.keepsSendersPath() && !p.needsOriginalName());
        IllegalArgumentException overwrite = assertThrows(IllegalArgumentException.class,
                () -> NamingPolicies.original(OnCollision.OVERWRITE, NamingPolicies.counter("file_%d")));
        assertTrue(overwrite.getMessage().contains("takes onCollision 'rename' only"), overwrite.getMessage());
        assertThrows(IllegalArgumentException.class, () -> NamingPolicies.original(OnCollision.REJECT, NamingPolicies.counter("file_%d")));
        assertThrows(IllegalArgumentException.class, () -> NamingPolicies.original(OnCollision.RENAME, NamingPolicies.original(OnCollision.RENAME)));
    }

    @Test
    void rawReceiverRefusesOriginalNamingAtConfigurationTime() {
        var e = assertThrows(IllegalArgumentException.class, () -> FileReceiverConfig.builder().directory(dir)
                .protocol(FileProtocol.RAW).naming(NamingPolicies.original(OnCollision.RENAME)).build());
        assertTrue(e.getMessage().contains("FRAMED"), e.getMessage());
    }

    @Test
    void templateFillsEveryPlaceholder() {
        NamingPolicy p = NamingPolicies.template("{date}/{remote}-{port}-{id}-{counter}-{base}{ext}-{size}-{time}-{name}");
        String time = java.time.format.DateTimeFormatter.ofPattern("HHmmss").withZone(ZoneId.systemDefault())
                .format(Instant.parse("2025-03-04T05:06:07.089Z"));
        String date = java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneId.systemDefault())
                .format(Instant.parse("2025-03-04T05:06:07.089Z"));
        assertEquals(date + "/127.0.0.1-40000-7-1-report.pdf-123-" + time + "-report.pdf", p.propose(req("a/report.pdf"), 0));
        assertEquals(date + "/127.0.0.1-40000-7-2-file-123-" + time + "-file", p.propose(req(null), 0));
        assertTrue(NamingPolicies.template("{uuid}").propose(req(null), 0).matches("[0-9a-f-]{36}"));
        assertEquals("in/a/report.pdf", NamingPolicies.template("in/{path}").propose(req("a/report.pdf"), 0));
        assertEquals("x-3.bin", NamingPolicies.template("x.bin").propose(req(null), 3), "no counter: suffix");
    }

    @Test
    void templateCounterContinuesAfterExistingFiles() throws Exception {
        Files.writeString(dir.resolve("upload-127.0.0.1-41.bin"), "x");
        assertEquals("upload-127.0.0.1-42.bin", NamingPolicies.template("upload-{remote}-{counter}.bin").propose(req(null), 0));
    }

    @Test
    void templateRejectsUnknownPlaceholders() {
        var e = assertThrows(IllegalArgumentException.class, () -> NamingPolicies.template("{nmae}.pdf"));
        assertTrue(e.getMessage().contains("{nmae}") && e.getMessage().contains("{name}"), e.getMessage());
    }

    @Test
    void customCodeDecidesAndMayRefuse() {
        NamingPolicy p = NamingPolicies.custom(r -> r.originalName() == null ? null : "from-" + r.remoteHost() + "/" + r.originalFileName());
        assertEquals("from-127.0.0.1/b.txt", p.propose(req("a/b.txt"), 0));
        assertEquals("from-127.0.0.1/b-1.txt", p.propose(req("a/b.txt"), 1));
        assertNull(p.propose(req(null), 0));
    }

    @Test
    void suffixGoesBeforeTheExtension() {
        assertEquals("report-2.pdf", NamingPolicies.withSuffix("report.pdf", 2));
        assertEquals("dir.d/README-1", NamingPolicies.withSuffix("dir.d/README", 1));
        assertEquals(".profile-1", NamingPolicies.withSuffix(".profile", 1));
        assertEquals("a.tar-1.gz", NamingPolicies.withSuffix("a.tar.gz", 1));
        assertEquals("same", NamingPolicies.withSuffix("same", 0));
    }

    @Test
    void aSuffixNeverPushesANamePastTheLimits() throws Exception {
        String long255 = "a".repeat(251) + ".pdf";
        assertEquals("a".repeat(248) + "-12.pdf", NamingPolicies.withSuffix(long255, 12));
        assertEquals("d/" + "é".repeat(125) + "-1.t", NamingPolicies.withSuffix("d/" + "é".repeat(126) + ".t", 1), "whole characters only");
        String hugeExtension = "x." + "e".repeat(253);
        assertEquals("x." + "e".repeat(251) + "-1", NamingPolicies.withSuffix(hugeExtension, 1), "no room before the extension: after it");
        String deepest = ("d".repeat(240) + "/").repeat(16) + "f".repeat(236) + ".txt"; // 4096 bytes
        String renamed = NamingPolicies.withSuffix(deepest, 3);
        assertTrue(renamed.endsWith("-3.txt"), renamed);
        assertEquals(renamed, SafeNames.clean(renamed), "within 255 bytes a component and 4096 bytes a path");
        assertEquals(4096, SafeNames.utf8Length(renamed));
    }
}
