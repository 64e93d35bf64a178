package io.ftrun.core.reliability;

import io.ftrun.core.Client;
import io.ftrun.core.Connection;
import io.ftrun.core.Server;
import io.ftrun.core.files.ErrorCode;
import io.ftrun.core.files.FileProtocol;
import io.ftrun.core.files.FileReceiver;
import io.ftrun.core.files.FileReceiverConfig;
import io.ftrun.core.files.FileSender;
import io.ftrun.core.files.SendOptions;
import io.ftrun.core.files.SendReport;
import io.ftrun.core.support.Local;
import io.ftrun.core.support.Peer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A local user who can write in the receiving directory swaps {@code rx/race4} between a real directory and a
 * symbolic link to a directory outside while one framed session sends 1000 files {@code race4/fNNNN.txt}: the
 * rsync CVE-2024-12087/12088 class. The swap is renameat2(RENAME_EXCHANGE) in a python peer, as fast as it goes,
 * so {@code race4} is at every moment one or the other. No file may land outside, every file confirmed with DONE
 * must be inside (in the directory, under whichever of the two names it has now), and no temporary may be left.
 */
class SymlinkRaceTest {
    static final int FILES = 1000;
    static final int RUNS = 3;

    @TempDir
    Path tmp;

    @Test
    void aDirectorySwappedForASymlinkNeverLetsAFileOut() throws Exception {
        long t0 = System.nanoTime();
        Path src = Files.createDirectories(tmp.resolve("src").resolve("race4"));
        for (int i = 0; i < FILES; i++) Files.writeString(src.resolve(String.format("f%04d.txt", i)), content(i), StandardCharsets.UTF_8);
        List<Integer> outsidePerRun = new ArrayList<>();
        List<String> lost = new ArrayList<>();
        List<String> leftovers = new ArrayList<>();
        int confirmed = 0;
        Map<ErrorCode, Integer> refused = new TreeMap<>();
        long flips = 0;
        for (int run = 0; run < RUNS; run++) {
            Path rx = Files.createDirectories(tmp.resolve("rx" + run));
            Path outside = Files.createDirectories(tmp.resolve("outside" + run));
            Files.createDirectory(rx.resolve("race4"));
            Files.createSymbolicLink(rx.resolve("race4-swap"), outside);
            SendReport report;
            FileReceiverConfig cfg = FileReceiverConfig.builder().directory(rx).protocol(FileProtocol.FRAMED).build();
            try (Server server = Server.start(Local.server(FileReceiver.handler(cfg)).build());
                 Peer flipper = Peer.python(Duration.ofSeconds(60), null, "symlink_flipper.py", rx.resolve("race4"),
                         rx.resolve("race4-swap"), tmp.resolve("stop" + run))) {
                flipper.awaitLine(l -> l.equals("READY"));
                try (Connection c = Client.connect(Local.client(server).idleTimeout(Duration.ofSeconds(20)).build())) {
                    report = FileSender.send(c, src, SendOptions.defaults());
                } finally {
                    Files.createFile(tmp.resolve("stop" + run));
                }
                flips += Long.parseLong(flipper.awaitLine(l -> l.startsWith("FLIPS ")).substring(6));
                KilledSendersTest.awaitIdle(server);
            }
            outsidePerRun.add(regularFiles(outside).size());
            Set<String> inside = contents(rx);
            for (SendReport.FileResult f : report.files()) {
                if (!f.confirmed()) {
                    refused.merge(f.error(), 1, Integer::sum);
                    continue;
                }
                confirmed++;
                int i = Integer.parseInt(f.name().substring("race4/f".length(), "race4/f".length() + 4));
                if (!inside.contains(content(i))) lost.add("run " + run + ": " + f.name() + " confirmed as " + f.storedName());
            }
            for (String n : regularFiles(rx)) {
                if (n.contains(".ftrun-") && !n.endsWith(Uploads.COMMIT_LOCK)) leftovers.add("run " + run + ": " + n);
            }
        }
        assertEquals(Collections.nCopies(RUNS, 0), outsidePerRun, "files written through the symbolic link, per run of " + FILES);
        assertEquals(List.of(), lost, "confirmed with DONE but not inside the directory");
        assertEquals(List.of(), leftovers, "temporaries left");
        assertTrue(confirmed > 0, "some files must get through between the swaps");
        Results.record("symlink race: `rx/race4` swapped with a symlink to outside (renameat2 RENAME_EXCHANGE, " + flips + " swaps)",
                RUNS + " x " + FILES + " files `race4/fNNNN.txt`, one framed session per run",
                confirmed + " confirmed, each inside; refused " + refused + " (a link was there when the receiver looked);"
                        + " **0 outside**, no temporaries", "nothing", t0);
    }

    private static String content(int i) {
        return "race4 file " + i + "\n";
    }

    /** Regular files under {@code dir}, relative, never following a link. */
    private static List<String> regularFiles(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)).map(p -> dir.relativize(p).toString()).sorted().toList();
        }
    }

    private static Set<String> contents(Path dir) throws IOException {
        Set<String> out = new HashSet<>();
        for (String name : regularFiles(dir)) out.add(Files.readString(dir.resolve(name), StandardCharsets.UTF_8));
        return out;
    }
}
