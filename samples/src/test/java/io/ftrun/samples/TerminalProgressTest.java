package io.ftrun.samples;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The progress line as a person sees it, in a real terminal (tmux, 80 x 24): ./ftrun uploads to a receiver slowed
 * by a rate limit, so that an upload lasts seconds. The line fits the width (a long name shortened), is redrawn in
 * place, sums uploads running at once, and a Ctrl-C leaves the log, the summary and the shell's prompt each on a
 * line of its own; sent again, the upload says where it resumes. Each step waits for what the screen shows.
 */
class TerminalProgressTest {
    private static final int COLUMNS = 80;
    private static final String NAME = "a-rather-long-file-name-for-a-backup-archive-of-the-whole-project-2026-03-01.tar.gz";
    /** A progress line: {@code 25.0% NAME 6.0 MiB of 24.0 MiB, 4.0 MiB/s, ETA 5s}, with or without its bar. */
    private static final Pattern PROGRESS = Pattern.compile(".*\\d+\\.\\d% .* of .*/s.*");

    @TempDir
    Path dir;

    @Test
    void anUploadDrawsOneLineInPlaceAndCtrlCLeavesCleanLines() throws Exception {
        file(NAME);
        try (FtrunProcess receiver = slowReceiver(); TmuxPane pane = TmuxPane.start(dir, COLUMNS, 24)) {
            command("send", "send", NAME, "--to", "127.0.0.1:" + receiver.port());
            pane.type("clear; ./send; echo exit=$?");
            List<String> first = pane.await("a progress line", s -> progress(s).size() == 1);
            String line = progress(first).get(0);
            List<String> later = pane.await("the progress line redrawn", s -> !progress(s).isEmpty() && !progress(s).equals(List.of(line)));
            assertEquals(1, progress(later).size(), "one line, redrawn in place:\n" + screen(later));
            assertEquals(first.indexOf(line), later.indexOf(progress(later).get(0)), "on the same row:\n" + screen(later));
            for (String l : List.of(line, progress(later).get(0))) {
                assertTrue(l.length() < COLUMNS, "never wraps: " + l.length() + " columns: " + l);
                assertTrue(l.contains("a-rather-long") && l.contains("...") && l.contains("01.tar.gz"), "the name shortened in its middle: " + l);
            }

            pane.interrupt();
            List<String> stopped = pane.await("the prompt after Ctrl-C", s -> s.contains("exit=130"));
            assertEquals(List.of(), progress(stopped), "no progress line left behind:\n" + screen(stopped));
            assertTrue(startsALine(stopped, "ftrun: SIGINT received: stopping"), screen(stopped));
            assertTrue(startsALine(stopped, "ftrun: stopped sending " + NAME + " after "), "how far it got:\n" + screen(stopped));
            assertEquals(List.of("exit=130", "$"), stopped.subList(stopped.size() - 2, stopped.size()), screen(stopped));

            // the receiver reads what was sent at its own pace before it sees the cut: then the partial is there to resume
            receiver.awaitStderr("the partial is kept: sending again resumes it", java.time.Duration.ofSeconds(60));
            pane.type("clear; ./send; echo exit=$?");
            List<String> resumed = pane.await("the upload sent again", s -> s.contains("exit=0"));
            assertTrue(resumed.stream().anyMatch(l -> l.matches("ftrun: resuming " + Pattern.quote(NAME) + " at \\d+\\.\\d MiB of 24\\.0 MiB")),
                    screen(resumed));
            assertTrue(startsALine(resumed, "ftrun: sent 1 file(s) (24.0 MiB), each verified"), screen(resumed));
            assertEquals(List.of(), progress(resumed), screen(resumed));
            assertEquals(List.of("exit=0", "$"), resumed.subList(resumed.size() - 2, resumed.size()), screen(resumed));
        }
    }

    /** clients(3): one line sums the three, where three bars used to overwrite each other. */
    @Test
    void uploadsAtOnceShareOneLine() throws Exception {
        for (int i = 0; i < 3; i++) file("part" + i + ".bin");
        Files.writeString(dir.resolve("three.groovy"), String.join("\n", "clients(3) {", "  connect '127.0.0.1', params.intValue('port')",
                "  protocol 'framed'", "  sendFile \"part${index}.bin\"", "}", ""));
        try (FtrunProcess receiver = slowReceiver(); TmuxPane pane = TmuxPane.start(dir, COLUMNS, 24)) {
            command("three", "three.groovy", "-Pport=" + receiver.port());
            pane.type("clear; ./three; echo exit=$?");
            List<String> all = pane.await("the three uploads on one line", s -> progress(s).stream().anyMatch(l -> l.contains("3 transfers, ")));
            assertEquals(1, progress(all).size(), screen(all));
            assertTrue(progress(all).get(0).length() < COLUMNS, screen(all));
            List<String> done = pane.await("the prompt", s -> s.contains("exit=0"));
            assertEquals(3, done.stream().filter(l -> l.startsWith("ftrun: sent part")).count(), screen(done));
            assertEquals(List.of(), progress(done), screen(done));
        }
    }

    /** Slowed to 4 MB/s a connection, so 24 MiB take seconds whatever the machine. */
    private FtrunProcess slowReceiver() throws Exception {
        Files.createDirectories(dir.resolve("in"));
        Path script = Files.writeString(dir.resolve("slow.groovy"), String.join("\n", "server('slow') {", "  host '127.0.0.1'", "  port 0",
                "  rateLimit '4MB'", "  receiveFiles {", "    into 'in'", "    protocol 'framed'", "  }", "}", ""));
        return FtrunProcess.start(dir, script.toString());
    }

    private void file(String name) throws Exception {
        byte[] bytes = new byte[24 << 20];
        new Random(name.hashCode()).nextBytes(bytes);
        Files.write(dir.resolve(name), bytes);
    }

    /** {@code ./name} runs {@code ./ftrun args}: typed at the prompt, a command that does not wrap. */
    private void command(String name, String... args) throws Exception {
        String quoted = List.of(args).stream().map(a -> "'" + a + "'").collect(Collectors.joining(" "));
        Path script = Files.writeString(dir.resolve(name), "#!/bin/sh\nFTRUN_CACHE='" + FtrunProcess.ROOT.resolve("samples/target/ftrun-cache")
                + "' FTRUN_CDS=general exec '" + FtrunProcess.ROOT.resolve("ftrun") + "' " + quoted + "\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
    }

    private static List<String> progress(List<String> screen) {
        return screen.stream().filter(l -> PROGRESS.matcher(l).matches()).collect(Collectors.toList());
    }

    private static boolean startsALine(List<String> screen, String start) {
        return screen.stream().anyMatch(l -> l.startsWith(start));
    }

    private static String screen(List<String> lines) {
        return String.join("\n", lines);
    }
}
