package io.ftrun.samples;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The exit code after a signal is the shell's for it (128 + its number), also when a second one cuts the drain
 * short: 143 after SIGTERM (as a JVM exits, which a Java service's SuccessExitStatus=143 takes as clean), 130 after SIGINT.
 */
class SignalsTest {
    @TempDir
    Path dir;

    /** A server that, with a client connected, would drain for five minutes. */
    private Path holdingServer() throws Exception {
        return Files.writeString(dir.resolve("hold.groovy"), String.join("\n",
                "server('hold') {", "  host '127.0.0.1'", "  port 0", "  shutdownGrace '5m'", "  framing 'lines'", "  echo()", "}", ""));
    }

    /** A graceful stop exits with the signal's code, and --events json's last line, run-finished, carries it too. */
    @Test
    void sigtermEndsAGracefulStopWith143AndSigintWith130() throws Exception {
        for (String[] signal : new String[][]{{"TERM", "143", "terminated"}, {"INT", "130", "interrupted"}}) {
            try (FtrunProcess server = FtrunProcess.start(dir, "--events", "json", holdingServer().toString())) {
                server.port();
                server.signal(signal[0]);
                assertEquals(Integer.parseInt(signal[1]), server.awaitExit(Duration.ofSeconds(30)), server.stderr());
                assertTrue(server.stderr().contains("SIG" + signal[0] + " received: stopping"), server.stderr());
                String[] lines = server.stdout().strip().split("\n");
                String last = lines[lines.length - 1];
                assertTrue(last.startsWith("{\"schema\":1,\"type\":\"run-finished\","), server.stdout());
                assertTrue(last.contains("\"exitCode\":" + signal[1] + ",\"exit\":\"" + signal[2] + "\",\"ok\":true,\"signal\":\"SIG" + signal[0] + "\","),
                        last);
            }
        }
    }

    @Test
    void aSecondSignalStopsAtOnceWithItsOwnCode() throws Exception {
        for (String[] signals : new String[][]{{"INT", "TERM", "143"}, {"TERM", "INT", "130"}}) {
            try (FtrunProcess server = FtrunProcess.start(dir, holdingServer().toString());
                 Socket client = new Socket("127.0.0.1", server.port())) {
                inFlight(client);
                server.signal(signals[0]);
                server.awaitStderr("SIG" + signals[0] + " received: stopping", Duration.ofSeconds(30)); // now draining, for 5 minutes
                server.signal(signals[1]);
                assertEquals(Integer.parseInt(signals[2]), server.awaitExit(Duration.ofSeconds(30)), server.stderr());
            }
        }
    }

    /** Returns once the server echoed a line: its handler holds the connection, so a stop has it to drain. */
    private static void inFlight(Socket client) throws Exception {
        client.getOutputStream().write("hi\n".getBytes(StandardCharsets.US_ASCII));
        BufferedReader in = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.US_ASCII));
        assertEquals("hi", in.readLine());
    }
}
