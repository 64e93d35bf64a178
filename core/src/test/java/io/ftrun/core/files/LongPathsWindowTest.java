package io.ftrun.core.files;

import io.ftrun.core.Client;
import io.ftrun.core.Connection;
import io.ftrun.core.Server;
import io.ftrun.core.support.Local;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A receiver keeps at most 256 KiB of FILE headers waiting for their data (docs/PROTOCOL.md, the window), and the
 * sender may owe it up to a megabyte of answers: with long paths the headers, not the answers, must bound how far
 * the sender announces ahead. 600 files whose paths are about 950 bytes make some 600 KiB of headers.
 */
class LongPathsWindowTest {
    @TempDir
    Path tmp;

    @Test
    void longPathsNeverOverrunTheReceiversBoundOfWaitingHeaders() throws Exception {
        Path top = tmp.resolve("t");
        Path deep = Files.createDirectories(top.resolve("a".repeat(250)).resolve("b".repeat(250)).resolve("c".repeat(250)));
        for (int i = 0; i < 600; i++) Files.writeString(deep.resolve(String.format("%04d", i) + "f".repeat(190)), "file " + i);
        Path rx = Files.createDirectories(tmp.resolve("rx"));
        FileReceiverConfig cfg = FileReceiverConfig.builder().directory(rx).protocol(FileProtocol.FRAMED).build();
        SendReport report;
        try (Server server = Server.start(Local.server(FileReceiver.handler(cfg)).build());
             Connection c = Client.connect(Local.client(server).build())) {
            report = FileSender.send(c, top, SendOptions.defaults());
        }
        assertTrue(report.failed().isEmpty(), "all confirmed; first failure: "
                + report.failed().stream().findFirst().map(f -> f.error() + " " + f.message()).orElse(""));
        try (Stream<Path> s = Files.walk(rx)) {
            assertEquals(600, s.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().startsWith(".ftrun-")).count());
        }
    }
}
