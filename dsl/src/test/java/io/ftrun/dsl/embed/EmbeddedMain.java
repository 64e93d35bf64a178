package io.ftrun.dsl.embed;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A program that embeds ftrun the way a build tool does — start a receiver, upload into it, stop it — and then
 * simply returns from main. {@link JvmExitTest} runs it in a child JVM, which must then exit by itself.
 */
public final class EmbeddedMain {
    private EmbeddedMain() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        Path file = Files.write(dir.resolve("artifact.bin"), new byte[123_456]);
        Running receiver = Ftrun.text("receiver.groovy", Scripts.RECEIVER).param("dir", dir.resolve("inbox")).start();
        RunReport upload = Ftrun.text("sender.groovy", Scripts.SENDER).params(Map.of("port", receiver.port(), "file", file)).run();
        RunReport received = receiver.stop();
        System.out.println("upload ok=" + upload.ok() + " received=" + received.server("inbox").files()
                + " bytes=" + received.server("inbox").bytesIn());
        // A run whose clients are still going when stop() is called must end too.
        Running busy = Ftrun.text("busy.groovy", """
                def slow = server('slow') { host '127.0.0.1'; port 0; handle { conn -> Thread.sleep(100) } }
                clients(3) { connect slow; pause '30s' }
                """).start();
        busy.stop();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.isAlive() && !t.isDaemon() && t != Thread.currentThread() && !t.getName().equals("DestroyJavaVM")) {
                System.out.println("non-daemon thread left: " + t.getName());
            }
        }
        System.out.println("main returns");
    }
}
