package io.ftrun.maven;

import io.ftrun.dsl.embed.Running;

import java.util.Map;

/**
 * Runs started by {@code start}, kept in the plugin context: Maven gives every goal of this plugin the same map
 * for one project, so {@code stop} finds what {@code start} left there in an earlier phase, and two projects of
 * a reactor never see each other's runs.
 */
final class RunRegistry {
    private static final String PREFIX = "io.ftrun.maven.running.";
    @SuppressWarnings("rawtypes")
    private final Map context;

    @SuppressWarnings("rawtypes")
    RunRegistry(Map pluginContext) {
        if (pluginContext == null) throw new IllegalStateException("no plugin context: run this goal from a Maven build");
        this.context = pluginContext;
    }

    Running get(String id) {
        return (Running) context.get(PREFIX + id);
    }

    @SuppressWarnings("unchecked")
    void put(String id, Running running) {
        context.put(PREFIX + id, running);
    }

    Running remove(String id) {
        return (Running) context.remove(PREFIX + id);
    }
}
