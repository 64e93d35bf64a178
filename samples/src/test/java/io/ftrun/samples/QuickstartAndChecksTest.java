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

    /**
     * ./ftrun gives a script that serves or sends files the optimizing JIT compiler, any other the quick one alone,
     * as ftrun itself said after reading the script on the previous run of the same command (a first run gets the
     * optimizing one). The launcher does not read the script: a health port alone was missed by its old guess.
     */
    @Test
    void theLauncherTakesTheJitThatFtrunAskedForOnThePreviousRun() throws Exception {
        String report = "println 'quick compiler only: ' + java.lang.management.ManagementFactory.runtimeMXBean"
                + ".inputArguments.contains('-XX:TieredStopAtLevel=1')\n";
        Path plain = Files.writeString(dir.resolve("plain.groovy"), report);
        Path withServer = Files.writeString(dir.resolve("with-server.groovy"),
                report + "def s = server('jit') {\n    host '127.0.0.1'\n    port 0\n    echo()\n}\n"
                        + "clients(1) {\n    connect s\n}\nafterClients { shutdown() }\n");
        Path healthOnly = Files.writeString(dir.resolve("health-only.groovy"),
                report + "health {\n    host '127.0.0.1'\n    port 0\n}\n");
        Path sender = Files.writeString(dir.resolve("sender.groovy"),
                report + "client {\n    connect '127.0.0.1', 1\n    connectTimeout '1s'\n    sendFile 'nothing.bin'\n}\n");
        // a cache of its own, so no earlier run's hint counts; the environment running the tests is taken away (and no
        // class-data archive: its dumps at exit cost a second each)
        Map<String, String> clean = Map.of("FTRUN_JIT", "", "FTRUN_JAVA_OPTS", "", "FTRUN_CDS", "off",
                "FTRUN_CACHE", dir.resolve("cache").toString());
        Duration t = Duration.ofSeconds(60);
        assertEquals("quick compiler only: false", jitLine(FtrunProcess.run(dir, t, clean, plain.toString())), "a first run");
        assertEquals("quick compiler only: true", jitLine(FtrunProcess.run(dir, t, clean, plain.toString())));
        assertEquals("quick compiler only: false", jitLine(FtrunProcess.run(dir, t, clean, "-q", "-l", "info", "-Pother=" + plain,
                plain.toString())), "other arguments: another command, a first run");
        for (Path serves : List.of(withServer, healthOnly)) {
            jitLine(FtrunProcess.run(dir, t, clean, serves.toString()));
            assertEquals("quick compiler only: false", jitLine(FtrunProcess.run(dir, t, clean, serves.toString())), serves.toString());
        }
        FtrunProcess.run(dir, t, clean, sender.toString()); // fails (nothing listens, no such file): the hint is written first
        assertTrue(FtrunProcess.run(dir, t, clean, sender.toString()).stdout().contains("quick compiler only: false"),
                "a client that sends files digests them: SHA-256 is 10 times faster with the optimizing compiler");

        Map<String, String> quick = new java.util.HashMap<>(clean);
        quick.put("FTRUN_JIT", "quick");
        assertEquals("quick compiler only: true", jitLine(FtrunProcess.run(dir, t, quick, withServer.toString())));
        Map<String, String> full = new java.util.HashMap<>(clean);
        full.put("FTRUN_JIT", "full");
        assertEquals("quick compiler only: false", jitLine(FtrunProcess.run(dir, t, full, plain.toString())));
        FtrunProcess bad = FtrunProcess.run(dir, Duration.ofSeconds(60), Map.of("FTRUN_JIT", "fast"), plain.toString());
        assertEquals(2, bad.exitCode());
        assertTrue(bad.stderr().contains("FTRUN_JIT must be quick or full, not 'fast'"), bad.stderr());
    }

    /**
     * On a fresh clone nothing is built: the launcher must say it builds, and go on to build. (A lookup of the jar
     * that found none once ended the script silently with 1 under {@code set -e}.) A copy of the launcher alone,
     * without the Maven Wrapper beside it, shows the first steps and fails loudly at the build.
     */
    @Test
    void theLauncherBuildsWhenNothingIsBuiltYet() throws Exception {
        Path checkout = Files.createDirectories(dir.resolve("fresh-clone"));
        Path launcher = Files.copy(FtrunProcess.ROOT.resolve("ftrun"), checkout.resolve("ftrun"));
        Process p = new ProcessBuilder(launcher.toString(), "--version").directory(checkout.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS));
        assertEquals(2, p.exitValue(), out);
        assertTrue(out.startsWith("ftrun: building (first run, or sources changed)..."), out);
        assertTrue(out.contains("ftrun: build failed (log above)"), out);
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
        // one JVM checks them all (fifteen JVMs, each compiling one script cold, took a minute of CPU)
        List<String> args = new ArrayList<>(List.of("--check", "--static", "--plugins",
                FtrunProcess.ROOT.resolve("samples/target/classes").toString(), "-Pfile=anything", "-Pdir=anything"));
        samples.forEach(sample -> args.add(sample.toString()));
        FtrunProcess check = FtrunProcess.run(dir, Duration.ofSeconds(180), args.toArray(new String[0]));
        List<DynamicTest> tests = new ArrayList<>();
        tests.add(DynamicTest.dynamicTest("exit code", () -> assertEquals(0, check.exitCode(), check.stderr())));
        for (Path sample : samples) {
            tests.add(DynamicTest.dynamicTest(sample.getFileName().toString(),
                    () -> assertTrue(check.stderr().contains(sample.getFileName() + ": OK ("), check.stderr())));
        }
        return tests;
    }
}
