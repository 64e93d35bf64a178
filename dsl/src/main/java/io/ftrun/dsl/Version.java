package io.ftrun.dsl;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** ftrun's version, from the build. */
public final class Version {
    private Version() {
    }

    public static String current() {
        try (InputStream in = Version.class.getResourceAsStream("/io/ftrun/dsl/version.properties")) {
            if (in == null) return "dev";
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version", "dev");
        } catch (IOException e) {
            return "dev";
        }
    }
}
