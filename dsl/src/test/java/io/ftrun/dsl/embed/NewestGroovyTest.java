package io.ftrun.dsl.embed;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

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
        List<String> entries = new ArrayList<>();
        int replaced = 0;
        for (String e : ChildJvm.testClasspath()) {
            if (new File(e).getName().matches("groovy-4\\.0\\.\\d+\\.jar")) {
                entries.add(jars[0].getPath());
                replaced++;
            } else {
                entries.add(e);
            }
        }
        assertEquals(1, replaced, "Groovy 4 on the test classpath: " + ChildJvm.testClasspath());
        Path root = Path.of(System.getProperty("ftrun.root", "..")).toAbsolutePath().normalize();
        ChildJvm.Result r = ChildJvm.run(dir.resolve("out.txt"), Duration.ofSeconds(120), entries, NewestGroovyMain.class.getName(),
                root.toString(), dir.toString());
        String out = r.output();
        assertEquals(0, r.exit(), out);
        String version = jars[0].getName().replaceAll("groovy-(.*)\\.jar", "$1");
        assertTrue(out.contains("groovy " + version + "\n"), out);
        assertTrue(out.contains("checked quickstart.groovy: 1 server(s), 1 client block(s)"), out);
        assertTrue(out.contains("quickstart ok=true files=3"), out);
        assertTrue(out.contains("ftrun self test: OK"), out);
        assertTrue(out.contains("done"), out);
    }
}
