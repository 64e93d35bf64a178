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
