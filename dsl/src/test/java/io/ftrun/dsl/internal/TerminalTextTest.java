package io.ftrun.dsl.internal;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Columns as a terminal counts them, and names shortened in their middle to fit. */
class TerminalTextTest {
    @Test
    void wideCharactersTakeTwoColumnsAndCombiningMarksNone() {
        assertEquals(9, TerminalText.columns("eport.pdf"));
        assertEquals(10, TerminalText.columns("報告書.pdf")); // 3 CJK characters, 2 columns each
        assertEquals(5, TerminalText.columns("cafe\u0301.")); // e and a combining acute accent: one column
        assertEquals(2, TerminalText.columns("\ud83d\ude00")); // an emoji, two UTF-16 units
    }

    @Test
    void aNameTooLongKeepsBothEnds() {
        assertEquals("report.pdf", TerminalText.shorten("report.pdf", 10));
        assertEquals("backup-...5.tar.gz", TerminalText.shorten("backup-of-the-whole-disk-2025.tar.gz", 18));
        assertEquals("報告書...告書.pdf", TerminalText.shorten("報告書報告書報告書報告書報告書.pdf", 18)); // 17 columns: never half a wide character
        assertEquals("ab", TerminalText.shorten("abcdef", 2));
    }
}
