package io.ftrun.dsl.embed;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The DSL on the newest Groovy line: ftrun's classes, compiled against Groovy 4.0, run in a child JVM whose
 * classpath has Groovy 5 (copied to target/groovy-newest by the build) in place of Groovy 4.
 */
class NewestGroovyTest {
    @TempDir
    Path dir;

    @Test
    void samplesTypeCheckAndRunAndTheGradleSampleWorksOnTheNewestGroovy() throws Exception {
        Path newest = Path.of("target/groovy-newest").toAbsolutePath();
        File[] jars = newest.toFile().listFiles((d, n) -> n.startsWith("groovy-") && n.endsWith(".jar"));
        assertTrue(jars != null && jars.length == 1, "the build copies the newest Groovy jar to " + newest);
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> entries = new ArrayList<>();
        int replaced = 0;
        for (String e : cp.split(File.pathSeparator)) {
            if (new File(e).getName().matches("groovy-4\\.0\\.\\d+\\.jar")) {
                entries.add(jars[0].getPath());
                replaced++;
            } else {
                entries.add(e);
            }
        }
        assertEquals(1, replaced, "Groovy 4 on the test classpath: " + cp);
        Path root = Path.of(System.getProperty("ftrun.root", "..")).toAbsolutePath().normalize();
        Process p = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", String.join(File.pathSeparator, entries), NewestGroovyMain.class.getName(), root.toString(), dir.toString()))
                .redirectErrorStream(true).redirectOutput(dir.resolve("out.txt").toFile()).start();
        boolean exited = p.waitFor(120, TimeUnit.SECONDS);
        if (!exited) p.destroyForcibly();
        String out = Files.readString(dir.resolve("out.txt"), StandardCharsets.UTF_8);
        assertTrue(exited, out);
        assertEquals(0, p.exitValue(), out);
        String version = jars[0].getName().replaceAll("groovy-(.*)\\.jar", "$1");
        assertTrue(out.contains("groovy " + version + "\n"), out);
        assertTrue(out.contains("checked quickstart.groovy: 1 server(s), 1 client block(s)"), out);
        assertTrue(out.contains("quickstart ok=true files=3"), out);
        assertTrue(out.contains("ftrun self test: OK"), out);
        assertTrue(out.contains("done"), out);
    }
}
