package io.ftrun.maven;

import io.ftrun.dsl.embed.RunReport;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;

/** What every goal has: skip, and how a run's report is logged and judged. */
abstract class FtrunMojo extends AbstractMojo {
    /** Skip this goal. */
    @Parameter(property = "ftrun.skip", defaultValue = "false")
    boolean skip;

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

    /** Logs the report's summary and, if {@code failOnError}, fails the build when the report is not OK. */
    void judge(RunReport report, boolean failOnError) throws MojoFailureException {
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
