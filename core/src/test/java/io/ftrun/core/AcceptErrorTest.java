package io.ftrun.core;

import io.ftrun.core.codec.Codecs;
import io.ftrun.core.support.AcceptErrorServer;
import io.ftrun.core.support.Peer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.*;

/**
 * accept() failing for real: a child JVM limited to 256 file descriptors takes them all and the server's
 * accept fails with "Too many open files". It must report the error, back off, retry, keep serving the
 * connection it has, and serve the client waiting in the kernel's queue once descriptors are free again.
 */
class AcceptErrorTest {
    @Test
    void anAcceptFailureIsReportedAndRetriedWithBackoffAndServingResumes(@TempDir Path dir) throws Exception {
        Path release = dir.resolve("release");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classpath = Path.of("target/classes").toAbsolutePath() + ":" + Path.of("target/test-classes").toAbsolutePath();
        String command = "ulimit -n 256 && exec '" + java + "' -Xmx64m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -cp '"
                + classpath + "' " + AcceptErrorServer.class.getName() + " '" + release + "'";
        try (Peer child = Peer.bash(Duration.ofSeconds(60), command)) {
            int port = Integer.parseInt(child.awaitLine(l -> l.startsWith("PORT ")).substring(5));
            child.awaitLine(l -> l.startsWith("EXHAUSTED "));
            ClientConfig config = ClientConfig.builder().port(port).codec(Codecs.lines()).idleTimeout(Duration.ofSeconds(30)).build();
            try (Connection first = Client.connect(config); Connection waiting = Client.connect(config)) {
                first.send("first");
                waiting.send("are you still serving?");
                Files.createFile(release); // both are connected: the child may free its descriptors
                assertEquals("first", first.receive().text());
                assertEquals("are you still serving?", waiting.receive().text(), "served once descriptors were free");
                first.send("and me?");
                assertEquals("and me?", first.receive().text());
            }
            Peer.Result r = child.awaitSuccess();
            List<String> acceptErrors = r.stdout().lines()
                    .filter(l -> l.startsWith("EVENT error ") && l.contains("phase=accept")).collect(Collectors.toList());
            assertTrue(acceptErrors.size() >= 3, r.stdout());
            assertTrue(acceptErrors.get(0).contains("Too many open files"), acceptErrors.get(0));
            List<Integer> waits = acceptErrors.stream().map(AcceptErrorTest::retryMillis).collect(Collectors.toList());
            assertEquals(List.of(10, 20, 40), waits.subList(0, 3), "doubling backoff: " + waits);
            assertTrue(waits.stream().allMatch(w -> w <= 1000), "capped at 1 s: " + waits);
            assertTrue(r.stdout().contains("RELEASED true"), r.stdout());
        }
    }

    static int retryMillis(String eventLine) {
        Matcher m = Pattern.compile("retrying in (\\d+) ms").matcher(eventLine);
        assertTrue(m.find(), eventLine);
        return Integer.parseInt(m.group(1));
    }
}
