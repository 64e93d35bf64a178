package io.ftrun.dsl.ant;

import io.ftrun.dsl.ScriptLog;
import io.ftrun.dsl.embed.Ftrun;
import io.ftrun.dsl.embed.FtrunException;
import io.ftrun.dsl.embed.RunReport;
import org.apache.tools.ant.BuildException;
import org.apache.tools.ant.Project;
import org.apache.tools.ant.Task;

import java.io.File;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code <ftrun script="upload.groovy"><param name="file" value="dist/app.jar"/></ftrun>}: runs a transfer script
 * from an Ant build, its servers stopped once its clients are done. A failed transfer fails the build unless
 * {@code failonerror="false"}. Relative paths in the script resolve against the project's base directory. The
 * script's log and the run's reach Ant at their own levels (error, warn, info; debug as verbose), so
 * {@code ant -quiet} shows the warnings and {@code ant -verbose} the debug lines.
 *
 * <p>Declare it with {@code <taskdef name="ftrun" classname="io.ftrun.dsl.ant.FtrunTask" classpath="..."/>} or the
 * antlib {@code antlib:io.ftrun.dsl.ant}.
 */
public class FtrunTask extends Task {
    private File script;
    private final List<Param> params = new ArrayList<>();
    private boolean failOnError = true;
    private boolean typeChecked;
    private boolean skip;
    private String resultProperty;

    /** A nested {@code <param name="" value=""/>}: the script's {@code params.name}. */
    public static class Param {
        private String name;
        private String value;

        public void setName(String name) {
            this.name = name;
        }

        public void setValue(String value) {
            this.value = value;
        }
    }

    public void setScript(File script) {
        this.script = script;
    }

    public Param createParam() {
        Param p = new Param();
        params.add(p);
        return p;
    }

    public void setFailOnError(boolean failOnError) {
        this.failOnError = failOnError;
    }

    /** Type-check the script, as {@code ftrun --static}. */
    public void setStatic(boolean on) {
        this.typeChecked = on;
    }

    public void setSkip(boolean skip) {
        this.skip = skip;
    }

    /** A property set to {@code true} or {@code false} after the run: whether every transfer succeeded. */
    public void setResultProperty(String name) {
        this.resultProperty = name;
    }

    @Override
    public void execute() {
        if (skip) {
            log("skipped", Project.MSG_INFO);
            return;
        }
        if (script == null) throw new BuildException("ftrun: the script attribute is required", getLocation());
        RunReport report;
        try {
            report = Ftrun.script(script.toPath())
                    .params(paramMap())
                    .typeChecked(typeChecked)
                    .baseDir(getProject().getBaseDir().toPath())
                    .log(new ScriptLog((level, message) -> log(message, priority(level)), ScriptLog.Level.DEBUG))
                    .run();
        } catch (FtrunException e) {
            throw new BuildException(e.getMessage(), e, getLocation());
        }
        for (String line : report.summary()) log(line, report.ok() ? Project.MSG_INFO : Project.MSG_ERR);
        if (resultProperty != null) getProject().setNewProperty(resultProperty, String.valueOf(report.ok()));
        if (!report.ok() && failOnError) {
            throw new BuildException("ftrun: " + report.problems().size() + " failure(s) in " + script.getName()
                    + ": " + report.problems().get(0).located(), getLocation());
        }
    }

    /**
     * Ant's message priority for a level of ftrun's log: error, warn and info as they are, debug as verbose (shown
     * by {@code ant -verbose}). Ant's loggers choose what to show, so the task passes every level.
     */
    static int priority(ScriptLog.Level level) {
        return switch (level) {
            case ERROR -> Project.MSG_ERR;
            case WARN -> Project.MSG_WARN;
            case INFO -> Project.MSG_INFO;
            case DEBUG -> Project.MSG_VERBOSE;
        };
    }

    private Map<String, String> paramMap() {
        Map<String, String> m = new LinkedHashMap<>();
        for (Param p : params) {
            if (p.name == null || p.name.isBlank()) throw new BuildException("ftrun: a <param> needs a name", getLocation());
            m.put(p.name, p.value == null ? "" : p.value);
        }
        return m;
    }
}
