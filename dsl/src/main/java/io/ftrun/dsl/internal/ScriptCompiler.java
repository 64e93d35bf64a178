package io.ftrun.dsl.internal;

import groovy.lang.GroovyClassLoader;
import groovy.lang.GroovyCodeSource;
import groovy.lang.GroovySystem;
import groovy.transform.TypeChecked;
import io.ftrun.dsl.FtrunScript;
import org.codehaus.groovy.ast.ClassNode;
import org.codehaus.groovy.control.CompilationUnit;
import org.codehaus.groovy.control.CompilerConfiguration;
import org.codehaus.groovy.control.customizers.ASTTransformationCustomizer;
import org.codehaus.groovy.control.customizers.ImportCustomizer;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Compiles scripts against {@link FtrunScript}, optionally type-checked, and caches the classes on disk keyed by
 * the script's content and every version that affects the bytecode, so a second run skips compilation.
 */
public final class ScriptCompiler {
    private final Path cacheDir;
    private final ClassLoader parent;
    private final String ftrunVersion;
    private final java.util.concurrent.atomic.AtomicInteger compilations = new java.util.concurrent.atomic.AtomicInteger();

    /** @param cacheDir where compiled scripts are kept, or null to compile every time */
    public ScriptCompiler(Path cacheDir, ClassLoader parent, String ftrunVersion) {
        this.cacheDir = cacheDir;
        this.parent = parent;
        this.ftrunVersion = ftrunVersion;
    }

    /** How many times this compiler actually compiled (cache hits do not count). */
    public int compilations() {
        return compilations.get();
    }

    /** The default cache: {@code $FTRUN_CACHE}, else {@code $XDG_CACHE_HOME/ftrun}, else {@code ~/.cache/ftrun}. */
    public static Path defaultCacheDir() {
        String explicit = System.getenv("FTRUN_CACHE");
        if (explicit != null && !explicit.isBlank()) return Path.of(explicit);
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("ftrun");
    }

    static CompilerConfiguration configuration(boolean typeChecked) {
        CompilerConfiguration config = new CompilerConfiguration();
        config.setScriptBaseClass(FtrunScript.class.getName());
        config.setSourceEncoding("UTF-8");
        ImportCustomizer imports = new ImportCustomizer();
        imports.addStarImports("io.ftrun.dsl", "io.ftrun.core", "io.ftrun.core.files");
        config.addCompilationCustomizers(imports);
        if (typeChecked) {
            config.addCompilationCustomizers(new ASTTransformationCustomizer(
                    java.util.Map.of("extensions", java.util.List.of("io/ftrun/dsl/FtrunTypeChecking.groovy")), TypeChecked.class));
        }
        return config;
    }

    /** Compiles (or loads from the cache) the script; {@code fileName} is what stack traces and errors show. */
    public Class<? extends FtrunScript> compile(String fileName, String text, boolean typeChecked) throws IOException {
        if (cacheDir != null) {
            try {
                return compileCached(fileName, text, typeChecked);
            } catch (IOException e) {
                // An unwritable cache must not stop the script: compile in memory instead.
            }
        }
        compilations.incrementAndGet();
        GroovyClassLoader loader = new GroovyClassLoader(parent, configuration(typeChecked));
        return loader.parseClass(new GroovyCodeSource(text, fileName, "/groovy/script")).asSubclass(FtrunScript.class);
    }

    private Class<? extends FtrunScript> compileCached(String fileName, String text, boolean typeChecked) throws IOException {
        Path dir = cacheDir.resolve(key(fileName, text, typeChecked));
        Path mainFile = dir.resolve("main-class.txt");
        if (!Files.isRegularFile(mainFile)) {
            Files.createDirectories(cacheDir);
            Path tmp = Files.createTempDirectory(cacheDir, ".compiling-");
            try {
                CompilerConfiguration config = configuration(typeChecked);
                config.setTargetDirectory(tmp.toFile());
                CompilationUnit unit = new CompilationUnit(config, null, new GroovyClassLoader(parent, config));
                unit.addSource(fileName, text);
                unit.compile();
                compilations.incrementAndGet();
                String main = null;
                for (ClassNode cn : unit.getAST().getClasses()) {
                    if (cn.isScriptBody()) main = cn.getName();
                }
                if (main == null) throw new IllegalStateException(fileName + " compiled to no script class");
                Files.writeString(tmp.resolve("main-class.txt"), main, StandardCharsets.UTF_8);
                try {
                    Files.move(tmp, dir, StandardCopyOption.ATOMIC_MOVE);
                } catch (FileAlreadyExistsException | AtomicMoveNotSupportedException | java.nio.file.DirectoryNotEmptyException raced) {
                    // another ftrun compiled the same script at the same moment: use theirs
                }
            } finally {
                if (Files.exists(tmp)) deleteTree(tmp);
            }
        }
        String main = Files.readString(mainFile, StandardCharsets.UTF_8).trim();
        URLClassLoader loader = new URLClassLoader(new URL[]{dir.toUri().toURL()}, parent);
        try {
            return Class.forName(main, true, loader).asSubclass(FtrunScript.class);
        } catch (ClassNotFoundException e) {
            throw new IOException("corrupt script cache entry " + dir, e);
        }
    }

    private String key(String fileName, String text, boolean typeChecked) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            String versions = String.join("|", ftrunVersion, GroovySystem.getVersion(), String.valueOf(Runtime.version().feature()),
                    String.valueOf(typeChecked), fileName);
            md.update(versions.getBytes(StandardCharsets.UTF_8));
            md.update((byte) 0);
            md.update(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(md.digest()).substring(0, 32);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void deleteTree(Path p) throws IOException {
        try (var walk = Files.walk(p)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
    }
}
