package io.ftrun.dsl.embed.internal;

/**
 * The source file that called into ftrun, e.g. {@code build.gradle} or {@code UploadTest.java}: the name a closure's
 * errors and line numbers are reported under, as a script's are under its own file name.
 */
public final class CallerFile {
    private CallerFile() {
    }

    private static final String[] SKIP = {"io.ftrun.dsl.", "groovy.", "org.codehaus.groovy.", "org.apache.groovy.", "java.", "jdk.", "sun."};

    /** The file of the first frame outside ftrun, Groovy and the JDK, or {@code fallback}'s simple name. */
    public static String of(Class<?> fallback) {
        for (StackTraceElement e : new Throwable().getStackTrace()) {
            if (e.getFileName() == null || skipped(e.getClassName())) continue;
            return e.getFileName();
        }
        return fallback.getSimpleName() + ".java";
    }

    private static boolean skipped(String className) {
        for (String p : SKIP) {
            if (className.startsWith(p)) return true;
        }
        return false;
    }
}
