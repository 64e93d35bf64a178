package io.ftrun.maven;

import io.ftrun.dsl.ScriptLog;
import io.ftrun.dsl.embed.Ftrun;
import io.ftrun.dsl.embed.FtrunRunner;
import io.ftrun.dsl.embed.RunReport;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;

import java.io.File;
import java.util.LinkedHashMap;
import java.util.Map;

/** What the goals share: the script, its parameters, skip, type checking, and how a report is logged and judged. */
abstract class FtrunMojo extends AbstractMojo {
    /** The transfer script. */
    @Parameter(property = "ftrun.script")
    File script;

    /** The script's parameters, read as {@code params.name}: {@code <params><port>9999</port></params>}. */
    @Parameter
    Map<String, String> params = new LinkedHashMap<>();

    /** Skip this goal. */
    @Parameter(property = "ftrun.skip", defaultValue = "false")
    boolean skip;

    /** Type-check the script, as {@code ftrun --static}. */
    @Parameter(property = "ftrun.static", defaultValue = "false")
    boolean typeChecked;

    /** Where relative paths in the script resolve. */
    @Parameter(defaultValue = "${project.basedir}", readonly = true)
    File baseDir;

    /** Fail the build when a transfer failed. */
    @Parameter(property = "ftrun.failOnError", defaultValue = "true")
    boolean failOnError;

    @Override
    public final void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("ftrun: skipped");
            return;
        }
        run();
    }

    /** The goal's work, unless skipped. */
    abstract void run() throws MojoExecutionException, MojoFailureException;

    /** The runner for {@link #script}, logging into Maven's log. */
    FtrunRunner runner() throws MojoFailureException {
        if (script == null) throw new MojoFailureException("ftrun: set <script> (or -Dftrun.script) to the transfer script");
        return Ftrun.script(script.toPath())
                .params(params)
                .typeChecked(typeChecked)
                .baseDir(baseDir.toPath())
                .log(getLog().isDebugEnabled() ? ScriptLog.Level.DEBUG : ScriptLog.Level.INFO, getLog()::info);
    }

    /** Logs the report's summary and fails the build when it is not OK (unless failOnError is off). */
    void judge(RunReport report) throws MojoFailureException {
        for (String line : report.summary()) {
            if (report.ok()) getLog().info(line);
            else getLog().error(line);
        }
        if (!report.ok() && failOnError) {
            throw new MojoFailureException("ftrun: " + report.problems().size() + " failure(s) in " + report.name() + ": "
                    + report.problems().get(0).located());
        }
    }
}
