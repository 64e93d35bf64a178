package io.ftrun.dsl.internal;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.Charset;

/**
 * Standard error on a terminal, shared by the log and the progress line: all text goes through the progress
 * display, which erases its line before a line of text and draws it again after, so the log, the run's failures
 * and a signal's message (a Ctrl-C mid-upload) each start on a line of their own, and the progress line never
 * lands in the middle of one. The line is erased when the JVM exits, so the shell's prompt starts on a clean line.
 */
public final class ConsoleStream extends PrintStream {
    private final ProgressDisplay display;

    private ConsoleStream(PrintStream terminal, ProgressDisplay display) {
        super(new OutputStream() {
            @Override
            public void write(int b) {
                display.text(new byte[]{(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                display.text(b, off, len);
            }

            @Override
            public void flush() {
                terminal.flush();
            }
        }, true, charset(terminal));
        this.display = display;
    }

    /** {@code err} itself when standard error is not a terminal; on a terminal, {@code err} shared with a progress line. */
    public static PrintStream stderr(PrintStream err) {
        if (!ProgressDisplay.isTerminal()) return err;
        ProgressDisplay display = new ProgressDisplay(err, true, true, () -> "", TerminalWidth.ofThisTerminal());
        Runtime.getRuntime().addShutdownHook(new Thread(display::end, "ftrun-progress-line"));
        return new ConsoleStream(err, display);
    }

    ProgressDisplay display() {
        return display;
    }

    /** Erases the progress line now: for a halt, which runs no shutdown hook. */
    public void endProgress() {
        display.end();
    }

    /** The charset {@code s} writes text in (JDK 18+ tell; JDK 17 chose System.err's as this does). */
    private static Charset charset(PrintStream s) {
        try {
            return (Charset) PrintStream.class.getMethod("charset").invoke(s);
        } catch (ReflectiveOperationException e) {
            String name = System.getProperty("sun.stderr.encoding");
            try {
                return name == null ? Charset.defaultCharset() : Charset.forName(name);
            } catch (IllegalArgumentException unknown) {
                return Charset.defaultCharset();
            }
        }
    }
}
