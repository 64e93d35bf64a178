package io.ftrun.dsl.internal;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** COLUMNS when set, else the terminal asked once (and again after a resize), else 80. */
class TerminalWidthTest {
    @Test
    void columnsWinsOverAskingTheTerminal() {
        assertEquals(132, new TerminalWidth("132", () -> { throw new AssertionError("not asked"); }).getAsInt());
    }

    @Test
    void theTerminalIsAskedOnceUntilResized() {
        AtomicInteger asked = new AtomicInteger();
        TerminalWidth w = new TerminalWidth(null, () -> asked.incrementAndGet() == 1 ? 100 : 60);
        assertEquals(100, w.getAsInt());
        assertEquals(100, w.getAsInt());
        w.resized();
        assertEquals(60, w.getAsInt());
        assertEquals(2, asked.get());
    }

    @Test
    void withNoAnswer80() {
        assertEquals(80, new TerminalWidth("wide", () -> 0).getAsInt());
        assertEquals(80, new TerminalWidth("-5", () -> 0).getAsInt());
    }

    @Test
    void sttySizeSaysRowsThenColumns() {
        assertEquals(80, TerminalWidth.parseStty("24 80\n"));
        assertEquals(0, TerminalWidth.parseStty(""));
        assertEquals(0, TerminalWidth.parseStty("stty: 'standard input': Inappropriate ioctl for device"));
    }
}
