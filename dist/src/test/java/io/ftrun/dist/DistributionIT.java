package io.ftrun.dist;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The built archives as a user meets them: unpacked by tar or unzip into a directory of their own, run from
 * another directory, with JAVA_HOME and a PATH that holds only POSIX tools: no Maven, no bash, no checkout.
 */
class DistributionIT {
    private static final String VERSION = System.getProperty("ftrun.version");
    private static final Path ARCHIVE = Path.of(System.getProperty("ftrun.dist.archive"));
    /** What bin/ftrun may call, besides the shell's builtins: POSIX tools, found on GNU, BSD and busybox alike. */
    private static final List<String> POSIX_TOOLS = List.of("ls", "dirname", "basename", "sed", "cksum", "cut",
            "mkdir", "find", "rm", "mv", "touch", "cat");

    @TempDir
    static Path dir;
    private static Path home;
    private static Path tools;

    @BeforeAll
    static void unpackTheTarball() throws Exception {
        Path install = Files.createDirectories(dir.resolve("opt"));
        exec(install, "tar", "xzf", ARCHIVE + ".tar.gz");
        home = install.resolve("ftrun-" + VERSION);
        tools = Files.createDirectories(dir.resolve("tools"));
        for (String tool : POSIX_TOOLS) Files.createSymbolicLink(tools.resolve(tool), which(tool));
    }

    @Test
    void versionAndAQuickstartRunFromAnotherDirectory() throws Exception {
        Path work = Files.createDirectories(dir.resolve("work"));
        Path cache = dir.resolve("cache");
        Result version = ftrun(work, cache, tools, home.resolve("bin/ftrun").toString(), "--version");
        assertEquals(0, version.code, version.output);
        assertTrue(version.output.startsWith("ftrun " + VERSION + " (Groovy "), version.output);

        Result quickstart = ftrun(work, cache, tools, home.resolve("bin/ftrun").toString(),
                home.resolve("samples/quickstart.groovy").toString());
        assertEquals(0, quickstart.code, quickstart.output);
        assertTrue(quickstart.output.contains("quickstart: 20/20 clients succeeded, 20 files stored"), quickstart.output);
        assertTrue(quickstart.output.contains("every file intact, none overwritten: OK"), quickstart.output);
        // the start-up tuning came along: the runs wrote the class-data archive later runs map
        assertTrue(archives(cache) > 0, "no class-data archive written under " + cache);
        try (Stream<Path> left = Files.list(work)) {
            assertEquals(List.of(), left.toList(), "the run left files in the working directory");
        }
    }

    /** A built-in command from the unpacked archive: {@code ftrun send --raw} to a plain socket that reads to the end. */
    @Test
    void aBuiltinCommandSendsToAPlainSocket() throws Exception {
        byte[] data = new byte[300_000];
        new java.util.Random(3).nextBytes(data);
        Path file = Files.write(dir.resolve("upload.bin"), data);
        try (java.net.ServerSocket server = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            java.util.concurrent.CompletableFuture<byte[]> received = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                try (java.net.Socket s = server.accept()) {
                    return s.getInputStream().readAllBytes();
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            Result send = ftrun(Files.createDirectories(dir.resolve("sender")), dir.resolve("cache-send"), tools,
                    home.resolve("bin/ftrun").toString(), "send", "--raw", file.toString(), "--to", "127.0.0.1:" + server.getLocalPort());
            assertEquals(0, send.code, send.output);
            assertTrue(java.util.Arrays.equals(data, received.get(30, TimeUnit.SECONDS)), "the bytes that arrived differ");
        }
    }

    /** The usual install: a link to bin/ftrun in a directory on the PATH, found by name; a relative link too. */
    @Test
    void aLinkOnThePathFindsItsHome() throws Exception {
        Path bin = Files.createDirectories(dir.resolve("link-bin"));
        Files.createSymbolicLink(bin.resolve("ftrun"), bin.relativize(home.resolve("bin/ftrun")));
        for (String tool : POSIX_TOOLS) Files.createSymbolicLink(bin.resolve(tool), which(tool));
        // through a shell, so that the name is looked up on the child's PATH
        Result version = ftrun(Files.createDirectories(dir.resolve("elsewhere")), dir.resolve("cache-link"), bin,
                "/bin/sh", "-c", "ftrun --version");
        assertEquals(0, version.code, version.output);
        assertTrue(version.output.startsWith("ftrun " + VERSION), version.output);
    }

    /**
     * A minimal userland: busybox's shell and busybox's tools, which have none of GNU's extensions, run the
     * launcher and its class-data archive steps. (Debian's busybox is built without cksum: that one is GNU's.)
     */
    @Test
    void busyboxShellAndToolsRunIt() throws Exception {
        Path busybox = which("busybox");
        Path bin = Files.createDirectories(dir.resolve("busybox-bin"));
        for (String tool : POSIX_TOOLS) Files.createSymbolicLink(bin.resolve(tool), hasApplet(busybox, tool) ? busybox : which(tool));
        Path cache = dir.resolve("cache-busybox");
        Path script = Files.writeString(dir.resolve("hello.groovy"), "println \"hello from ${params.name}\"\n");
        for (int run = 1; run <= 2; run++) {
            Result hello = ftrun(dir, cache, bin, busybox.toString(), "sh", home.resolve("bin/ftrun").toString(),
                    script.toString(), "-Pname=busybox");
            assertEquals(0, hello.code, hello.output);
            assertEquals("hello from busybox", hello.output.strip(), "run " + run);
        }
        assertTrue(archives(cache) > 0, "no class-data archive written under " + cache);
    }

    @Test
    void theZipKeepsTheLauncherExecutableAndTheBatchFileWindowsLines() throws Exception {
        Path install = Files.createDirectories(dir.resolve("zip"));
        exec(install, "unzip", "-q", ARCHIVE + ".zip");
        Path zipped = install.resolve("ftrun-" + VERSION);
        Result version = ftrun(dir, dir.resolve("cache-zip"), tools, zipped.resolve("bin/ftrun").toString(), "--version");
        assertEquals(0, version.code, version.output);
        String bat = Files.readString(zipped.resolve("bin/ftrun.bat"), StandardCharsets.UTF_8);
        assertTrue(bat.contains("io.ftrun.dsl.cli.Main %*\r\n"), bat);
        try (Stream<Path> jars = Files.list(zipped.resolve("lib"))) {
            List<String> names = jars.map(p -> p.getFileName().toString()).sorted().toList();
            assertTrue(names.contains("ftrun-core-" + VERSION + ".jar") && names.contains("ftrun-dsl-" + VERSION + ".jar"), names.toString());
            assertFalse(names.stream().anyMatch(n -> n.startsWith("junit")), "test jars shipped: " + names);
        }
    }

    /** ftrun's own jars in lib/ name their modules and carry the licence and notices the archive's top holds. */
    @Test
    void theShippedJarsCarryTheLicenceAndTheirModuleNames() throws Exception {
        byte[] licence = Files.readAllBytes(home.resolve("LICENSE"));
        byte[] notice = Files.readAllBytes(home.resolve("NOTICE"));
        for (String[] jar : new String[][] {{"ftrun-core", "io.ftrun.core"}, {"ftrun-dsl", "io.ftrun.dsl"}}) {
            try (java.util.jar.JarFile j = new java.util.jar.JarFile(home.resolve("lib/" + jar[0] + "-" + VERSION + ".jar").toFile())) {
                assertEquals(jar[1], j.getManifest().getMainAttributes().getValue("Automatic-Module-Name"), jar[0]);
                assertTrue(java.util.Arrays.equals(licence, j.getInputStream(j.getEntry("META-INF/LICENSE")).readAllBytes()), jar[0] + " LICENSE");
                assertTrue(java.util.Arrays.equals(notice, j.getInputStream(j.getEntry("META-INF/NOTICE")).readAllBytes()), jar[0] + " NOTICE");
            }
        }
    }

    @Test
    void withoutJavaItSaysSo() throws Exception {
        ProcessBuilder pb = new ProcessBuilder(home.resolve("bin/ftrun").toString(), "--version").redirectErrorStream(true);
        pb.environment().remove("JAVA_HOME");
        pb.environment().put("PATH", tools.toString());
        Result r = run(pb);
        assertEquals(2, r.code, r.output);
        assertEquals("ftrun: no Java found: install a JDK or JRE 17 or newer, or set JAVA_HOME", r.output.strip());
    }

    private record Result(int code, String output) {
    }

    /** Runs {@code command} in {@code work} with JAVA_HOME set to this JVM's and {@code path} as the whole PATH. */
    private static Result ftrun(Path work, Path cache, Path path, String... command) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command).directory(work.toFile()).redirectErrorStream(true);
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        pb.environment().put("PATH", path.toString());
        pb.environment().put("FTRUN_CACHE", cache.toString());
        pb.environment().remove("FTRUN_CDS");
        pb.environment().remove("FTRUN_JAVA_OPTS");
        return run(pb);
    }

    private static Result run(ProcessBuilder pb) throws Exception {
        Process p = pb.start();
        p.getOutputStream().close();
        byte[] out = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "did not exit: " + pb.command());
        return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }

    private static void exec(Path work, String... command) throws Exception {
        Result r = run(new ProcessBuilder(command).directory(work.toFile()).redirectErrorStream(true));
        assertEquals(0, r.code, String.join(" ", command) + ": " + r.output);
    }

    private static long archives(Path cache) throws IOException {
        Path cds = cache.resolve("cds");
        if (!Files.isDirectory(cds)) return 0;
        try (Stream<Path> files = Files.list(cds)) {
            return files.filter(f -> f.getFileName().toString().matches("ftrun-\\d+-\\d+\\.jsa(\\.\\d+)?")).count();
        }
    }

    private static boolean hasApplet(Path busybox, String tool) throws Exception {
        return run(new ProcessBuilder(busybox.toString(), "--list")).output.lines().anyMatch(tool::equals);
    }

    private static Path which(String tool) {
        for (String d : List.of("/usr/bin", "/bin", "/usr/local/bin")) {
            Path p = Path.of(d, tool);
            if (Files.isExecutable(p)) return p;
        }
        throw new AssertionError(tool + " not found in /usr/bin, /bin or /usr/local/bin");
    }
}
