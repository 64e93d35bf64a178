package io.ftrun.core.files;

import io.ftrun.core.Client;
import io.ftrun.core.Connection;
import io.ftrun.core.Server;
import io.ftrun.core.support.Local;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link FileSender#sendNamedBelow}: a file chosen as regular and then swapped for a link (or found below a
 * directory swapped for one) is not sent, whatever the link points to; the others are.
 */
class SendBelowTest {
    @TempDir
    Path tmp;

    @Test
    void filesReachedThroughALinkAreRefusedAndTheRestAreSent() throws Exception {
        Path watched = Files.createDirectories(tmp.resolve("scans"));
        Path outside = Files.createDirectories(tmp.resolve("outside"));
        Files.writeString(outside.resolve("id_rsa"), "private key");
        Files.writeString(outside.resolve("x.txt"), "outside");
        Files.writeString(watched.resolve("ok.txt"), "a scan");
        // what a local user put in place after the watcher had seen regular files under these names
        Files.createSymbolicLink(watched.resolve("key.txt"), outside.resolve("id_rsa"));
        Files.createSymbolicLink(watched.resolve("sub"), outside);
        Map<String, Path> chosen = new LinkedHashMap<>();
        chosen.put("key.txt", watched.resolve("key.txt"));
        chosen.put("ok.txt", watched.resolve("ok.txt"));
        chosen.put("sub/x.txt", watched.resolve("sub/x.txt"));
        Path rx = Files.createDirectories(tmp.resolve("rx"));
        FileReceiverConfig cfg = FileReceiverConfig.builder().directory(rx).protocol(FileProtocol.FRAMED).build();
        SendReport report;
        try (Server server = Server.start(Local.server(FileReceiver.handler(cfg)).build());
             Connection c = Client.connect(Local.client(server).build())) {
            report = FileSender.sendNamedBelow(c, null, watched, chosen, SendOptions.builder().reconnects(0).build());
        }
        Map<String, Boolean> confirmed = new LinkedHashMap<>();
        for (SendReport.FileResult f : report.files()) confirmed.put(f.name(), f.confirmed());
        assertEquals(Map.of("key.txt", false, "ok.txt", true, "sub/x.txt", false), confirmed, report::toString);
        try (Stream<Path> s = Files.walk(rx)) {
            List<String> stored = s.filter(Files::isRegularFile).map(p -> rx.relativize(p).toString())
                    .filter(n -> !n.startsWith(".")).toList();
            assertEquals(List.of("ok.txt"), stored);
        }
        assertTrue(Files.readString(rx.resolve("ok.txt")).equals("a scan"));
        assertFalse(report.allConfirmed());
    }
}
