package io.ftrun.dsl;

import java.util.List;

/**
 * One parameter a script declares in its {@code params { }} block: its name, the type of its values, its default
 * (null when it must be given) and what it is for. The same declaration makes {@code -Pname=value} for a script and
 * {@code --name value} for a built-in command, and the lines of their {@code --help}.
 *
 * @param positional a built-in command's operands ({@code ftrun send FILE...}) rather than an option
 * @param value      how help shows its value ({@code HOST:PORT}); null for the type's ({@code VALUE}, {@code N})
 */
public record Param(String name, Type type, Object defaultValue, String description, boolean positional, String value) {
    /** What a parameter's text is read as. */
    public enum Type {
        TEXT("VALUE"), NUMBER("N"), FLAG(""), LIST("VALUE...");

        private final String placeholder;

        Type(String placeholder) {
            this.placeholder = placeholder;
        }

        /** How --help shows its value: {@code -Pport=N}, {@code --file VALUE}. */
        public String placeholder() {
            return placeholder;
        }

        static Type of(Class<?> c) {
            if (c == String.class || c == CharSequence.class || c == Object.class) return TEXT;
            if (c == Integer.class || c == int.class || c == Long.class || c == long.class) return NUMBER;
            if (c == Boolean.class || c == boolean.class) return FLAG;
            if (List.class.isAssignableFrom(c)) return LIST;
            throw new DslException("a parameter is text (String), a number (Integer, Long), a flag (Boolean) or a List, not " + c.getSimpleName());
        }
    }

    /** Declared with a type, not a default: it must be given (a flag is false when it is not). */
    public boolean required() {
        return defaultValue == null && type != Type.FLAG;
    }

    /** How help shows its value: {@code HOST:PORT}, {@code N}, {@code FILE...}. */
    public String placeholder() {
        if (value != null || positional) return (value != null ? value : name.toUpperCase()) + (type == Type.LIST ? "..." : "");
        return type.placeholder();
    }

    /** The value as the script reads it when nothing was given: its default in text, "false" for a flag. */
    String defaultText() {
        if (defaultValue == null) return type == Type.FLAG ? "false" : null;
        if (defaultValue instanceof List<?> l) return String.join("\n", l.stream().map(String::valueOf).toList());
        return String.valueOf(defaultValue);
    }

    /** Checks a given value; returns it as the script reads it. */
    public String read(String value) {
        switch (type) {
            case NUMBER -> {
                try {
                    Integer.parseInt(value.trim()); // a port, a count, a size in bytes up to 2 GiB: int is what scripts read
                    return value.trim();
                } catch (NumberFormatException e) {
                    throw new DslException("parameter " + name + " must be a whole number up to " + Integer.MAX_VALUE + ", not '" + value + "'");
                }
            }
            case FLAG -> {
                String v = value.trim().toLowerCase(java.util.Locale.ROOT);
                if (v.isEmpty() || v.equals("true") || v.equals("yes") || v.equals("on")) return "true";
                if (v.equals("false") || v.equals("no") || v.equals("off")) return "false";
                throw new DslException("parameter " + name + " is a flag: true or false, not '" + value + "'");
            }
            default -> {
                return value;
            }
        }
    }
}
