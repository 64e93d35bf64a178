package io.ftrun.dsl.embed;

import groovy.lang.Binding;
import groovy.lang.Closure;
import groovy.lang.GroovyShell;
import groovy.lang.Script;
import org.codehaus.groovy.control.CompilerConfiguration;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A stand-in for the few parts of Gradle's API that samples/gradle/build.gradle uses, so the build file itself
 * can be compiled and run by the Groovy on the classpath (Gradle 9 embeds Groovy 4.0) without Gradle:
 * {@code buildscript { repositories { } dependencies { classpath } }}, {@code tasks.register(name) { }} with
 * {@code group}, {@code description}, {@code doLast}, {@code findProperty}, {@code layout.buildDirectory} and
 * {@code logger.lifecycle}. Closures get the same delegates and resolve strategy Gradle gives them.
 */
public final class GradleStandIn {
    private final Map<String, Object> properties = new LinkedHashMap<>();
    private final List<String> classpath = new ArrayList<>();
    private final Map<String, Task> tasks = new LinkedHashMap<>();
    private final List<String> log = new ArrayList<>();
    private final File buildDir;

    public GradleStandIn(File buildDir) {
        this.buildDir = buildDir;
    }

    public GradleStandIn property(String name, Object value) {
        properties.put(name, value);
        return this;
    }

    /** Compiles and evaluates the build file, as Gradle's configuration phase does. */
    public GradleStandIn evaluate(Path buildFile) throws IOException {
        CompilerConfiguration cc = new CompilerConfiguration();
        cc.setScriptBaseClass(BuildScript.class.getName());
        Binding binding = new Binding();
        binding.setVariable(BuildScript.PROJECT, this);
        GroovyShell shell = new GroovyShell(GradleStandIn.class.getClassLoader(), binding, cc);
        Script script = shell.parse(Files.readString(buildFile, StandardCharsets.UTF_8), buildFile.getFileName().toString());
        script.run();
        return this;
    }

    public List<String> classpath() {
        return classpath;
    }

    public List<String> log() {
        return log;
    }

    public Task task(String name) {
        Task t = tasks.get(name);
        if (t == null) throw new IllegalArgumentException("no task " + name + " (have " + tasks.keySet() + ")");
        return t;
    }

    private static void configure(Object delegate, Closure<?> c) {
        Closure<?> copy = (Closure<?>) c.clone();
        copy.setResolveStrategy(Closure.DELEGATE_FIRST);
        copy.setDelegate(delegate);
        copy.call(delegate);
    }

    /** The build script's base class: the methods Gradle's Project gives a script. */
    public abstract static class BuildScript extends Script {
        static final String PROJECT = "__gradleStandIn";

        private GradleStandIn project() {
            return (GradleStandIn) getBinding().getVariable(PROJECT);
        }

        public void buildscript(Closure<?> c) {
            configure(new ScriptHandler(project()), c);
        }

        public TaskContainer getTasks() {
            return new TaskContainer(project());
        }

        public Object findProperty(String name) {
            return project().properties.get(name);
        }

        public Layout getLayout() {
            return new Layout(project().buildDir);
        }

        public Logger getLogger() {
            return new Logger(project().log);
        }
    }

    public static final class ScriptHandler {
        private final GradleStandIn project;

        ScriptHandler(GradleStandIn project) {
            this.project = project;
        }

        public void repositories(Closure<?> c) {
            configure(new Repositories(), c);
        }

        public void dependencies(Closure<?> c) {
            configure(new Dependencies(project.classpath), c);
        }
    }

    public static final class Repositories {
        public void mavenLocal() {
        }

        public void mavenCentral() {
        }
    }

    public static final class Dependencies {
        private final List<String> classpath;

        Dependencies(List<String> classpath) {
            this.classpath = classpath;
        }

        public void classpath(Object notation) {
            classpath.add(String.valueOf(notation));
        }
    }

    public static final class TaskContainer {
        private final GradleStandIn project;

        TaskContainer(GradleStandIn project) {
            this.project = project;
        }

        public Task register(String name, Closure<?> config) {
            Task t = new Task(name, project.log);
            configure(t, config);
            project.tasks.put(name, t);
            return t;
        }
    }

    public static final class Task {
        private final String name;
        private final List<String> log;
        private final List<Closure<?>> actions = new ArrayList<>();
        private String group;
        private String description;

        Task(String name, List<String> log) {
            this.name = name;
            this.log = log;
        }

        public String getName() { return name; }
        public String getGroup() { return group; }
        public void setGroup(String group) { this.group = group; }
        public String getDescription() { return description; }
        public void setDescription(String description) { this.description = description; }

        public Logger getLogger() {
            return new Logger(log);
        }

        public void doLast(Closure<?> action) {
            actions.add(action);
        }

        /** Runs the task's actions, as {@code gradle NAME} would once the task graph is ready. */
        public void run() {
            for (Closure<?> a : actions) configure(this, a);
        }
    }

    public static final class Layout {
        private final File buildDir;

        Layout(File buildDir) {
            this.buildDir = buildDir;
        }

        public DirectoryProperty getBuildDirectory() {
            return new DirectoryProperty(buildDir);
        }
    }

    public static final class DirectoryProperty {
        private final File dir;

        DirectoryProperty(File dir) {
            this.dir = dir;
        }

        public DirectoryProperty dir(String path) {
            return new DirectoryProperty(new File(dir, path));
        }

        public DirectoryProperty get() {
            return this;
        }

        public File getAsFile() {
            return dir;
        }
    }

    public static final class Logger {
        private final List<String> log;

        Logger(List<String> log) {
            this.log = log;
        }

        public void lifecycle(String message) {
            synchronized (log) {
                log.add(message);
            }
            System.out.println(message);
        }
    }
}
