package io.ftrun.core.files;

import org.junit.jupiter.api.Test;

import java.nio.file.attribute.PosixFilePermissions;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** One mapping between mode bits and permissions, checked against the JDK's own rwx notation. */
class PosixModeTest {
    @Test
    void bitsAndPermissionsMapBothWays() {
        assertEquals(PosixFilePermissions.fromString("rw-r--r--"), PosixMode.permissions(0644));
        assertEquals(PosixFilePermissions.fromString("rwxr-x--x"), PosixMode.permissions(0751));
        assertEquals(0640, PosixMode.mode(PosixFilePermissions.fromString("rw-r-----")));
        for (int mode = 0; mode <= 0777; mode++) assertEquals(mode, PosixMode.mode(PosixMode.permissions(mode)));
        assertEquals(0755, PosixMode.mode(PosixMode.permissions(0100755)), "only the permission bits count");
    }
}
