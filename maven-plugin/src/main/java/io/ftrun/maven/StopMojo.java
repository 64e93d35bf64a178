package io.ftrun.maven;

import io.ftrun.dsl.embed.Running;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Stops what {@code start} started (the run with the same id): servers drain and stop, and the build fails if a
 * transfer into them failed.
 */
@Mojo(name = "stop", defaultPhase = LifecyclePhase.POST_INTEGRATION_TEST, threadSafe = true)
public class StopMojo extends FtrunMojo {
    /** The run to stop: the {@code id} its {@code start} was given. */
    @Parameter(property = "ftrun.id", defaultValue = "default")
    String id;

    /** Fail the build when a transfer into the stopped servers failed. */
    @Parameter(property = "ftrun.failOnError", defaultValue = "true")
    boolean failOnError;

    @Override
    void run() throws MojoExecutionException, MojoFailureException {
        Running running = new RunRegistry(getPluginContext()).remove(id);
        if (running == null) {
            getLog().warn("ftrun: nothing to stop: no run with id '" + id + "' was started in this project");
            return;
        }
        getLog().info("ftrun: stopping " + running.name() + " (id " + id + ")");
        judge(running.stop(), failOnError);
    }
}
