package io.ftrun.dsl;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The script's parameters, from {@code -Pname=value}. A missing parameter reads as null, so scripts can write
 * {@code port params.port ?: 9999}.
 */
public final class Params extends LinkedHashMap<String, String> {
    public Params() {
    }

    public Params(Map<String, String> values) {
        super(values);
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

    /** The parameter, or {@code fallback} when it is absent. */
    public String value(String name, String fallback) {
        String v = get(name);
        return v == null ? fallback : v;
    }
}
