package io.ftrun.samples;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static io.ftrun.samples.FtrunProcess.sample;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The README's first command, and {@code --check --static} on every sample. */
class QuickstartAndChecksTest {
    @TempDir
    Path dir;

    @Test
    void quickstartRunsTwentyClientsVerifiesAndExitsZero() throws Exception {
        FtrunProcess p = FtrunProcess.run(dir, Duration.ofSeconds(120), sample("quickstart.groovy"));
        assertEquals(0, p.exitCode(), p.stderr() + p.stdout());
        assertTrue(p.stdout().contains("quickstart: 20/20 clients succeeded, 20 files stored"), p.stdout());
        assertTrue(p.stdout().contains("quickstart: every file intact, none overwritten: OK"), p.stdout());
        assertEquals(20, p.stderr().split("ftrun: received file_", -1).length - 1, p.stderr());
    }

    /** ./ftrun gives a script that declares a server the optimizing JIT compiler, any other the quick one alone. */
    @Test
    void theLauncherPicksTheJitByWhetherTheScriptDeclaresAServer() throws Exception {
        String report = "println 'quick compiler only: ' + java.lang.management.ManagementFactory.runtimeMXBean"
                + ".inputArguments.contains('-XX:TieredStopAtLevel=1')\n";
        Path plain = Files.writeString(dir.resolve("plain.groovy"), report);
        Path withServer = Files.writeString(dir.resolve("with-server.groovy"),
                report + "def s = server('jit') {\n    host '127.0.0.1'\n    port 0\n    echo()\n}\n"
                        + "clients(1) {\n    connect s\n}\nafterClients { shutdown() }\n");
        // the guess alone: whatever the environment running the tests sets is taken away
        Map<String, String> clean = Map.of("FTRUN_JIT", "", "FTRUN_JAVA_OPTS", "");
        Duration t = Duration.ofSeconds(60);
        assertEquals("quick compiler only: true", jitLine(FtrunProcess.run(dir, t, clean, plain.toString())));
        assertEquals("quick compiler only: false", jitLine(FtrunProcess.run(dir, t, clean, withServer.toString())));
        // options and their values before the script are not mistaken for it
        assertEquals("quick compiler only: false", jitLine(FtrunProcess.run(dir, t, clean, "-q", "-l", "info",
                "-Pother=" + plain, withServer.toString())));
        assertEquals("quick compiler only: true", jitLine(FtrunProcess.run(dir, t, Map.of("FTRUN_JIT", "quick", "FTRUN_JAVA_OPTS", ""),
                withServer.toString())));
        assertEquals("quick compiler only: false", jitLine(FtrunProcess.run(dir, t, Map.of("FTRUN_JIT", "full", "FTRUN_JAVA_OPTS", ""),
                plain.toString())));
        FtrunProcess bad = FtrunProcess.run(dir, Duration.ofSeconds(60), Map.of("FTRUN_JIT", "fast"), plain.toString());
        assertEquals(2, bad.exitCode());
        assertTrue(bad.stderr().contains("FTRUN_JIT must be quick or full, not 'fast'"), bad.stderr());
    }

    private static String jitLine(FtrunProcess p) {
        assertEquals(0, p.exitCode(), p.stderr() + p.stdout());
        return p.stdout().lines().filter(l -> l.startsWith("quick compiler only")).findFirst().orElse(p.stdout());
    }

    @TestFactory
    List<DynamicTest> everySamplePassesCheckAndStatic() throws Exception {
        List<Path> samples;
        try (Stream<Path> s = Files.list(FtrunProcess.ROOT.resolve("samples"))) {
            samples = s.filter(p -> p.toString().endsWith(".groovy")).sorted().collect(Collectors.toList());
        }
        assertTrue(samples.size() >= 9, "samples found: " + samples);
        List<DynamicTest> tests = new ArrayList<>();
        for (Path sample : samples) {
            tests.add(DynamicTest.dynamicTest(sample.getFileName().toString(), () -> {
                FtrunProcess p = FtrunProcess.run(dir, Duration.ofSeconds(60), "--check", "--static",
                        "--plugins", FtrunProcess.ROOT.resolve("samples/target/classes").toString(),
                        sample.toString(), "-Pfile=anything");
                assertEquals(0, p.exitCode(), p.stderr());
                assertTrue(p.stderr().contains(sample.getFileName() + ": OK"), p.stderr());
            }));
        }
        return tests;
    }
}
