package io.ftrun.core.files;

import io.ftrun.core.Connection;
import io.ftrun.core.event.Event;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class FramedTransferTest {
    @TempDir
    Path tmp;

    private FileReceiverConfig.Builder framed(Path dir) {
        return FileReceiverConfig.builder().directory(dir).protocol(FileProtocol.FRAMED);
    }

    @Test
    void singleFileRoundTripsAndIsConfirmed() throws Exception {
        Path in = tmp.resolve("in");
        Path src = tmp.resolve("report.pdf");
        byte[] data = Fixture.randomBytes(3_000_000, 1);
        Files.write(src, data);
        try (Fixture f = Fixture.start(framed(in).build())) {
            SendReport r = f.send(src, SendOptions.defaults());
            assertTrue(r.allConfirmed(), r.toString());
            assertEquals("report.pdf", r.files().get(0).storedName());
            assertArrayEquals(data, Files.readAllBytes(in.resolve("report.pdf")));
            assertEquals(List.of(), Fixture.temporaries(in));
            Event received = f.await("file-received", 1, Duration.ofSeconds(5)).get(0);
            assertEquals("report.pdf", received.fields().get("name"));
            assertEquals(r.files().get(0).digest(), received.fields().get("digest"));
        }
    }
}
