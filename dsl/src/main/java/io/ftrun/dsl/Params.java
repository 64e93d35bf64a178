package io.ftrun.dsl;

import io.ftrun.dsl.internal.Suggestions;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The script's parameters, from {@code -Pname=value} (or a built-in command's options). A script that declares
 * them ({@code params { }}, {@link ParamsSpec}) has each checked, its defaults filled in, and a name it does not
 * declare refused with a suggestion; an undeclared script reads a missing parameter as null, so it can write
 * {@code port params.port ?: 9999}.
 */
public final class Params extends LinkedHashMap<String, String> {
    /** What the values are for: a run, a {@code --check} of one or more scripts, or a {@code --help}. */
    public enum Use {
        /** Every given name must be declared, every required one given. */
        RUN,
        /** One set of values checks several scripts: names another script declares are not refused here. */
        CHECK,
        /** The declarations are wanted, not a run: the script stops at its {@code params { }} block. */
        HELP
    }

    /** Thrown by a {@code params { }} block under {@link Use#HELP}: the script's body goes no further. */
    public static final class Declared extends RuntimeException {
        Declared() {
            super("parameters declared", null, false, false);
        }
    }

    private final Use use;
    private List<Param> declared;
    private String description = "";

    public Params() {
        this(Use.RUN);
    }

    public Params(Use use) {
        this.use = use;
    }

    public Params(Map<String, String> values) {
        this(Use.RUN, values);
    }

    public Params(Use use, Map<String, String> values) {
        super(values);
        this.use = use;
    }

    /** The declarations of the script's {@code params { }} block; null when it has none. */
    public List<Param> declared() {
        return declared;
    }

    /** The block's description of the script; empty when it gave none. */
    public String description() {
        return description;
    }

    /** What {@code params { }} does once its block has run: checks the given values against the declarations. */
    void declare(ParamsSpec spec) {
        if (declared != null) throw new DslException("params { } is declared twice");
        declared = spec.declared();
        description = spec.description();
        if (use == Use.HELP) throw new Declared();
        List<String> names = declared.stream().map(Param::name).toList();
        for (String given : new ArrayList<>(keySet())) {
            if (names.contains(given) || use == Use.CHECK) continue;
            String hint = Suggestions.closest(given, names);
            throw new DslException("unknown parameter '" + given + "'" + (hint == null ? "" : "; did you mean '" + hint + "'?")
                    + " (this script takes " + (names.isEmpty() ? "none" : String.join(", ", names)) + ")");
        }
        for (Param p : declared) {
            String v = get(p.name());
            if (v != null) {
                put(p.name(), p.read(v));
            } else if (p.required()) {
                throw new DslException("missing parameter '" + p.name() + "'" + (p.description().isEmpty() ? "" : " (" + p.description() + ")")
                        + ": give -P" + p.name() + "=" + p.placeholder());
            } else if (p.defaultText() != null) {
                put(p.name(), p.defaultText());
            }
        }
    }

    /** The parameter as an int, or {@code fallback} when it is absent. */
    public int intValue(String name, int fallback) {
        String v = get(name);
        if (v == null || v.isBlank()) return fallback;
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new DslException("parameter " + name + " must be a whole number, not '" + v + "'");
        }
    }

    /** A declared number parameter (its default filled in). */
    public int intValue(String name) {
        return intValue(name, Integer.parseInt(need(name)));
    }

    /** A declared flag: true when given as {@code -Pname}, {@code -Pname=true} (yes, on) or by its default. */
    public boolean flag(String name) {
        return Boolean.parseBoolean(need(name));
    }

    /** A list parameter's values (a built-in command's operands); empty when none were given. */
    public List<String> list(String name) {
        String v = get(name);
        return v == null || v.isEmpty() ? List.of() : Arrays.asList(v.split("\n"));
    }

    /** The parameter, or {@code fallback} when it is absent. */
    public String value(String name, String fallback) {
        String v = get(name);
        return v == null ? fallback : v;
    }

    private String need(String name) {
        String v = get(name);
        if (v == null) throw new DslException("parameter '" + name + "' is not declared in params { } and was not given");
        return v;
    }
}
