package io.ftrun.samples;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * ./ftrun's class-data archives: the build's general one is written by the first run; a script run again after a run
 * that mapped it writes its own, which its later runs map; runs started together write an archive once between them.
 */
class LauncherArchivesTest {
    private static final Duration T = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    /** The script prints what the launcher told the JVM about archives: "writes NAME", "maps NAME" or "none". */
    private Path script(String name, String rest) throws Exception {
        return Files.writeString(dir.resolve(name), """
                def args = java.lang.management.ManagementFactory.runtimeMXBean.inputArguments
                def w = args.find { it.startsWith('-XX:ArchiveClassesAtExit=') }
                def m = args.find { it.startsWith('-XX:SharedArchiveFile=') }
                println 'archive: ' + (w ? 'writes ' + new File(w - '-XX:ArchiveClassesAtExit=').name.replaceAll(/\\.[0-9]+$/, '.PID')
                        : m ? 'maps ' + new File(m - '-XX:SharedArchiveFile=').name : 'none')
                """ + rest);
    }

    private Map<String, String> env(String mode) {
        return Map.of("FTRUN_CACHE", dir.resolve("cache").toString(), "FTRUN_CDS", mode, "FTRUN_JAVA_OPTS", "");
    }

    private static String archive(FtrunProcess p) {
        assertEquals(0, p.exitCode(), p.stderr() + p.stdout());
        return p.stdout().lines().filter(l -> l.startsWith("archive: ")).findFirst().orElse(p.stdout()).substring(9);
    }

    @Test
    void theFirstRunWritesTheGeneralArchiveAndAScriptSeenWithItWritesItsOwn() throws Exception {
        Path a = script("a.groovy", "");
        Path b = script("b.groovy", "");
        String first = archive(FtrunProcess.run(dir, T, env("on"), a.toString()));
        assertTrue(first.matches("writes ftrun-\\d+-\\d+\\.jsa\\.PID"), first);
        String general = first.substring("writes ".length(), first.length() - ".PID".length());

        assertEquals("maps " + general, archive(FtrunProcess.run(dir, T, env("on"), a.toString())), "adopted by the second run");
        String third = archive(FtrunProcess.run(dir, T, env("on"), a.toString()));
        assertTrue(third.matches("writes ftrun-\\d+-\\d+-\\d+\\.jsa\\.PID"), third);
        String own = third.substring("writes ".length(), third.length() - ".PID".length());

        assertEquals("maps " + own, archive(FtrunProcess.run(dir, T, env("on"), a.toString())), "its fourth run");
        assertEquals("maps " + own, archive(FtrunProcess.run(dir, T, env("on"), a.toString())));
        assertEquals("maps " + general, archive(FtrunProcess.run(dir, T, env("on"), b.toString())), "another script's first run");
        assertEquals("maps " + general, archive(FtrunProcess.run(dir, T, env("general"), a.toString())), "FTRUN_CDS=general");
        assertEquals("none", archive(FtrunProcess.run(dir, T, env("off"), a.toString())), "FTRUN_CDS=off");

        Path c = script("c.groovy", "");
        long before = archives();
        for (int i = 0; i < 3; i++) { // a check compiles and stops: an archive of that would lack the run's classes
            FtrunProcess check = FtrunProcess.run(dir, T, env("on"), "--check", c.toString());
            assertEquals(0, check.exitCode(), check.stderr());
        }
        assertEquals(before, archives(), "--check writes no archive of its own");

        FtrunProcess bad = FtrunProcess.run(dir, T, env("maybe"), a.toString());
        assertEquals(2, bad.exitCode());
        assertTrue(bad.stderr().contains("FTRUN_CDS must be on, off or general, not 'maybe'"), bad.stderr());
    }

    private long archives() throws Exception {
        try (var files = Files.list(dir.resolve("cache/cds"))) {
            return files.filter(f -> f.getFileName().toString().matches(".*\\.jsa(\\.[0-9]+)?")).count();
        }
    }

    /** Clients started together once each dumped the same archive at exit: a second or more of CPU apiece. */
    @Test
    void runsStartedTogetherWriteTheArchiveOnce() throws Exception {
        Path slow = script("slow.groovy", "sleep 1500\n");
        List<FtrunProcess> runs = new ArrayList<>();
        for (int i = 0; i < 3; i++) runs.add(FtrunProcess.start(dir, env("on"), slow.toString()));
        List<String> archives = new ArrayList<>();
        for (FtrunProcess p : runs) {
            p.awaitExit(T);
            archives.add(archive(p));
        }
        assertEquals(1, archives.stream().filter(s -> s.startsWith("writes ")).count(), archives.toString());
        try (var files = Files.list(dir.resolve("cache/cds"))) {
            assertEquals(1, files.filter(f -> f.getFileName().toString().matches(".*\\.jsa(\\.[0-9]+)?")).count(), "one archive written");
        }
    }
}
