package io.ftrun.maven;

import io.ftrun.dsl.embed.Ftrun;
import io.ftrun.dsl.embed.FtrunRunner;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;

import java.io.File;
import java.util.LinkedHashMap;
import java.util.Map;

/** What the goals that load a script share ({@code run} and {@code start}): the script, its parameters, type checking. */
abstract class ScriptMojo extends FtrunMojo {
    /** The transfer script. */
    @Parameter(property = "ftrun.script")
    File script;

    /** The script's parameters, read as {@code params.name}: {@code <params><port>9999</port></params>}. */
    @Parameter
    Map<String, String> params = new LinkedHashMap<>();

    /**
     * More script parameters, from the command line, as the {@code ftrun} command takes them:
     * {@code -Dftrun.args="-Pport=9999 '-Pnote=two words'"}. They are added to {@code params}, and win over an
     * entry of the same name there. The property applies to every run and start of the build.
     */
    @Parameter(property = "ftrun.args")
    String args;

    /**
     * Type-check the script, as {@code ftrun --static}. The property's old name, {@code ftrun.static}, is
     * deprecated; it still works, with a warning.
     */
    @Parameter(property = "ftrun.typeChecked", defaultValue = "false")
    boolean typeChecked;

    /** The value of the deprecated property {@code ftrun.static}, if set: the old name of {@code ftrun.typeChecked}. */
    @Parameter(defaultValue = "${ftrun.static}", readonly = true)
    String deprecatedStatic;

    /** The project's directory, where relative paths in the script resolve; none when run outside a project. */
    @Parameter(defaultValue = "${project.basedir}", readonly = true)
    File baseDir;

    /**
     * The directory Maven was started in, where relative paths resolve outside a project ({@code mvn
     * io.ftrun:ftrun-maven-plugin:run -Dftrun.script=x.groovy}), as Maven resolves {@code -Dftrun.script} there too.
     */
    @Parameter(defaultValue = "${session.executionRootDirectory}", readonly = true)
    File executionRoot;

    /** The runner for {@link #script}, logging into Maven's log. */
    FtrunRunner runner() throws MojoFailureException {
        if (script == null) throw new MojoFailureException("ftrun: set <script> (or -Dftrun.script) to the transfer script");
        Map<String, String> all = new LinkedHashMap<>();
        if (params != null) all.putAll(params);
        all.putAll(CommandLineParams.parse(args));
        return Ftrun.script(script.toPath())
                .params(all)
                .typeChecked(typeChecked())
                .baseDir(base().toPath())
                .log(MavenLog.of(getLog()));
    }

    /** Where the script's relative paths resolve: the project's directory, or the one Maven was started in. */
    File base() {
        if (baseDir != null) return baseDir;
        if (executionRoot != null) return executionRoot;
        return new File(System.getProperty("user.dir"));
    }

    /** {@link #typeChecked}, or the deprecated {@code ftrun.static} set to true. */
    boolean typeChecked() {
        if (deprecatedStatic == null) return typeChecked;
        getLog().warn("ftrun: the property ftrun.static is deprecated: use ftrun.typeChecked (-Dftrun.typeChecked=" + deprecatedStatic + ")");
        return typeChecked || Boolean.parseBoolean(deprecatedStatic);
    }
}
