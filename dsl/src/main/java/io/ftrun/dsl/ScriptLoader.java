package io.ftrun.dsl;

import groovy.lang.Binding;
import io.ftrun.dsl.internal.ScriptCompiler;
import io.ftrun.dsl.internal.ScriptErrors;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Compiles a script and runs its body, which declares servers and clients into a {@link ScriptModel}; then
 * locks the model. Nothing is started: that is {@link ScriptExecution}'s job. Used by the command line and by
 * programs that embed ftrun.
 */
public final class ScriptLoader {
    private final ScriptCompiler compiler;
    private final boolean typeChecked;

    public ScriptLoader(Path cacheDir, boolean typeChecked) {
        this(cacheDir, typeChecked, ScriptLoader.class.getClassLoader());
    }

    public ScriptLoader(Path cacheDir, boolean typeChecked, ClassLoader classLoader) {
        this.compiler = new ScriptCompiler(cacheDir, classLoader, Version.current());
        this.typeChecked = typeChecked;
    }

    /**
     * Compiles and declares. {@code fileName} is the name errors show; {@code baseDir} is where relative paths
     * in the script resolve.
     *
     * @throws ScriptError with a located message for a compile error or an invalid declaration
     */
    public ScriptContext load(String fileName, String text, Params params, ScriptLog log, ClassLoader pluginLoader, Path baseDir)
            throws ScriptError {
        FtrunScript script;
        try {
            script = compiler.compile(fileName, text, typeChecked).getDeclaredConstructor().newInstance();
        } catch (IOException e) {
            throw new ScriptError(new ScriptProblem(fileName, 0, null, ScriptProblem.Code.COMPILE, "cannot compile: " + e.getMessage(), e));
        } catch (Throwable t) {
            throw new ScriptError(ScriptErrors.problems(t, fileName, ScriptProblem.Code.COMPILE));
        }
        return declare(script, fileName, params, log, pluginLoader, baseDir);
    }

    /**
     * Runs an already-built script body (compiled here, or a closure wrapped by the embedding API) against a
     * fresh model, then locks the model.
     *
     * @throws ScriptError with a located message for an invalid declaration
     */
    public static ScriptContext declare(FtrunScript script, String fileName, Params params, ScriptLog log, ClassLoader pluginLoader,
                                        Path baseDir) throws ScriptError {
        ScriptModel model = new ScriptModel(fileName, baseDir == null ? Path.of("") : baseDir);
        ScriptContext context = new ScriptContext(model, params, log, pluginLoader);
        script.setBinding(new Binding());
        script.init(context);
        try {
            script.run();
        } catch (Throwable t) {
            if (ScriptErrors.unwrap(t) instanceof Params.Declared) return context;   // --help: the declarations are all it wanted
            throw new ScriptError(ScriptErrors.problems(t, fileName, ScriptProblem.Code.DECLARATION));
        } finally {
            model.lock();
        }
        return context;
    }
}
