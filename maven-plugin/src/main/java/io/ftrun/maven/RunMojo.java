package io.ftrun.maven;

import io.ftrun.dsl.embed.FtrunException;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Runs a transfer script: its servers start, its clients run, and the servers stop when the clients are done.
 * Fails the build when a transfer fails.
 */
@Mojo(name = "run", threadSafe = true, requiresProject = false)
public class RunMojo extends ScriptMojo {
    /** Fail the build when a transfer failed. */
    @Parameter(property = "ftrun.failOnError", defaultValue = "true")
    boolean failOnError;

    @Override
    void run() throws MojoExecutionException, MojoFailureException {
        try {
            judge(runner().run(), failOnError);
        } catch (FtrunException e) {
            throw new MojoExecutionException(e.getMessage(), e);
        }
    }
}
