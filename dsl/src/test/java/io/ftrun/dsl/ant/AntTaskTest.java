package io.ftrun.dsl.ant;

import io.ftrun.dsl.embed.ChildJvm;
import io.ftrun.dsl.embed.Ftrun;
import io.ftrun.dsl.embed.RunReport;
import io.ftrun.dsl.embed.Running;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;

import java.net.ServerSocket;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.time.Duration;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Real Ant (org.apache.tools.ant.Main, from Maven Central) in a child JVM runs a build file using the ftrun task. */
class AntTaskTest {
    @TempDir
    Path dir;

    private record AntRun(int exit, String output) {
    }

    private AntRun ant(String target, String... props) throws Exception {
        return ant(List.of(), target, props);
    }

    private AntRun ant(List<String> options, String target, String... props) throws Exception {
        Path build = buildFile();
        List<String> args = new ArrayList<>(List.of("-noinput", "-f", build.toString()));
        args.addAll(options);
        for (String p : props) args.add("-D" + p);
        args.add(target);
        ChildJvm.Result r = ChildJvm.run(dir.resolve(target + ".log"), Duration.ofSeconds(90), ChildJvm.testClasspath(),
                "org.apache.tools.ant.Main", args.toArray(new String[0]));
        if (r.timedOut()) throw new AssertionError("ant " + target + " did not finish:\n" + r.output());
        return new AntRun(r.exit(), r.output());
    }

    private static Path buildFile() throws URISyntaxException {
        return Path.of(AntTaskTest.class.getResource("build.xml").toURI());
    }

    @Test
    void theTaskUploadsAnArtifactIntoAReceiverAndTheAntlibFormWorksToo() throws Exception {
        byte[] data = new byte[200_000];
        new Random(7).nextBytes(data);
        Path artifact = Files.write(dir.resolve("app.jar"), data);
        Path inbox = dir.resolve("inbox");
        try (Running receiver = Ftrun.text("receiver.groovy", """
                server('inbox') { host '127.0.0.1'; port 0; receiveFiles { into params.dir; naming counter('app_%d.jar') } }
                """).param("dir", inbox).start()) {
            AntRun r = ant("upload", "port=" + receiver.port(), "artifact=" + artifact);
            assertEquals(0, r.exit(), r.output());
            assertTrue(r.output().contains("BUILD SUCCESSFUL"), r.output());
            assertTrue(r.output().contains("[ftrun] 1/1 client(s) succeeded, 1 file(s) sent"), r.output());

            AntRun lib = ant("antlib", "port=" + receiver.port(), "artifact=" + artifact);
            assertEquals(0, lib.exit(), lib.output());
            assertTrue(lib.output().contains("upload.ok=true"), lib.output());

            RunReport report = receiver.stop();
            assertEquals(List.of("app_1.jar", "app_2.jar"), report.server("inbox").files(), report::toString);
        }
        assertArrayEquals(data, Files.readAllBytes(inbox.resolve("app_1.jar")));
        assertArrayEquals(data, Files.readAllBytes(inbox.resolve("app_2.jar")));
    }

    /**
     * The script's log reaches Ant at its own priorities, as Ant's XmlLogger (a listener that records every message
     * with its priority) shows: error, warn, info, and debug as verbose, which the default logger hides.
     */
    @Test
    void eachLogLevelReachesAntAtItsOwnPriority() throws Exception {
        Path xml = dir.resolve("log.xml");
        AntRun r = ant(List.of("-listener", "org.apache.tools.ant.XmlLogger"), "levels", "XmlLogger.file=" + xml);
        assertEquals(0, r.exit(), r.output());
        Map<String, String> priorities = new LinkedHashMap<>();
        NodeList messages = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(xml.toFile()).getElementsByTagName("message");
        for (int i = 0; i < messages.getLength(); i++) {
            Element m = (Element) messages.item(i);
            priorities.put(m.getTextContent().trim(), m.getAttribute("priority"));
        }
        assertEquals("error", priorities.get("the mirror did not answer"), priorities::toString);
        assertEquals("warn", priorities.get("the disk is nearly full"), priorities::toString);
        assertEquals("info", priorities.get("an info line from the script"), priorities::toString);
        assertEquals("debug", priorities.get("a debug line from the script"), priorities::toString); // XmlLogger's name for verbose
        assertTrue(r.output().contains("[ftrun] the disk is nearly full"), r.output());
        assertTrue(!r.output().contains("a debug line"), "the default logger hides verbose:\n" + r.output());
        assertTrue(!r.output().contains("warn:") && !r.output().contains("error:"), "the level is Ant's, not in the text:\n" + r.output());
    }

    @Test
    void aFailedTransferFailsTheBuild() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        Path artifact = Files.write(dir.resolve("app.jar"), new byte[10]);
        AntRun r = ant("fails", "port=" + closed, "artifact=" + artifact);
        assertEquals(1, r.exit(), r.output());
        assertTrue(r.output().contains("BUILD FAILED"), r.output());
        assertTrue(r.output().matches("(?s).*ftrun: 1 failure\\(s\\) in upload.groovy: upload.groovy(:\\d+)?: client 'client' connect: cannot connect.*"),
                r.output());
        assertTrue(!r.output().contains("not reached"), r.output());
    }
}
