package io.ftrun.maven;

import io.ftrun.dsl.embed.FtrunException;
import io.ftrun.dsl.embed.Running;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

import java.util.Map;

/**
 * Starts the servers a script declares and leaves them running in the Maven JVM for later phases; {@code stop}
 * stops them. Each server's port is published as the project property {@code ftrun.port.NAME} (and the first
 * server's as {@code ftrun.port}), so later goals and test configuration can use {@code ${ftrun.port}}. Whether a
 * transfer into them failed is judged when {@code stop} stops them.
 */
@Mojo(name = "start", defaultPhase = LifecyclePhase.PRE_INTEGRATION_TEST, threadSafe = true)
public class StartMojo extends ScriptMojo {
    /** Names this run, for the {@code stop} goal with the same id (needed only when several runs are started). */
    @Parameter(property = "ftrun.id", defaultValue = "default")
    String id;

    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    MavenProject project;

    @Override
    void run() throws MojoExecutionException, MojoFailureException {
        RunRegistry runs = new RunRegistry(getPluginContext());
        if (runs.get(id) != null) throw new MojoExecutionException("ftrun: a run with id '" + id + "' is already started");
        Running running;
        try {
            running = runner().start();
        } catch (FtrunException e) {
            throw new MojoExecutionException(e.getMessage(), e);
        }
        runs.put(id, running);
        for (Map.Entry<String, Integer> p : running.ports().entrySet()) {
            project.getProperties().setProperty("ftrun.port." + p.getKey(), String.valueOf(p.getValue()));
        }
        if (!running.ports().isEmpty()) project.getProperties().setProperty("ftrun.port", String.valueOf(running.port()));
        getLog().info("ftrun: started " + running.name() + " (id " + id + "), servers " + running.ports());
    }
}
