package io.ftrun.dsl.embed;

import groovy.lang.Closure;
import groovy.lang.DelegatesTo;
import io.ftrun.dsl.FtrunScript;
import io.ftrun.dsl.embed.internal.CallerFile;
import io.ftrun.dsl.embed.internal.ClosureScript;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;

/**
 * Runs ftrun transfer scripts from any JVM program: a build, a test, a service.
 *
 * <pre>{@code
 * RunReport r = Ftrun.script(Path.of("upload.groovy")).params(Map.of("file", "app.jar")).run();
 *
 * try (Running inbox = Ftrun.script(Path.of("receiver.groovy")).start()) {
 *     int port = inbox.port();
 *     ... // integration tests talk to the receiver
 * }   // stops it
 * }</pre>
 *
 * From Groovy (a Gradle build script, GMavenPlus, Ant's groovy task):
 * {@code import static io.ftrun.dsl.embed.Ftrun.ftrun; ftrun { client { ... } }}.
 *
 * <p>Every run is independent: its own model, parameters, log, listeners and servers; nothing is static.
 */
public final class Ftrun {
    private Ftrun() {
    }

    /** A script file; its relative paths resolve against the working directory unless {@link FtrunRunner#baseDir} says otherwise. */
    public static FtrunRunner script(Path file) {
        return new FtrunRunner(file.getFileName().toString(), (loader, name, args) -> loader.load(name, read(file), args.params(),
                args.log(), args.classLoader(), args.baseDir()));
    }

    /** A script given as text; {@code name} (e.g. {@code upload.groovy}) is what errors and line numbers show. */
    public static FtrunRunner text(String name, String text) {
        return new FtrunRunner(name, (loader, n, args) -> loader.load(n, text, args.params(), args.log(), args.classLoader(), args.baseDir()));
    }

    /**
     * A closure whose body is a script body: {@code server}, {@code client}, {@code clients}, {@code afterClients},
     * {@code params}, {@code log}, naming policies... resolve to ftrun first, then to the closure's own owner.
     */
    public static FtrunRunner closure(@DelegatesTo(value = FtrunScript.class, strategy = Closure.DELEGATE_FIRST) Closure<?> body) {
        String file = CallerFile.of(Ftrun.class);
        return new FtrunRunner(file, (loader, n, args) -> io.ftrun.dsl.ScriptLoader.declare(new ClosureScript(body), n, args.params(),
                args.log(), args.classLoader(), args.baseDir()));
    }

    /**
     * Runs a transfer written inline, for Groovy build scripts: {@code ftrun { client { connect 'host', 9999; sendFile 'app.jar' } }}.
     * Servers it declares stop when its clients are done.
     *
     * @return the report
     * @throws TransferFailedException when a transfer failed (so the build fails)
     * @throws FtrunException when the block is not a valid transfer
     */
    public static RunReport ftrun(@DelegatesTo(value = FtrunScript.class, strategy = Closure.DELEGATE_FIRST) Closure<?> body) {
        return closure(body).run().orThrow();
    }

    /** {@code ftrun(host: 'example.org', file: 'app.jar') { client { connect params.host, 9999; sendFile params.file } }}. */
    public static RunReport ftrun(Map<String, ?> params,
                                  @DelegatesTo(value = FtrunScript.class, strategy = Closure.DELEGATE_FIRST) Closure<?> body) {
        return closure(body).params(params).run().orThrow();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new FtrunException("no such script: " + file);
        } catch (MalformedInputException e) {
            throw new FtrunException(file + " is not UTF-8 text");
        } catch (IOException e) {
            throw new FtrunException("cannot read " + file + ": " + e.getMessage(), new UncheckedIOException(e));
        }
    }
}
