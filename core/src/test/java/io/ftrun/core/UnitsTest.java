package io.ftrun.core;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.*;

class UnitsTest {
    @Test
    void sizesAreBinaryAndForgiving() {
        assertEquals(512, Units.parseSize("512"));
        assertEquals(64 * 1024, Units.parseSize("64KB"));
        assertEquals(64 * 1024, Units.parseSize("64 kib"));
        assertEquals(3L << 29, Units.parseSize("1.5GB"));
        assertEquals(2L << 40, Units.parseSize("2T"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Units.parseSize("lots"));
        assertTrue(e.getMessage().contains("not a size: 'lots'"));
    }

    @Test
    void durations() {
        assertEquals(Duration.ZERO, Units.parseDuration("0"));
        assertEquals(Duration.ofMillis(500), Units.parseDuration("500ms"));
        assertEquals(Duration.ofSeconds(30), Units.parseDuration("30s"));
        assertEquals(Duration.ofSeconds(90), Units.parseDuration("1.5m"));
        assertEquals(Duration.ofDays(1), Units.parseDuration("1d"));
        assertThrows(IllegalArgumentException.class, () -> Units.parseDuration("30"));
    }

    @Test
    void sizesFormatForPeople() {
        assertEquals("1023 B", Units.formatSize(1023));
        assertEquals("1.5 MiB", Units.formatSize(3 << 19));
        assertEquals("2.0 TiB", Units.formatSize(2L << 40));
        assertEquals("4.0 KiB", Units.formatSize(4096));
        assertEquals("1.0 KiB", Units.formatSize(1075)); // 1.0498
        assertEquals("1.1 KiB", Units.formatSize(1076)); // 1.0508
        assertEquals("1024.0 KiB", Units.formatSize((1L << 20) - 1));
        assertEquals("8388608.0 TiB", Units.formatSize(Long.MAX_VALUE));
    }

    @Test
    void timesLeftFormatForPeopleRoundedUp() {
        assertEquals("0s", Units.formatEta(Duration.ZERO));
        assertEquals("0s", Units.formatEta(null));
        assertEquals("1s", Units.formatEta(Duration.ofMillis(200)));
        assertEquals("42s", Units.formatEta(Duration.ofSeconds(42)));
        assertEquals("59s", Units.formatEta(Duration.ofMillis(58_001)));
        assertEquals("1m00s", Units.formatEta(Duration.ofMillis(59_001)));
        assertEquals("3m05s", Units.formatEta(Duration.ofSeconds(185)));
        assertEquals("59m59s", Units.formatEta(Duration.ofSeconds(3599)));
        assertEquals("1h00m", Units.formatEta(Duration.ofSeconds(3600)));
        assertEquals("1h02m", Units.formatEta(Duration.ofSeconds(3720)));
        assertEquals("1h03m", Units.formatEta(Duration.ofSeconds(3721)));
        assertEquals("23h59m", Units.formatEta(Duration.ofMinutes(24 * 60 - 1)));
        assertEquals("1d00h", Units.formatEta(Duration.ofHours(24)));
        assertEquals("2d03h", Units.formatEta(Duration.ofHours(51)));
        assertEquals("2d04h", Units.formatEta(Duration.ofMinutes(51 * 60 + 1)));
    }
}
