package io.ftrun.core.security;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SecretsTest {
    @Test
    void fileWithoutItsLineBreak(@TempDir Path dir) throws IOException {
        assertEquals("s3cret", Secrets.fromFile(Files.writeString(dir.resolve("t"), "s3cret\r\n")));
        IOException empty = assertThrows(IOException.class, () -> Secrets.fromFile(Files.writeString(dir.resolve("e"), "\n")));
        assertTrue(empty.getMessage().contains("empty"));
    }

    @Test
    void environmentVariableErrorsNameTheVariableNeverAValue() {
        assertEquals("tok", Secrets.fromEnv("FTRUN_TOKEN", Map.of("FTRUN_TOKEN", "tok\n")));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Secrets.fromEnv("FTRUN_TOKEN", Map.of("OTHER", "x")));
        assertTrue(e.getMessage().contains("FTRUN_TOKEN"));
    }

    @Test
    void matchesOnlyTheSameSecret() {
        assertTrue(Secrets.matches("abc", "abc"));
        assertFalse(Secrets.matches("abc", "abd"));
        assertFalse(Secrets.matches("abc", "abcd"));
        assertFalse(Secrets.matches("abc", null));
        assertFalse(Secrets.matches(null, "abc"));
    }
}
