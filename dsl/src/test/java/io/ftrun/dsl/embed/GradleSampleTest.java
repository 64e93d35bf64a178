package io.ftrun.dsl.embed;

import io.ftrun.dsl.Version;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * samples/gradle/build.gradle, compiled and run by Groovy 4.0 (the line Gradle 9 embeds) with a stand-in for the
 * bits of Gradle's API it uses: its tasks really transfer files over loopback.
 */
@Timeout(120)
class GradleSampleTest {
    static final Path BUILD_FILE = Path.of(System.getProperty("ftrun.root", "..")).resolve("samples/gradle/build.gradle");

    @TempDir
    Path dir;

    @Test
    void theBuildscriptClasspathNamesThisVersionOfTheDslJar() throws Exception {
        GradleStandIn gradle = new GradleStandIn(dir.toFile()).evaluate(BUILD_FILE);
        assertEquals(List.of("io.ftrun:ftrun-dsl:" + Version.current()), gradle.classpath());
        assertEquals("distribution", gradle.task("upload").getGroup());
    }

    @Test
    void selfTestStartsAReceiverAndUploadsIntoIt() throws Exception {
        GradleStandIn gradle = new GradleStandIn(dir.toFile()).evaluate(BUILD_FILE);
        gradle.task("selfTest").run();
        assertTrue(gradle.log().contains("ftrun self test: OK"), gradle.log()::toString);
        assertTrue(Files.isRegularFile(dir.resolve("ftrun-self-test/inbox/artifact.bin")));
    }

    @Test
    void uploadSendsTheArtifactToAReceiverAndFailsTheTaskWhenItCannot() throws Exception {
        byte[] data = new byte[100_000];
        new Random(3).nextBytes(data);
        Path artifact = Files.write(dir.resolve("app.jar"), data);
        Path inbox = dir.resolve("inbox");
        try (Running receiver = Ftrun.text("receiver.groovy", """
                server('inbox') { host '127.0.0.1'; port 0; receiveFiles { into params.dir; protocol 'framed' } }
                """).param("dir", inbox).start()) {
            GradleStandIn gradle = new GradleStandIn(dir.toFile())
                    .property("ftrunHost", "127.0.0.1").property("ftrunPort", String.valueOf(receiver.port()))
                    .property("artifact", artifact.toString())
                    .evaluate(BUILD_FILE);
            gradle.task("upload").run();
            // the bytes out include the protocol's frames and digests, which change with the default digest: not asserted
            assertTrue(gradle.log().stream().anyMatch(l -> l.startsWith("1/1 client(s) succeeded, 1 file(s) sent, ")), gradle.log()::toString);
        }
        assertArrayEquals(data, Files.readAllBytes(inbox.resolve("app.jar")));

        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        GradleStandIn failing = new GradleStandIn(dir.toFile())
                .property("ftrunHost", "127.0.0.1").property("ftrunPort", String.valueOf(closed))
                .property("artifact", artifact.toString())
                .evaluate(BUILD_FILE);
        TransferFailedException e = assertThrows(TransferFailedException.class, () -> failing.task("upload").run());
        assertTrue(e.getMessage().contains("build.gradle"), "errors name the build file: " + e.getMessage());
    }
}
