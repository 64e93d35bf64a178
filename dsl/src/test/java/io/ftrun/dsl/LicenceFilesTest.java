package io.ftrun.dsl;

import groovy.lang.GroovyObject;
import org.apache.commons.cli.Options;
import org.apache.commons.io.IOUtils;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The top-level LICENSE and NOTICE: LICENSE is the Apache License 2.0, and NOTICE carries, word for word, the
 * NOTICE of each library ftrun-dsl runs on (its runtime dependencies: Groovy, Commons CLI, Commons IO), as the
 * jars on this classpath have it. A version bump whose NOTICE changed (a new copyright year) fails here until
 * NOTICE is updated. Both files are copied into the module's META-INF, and so into its jar.
 */
class LicenceFilesTest {
    static final Path ROOT = Path.of(System.getProperty("ftrun.root", "..")).toAbsolutePath().normalize();

    @Test
    void licenceIsTheApacheLicenceAsGroovyShipsIt() throws Exception {
        String licence = Files.readString(ROOT.resolve("LICENSE"));
        // Groovy's META-INF/LICENSE is the Apache text followed by its bundled libraries' sections
        String groovys = entry(GroovyObject.class, "META-INF/LICENSE");
        String apache = groovys.substring(0, groovys.indexOf("limitations under the License.") + "limitations under the License.\n".length());
        assertTrue(apache.contains("Apache License\n                           Version 2.0, January 2004"), apache);
        assertEquals(apache, licence);
    }

    @Test
    void noticeHasTheNoticeOfEveryRuntimeDependency() throws Exception {
        String notice = normalized(Files.readString(ROOT.resolve("NOTICE")));
        assertTrue(notice.startsWith("ftrun\nCopyright "), notice);
        for (Class<?> c : new Class<?>[] {GroovyObject.class, Options.class, IOUtils.class}) {
            String theirs = normalized(entry(c, "META-INF/NOTICE", "META-INF/NOTICE.txt"));
            assertTrue(notice.contains(theirs), "NOTICE lacks the NOTICE of " + jar(c).getFileName() + ":\n" + theirs);
        }
    }

    /** The build copies both files into META-INF of what goes into the jar (the root pom's licence-files executions). */
    @Test
    void bothAreInTheJarsMetaInf() throws Exception {
        for (String name : new String[] {"LICENSE", "NOTICE"}) {
            Path copy = Path.of("target/classes/META-INF").resolve(name);
            assertTrue(Files.isRegularFile(copy), copy.toAbsolutePath() + " is missing");
            assertEquals(Files.readString(ROOT.resolve(name)), Files.readString(copy), copy.toString());
        }
    }

    private static String normalized(String text) {
        return text.replace("\r\n", "\n").strip() + "\n";
    }

    private static Path jar(Class<?> c) throws URISyntaxException {
        return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    /** The first of the named entries in the jar that holds the class. */
    private static String entry(Class<?> c, String... names) throws IOException, URISyntaxException {
        try (ZipFile zip = new ZipFile(jar(c).toFile())) {
            for (String name : names) {
                ZipEntry e = zip.getEntry(name);
                if (e == null) continue;
                try (InputStream in = zip.getInputStream(e)) {
                    return new String(in.readAllBytes(), StandardCharsets.UTF_8);
                }
            }
        }
        throw new AssertionError(jar(c) + " has none of " + String.join(", ", names));
    }
}
