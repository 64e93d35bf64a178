package io.ftrun.dsl;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The {@code params { }} block: what the script takes.
 * <pre>
 * params {
 *     description 'Sends a file or a directory to a file server'
 *     param 'host', 'localhost', 'the receiver'          // a default: optional, and its type
 *     param 'port', 9999, 'its port'
 *     param 'file', String, 'the file to send'           // a type: it must be given
 *     param 'compress', false, 'deflate what shrinks'    // a flag
 * }
 * </pre>
 */
public final class ParamsSpec {
    private final List<Param> declared = new ArrayList<>();
    private String description = "";

    /** One line on what the script does, for its {@code --help}. */
    public void description(String text) {
        this.description = text;
    }

    /** A parameter: {@code defaultOrType} is its default value, or its type (String, Integer, Boolean, List) if it has none. */
    public void param(String name, Object defaultOrType, String description) {
        param(Map.of(), name, defaultOrType, description);
    }

    /**
     * {@code param 'files', List, 'what to send', positional: true}: a built-in command's operands, in order; a List
     * takes the rest. {@code value: 'HOST:PORT'} is how help shows the value.
     */
    public void param(Map<String, ?> options, String name, Object defaultOrType, String description) {
        for (String k : options.keySet()) {
            if (!k.equals("positional") && !k.equals("value")) throw new DslException("unknown param option '" + k + "' (expected positional, value)");
        }
        if (name == null || !name.matches("[A-Za-z][A-Za-z0-9-]*")) {
            throw new DslException("a parameter name is letters, digits and '-', starting with a letter, not '" + name + "'");
        }
        if (declared.stream().anyMatch(p -> p.name().equals(name))) throw new DslException("parameter '" + name + "' is declared twice");
        boolean isType = defaultOrType instanceof Class<?>;
        Param.Type type = Param.Type.of(isType ? (Class<?>) defaultOrType : defaultOrType == null ? String.class : defaultOrType.getClass());
        boolean positional = Boolean.TRUE.equals(options.get("positional"));
        if (positional && declared.stream().anyMatch(p -> p.positional() && p.type() == Param.Type.LIST)) {
            throw new DslException("a positional list takes the operands left: no positional parameter can follow it");
        }
        Object value = options.get("value");
        declared.add(new Param(name, type, isType ? null : defaultOrType, description == null ? "" : description, positional,
                value == null ? null : value.toString()));
    }

    List<Param> declared() {
        return List.copyOf(declared);
    }

    String description() {
        return description;
    }
}
