package io.ftrun.dsl;

import io.ftrun.core.codec.Codec;
import io.ftrun.core.codec.Codecs;
import io.ftrun.dsl.internal.Values;

import java.nio.charset.Charset;
import java.util.Map;
import java.util.Set;

/** Turns {@code framing 'lines', maxSize: '64KB', delimiter: '\r\n', charset: 'ISO-8859-1'} into a codec. */
final class FramingSpec {
    private static final Set<String> OPTIONS = Set.of("maxSize", "delimiter", "charset");

    private FramingSpec() {
    }

    static Codec codec(String type, Map<String, ?> options, long defaultMax) {
        for (String k : options.keySet()) {
            if (!OPTIONS.contains(k)) throw new DslException("unknown framing option '" + k + "' (expected one of " + OPTIONS + ")");
        }
        long max = options.containsKey("maxSize") ? Values.size(options.get("maxSize"), "framing maxSize") : defaultMax;
        if (type.equals("lines")) {
            String delimiter = options.containsKey("delimiter") ? String.valueOf(options.get("delimiter")) : "\n";
            Charset cs = options.containsKey("charset") ? charset(options.get("charset")) : java.nio.charset.StandardCharsets.UTF_8;
            return Codecs.lines(delimiter, cs, (int) Math.min(Integer.MAX_VALUE - 16, max));
        }
        if (options.containsKey("delimiter") || options.containsKey("charset")) {
            throw new DslException("delimiter and charset apply to 'lines' framing only, not '" + type + "'");
        }
        return Codecs.byName(type, max);
    }

    private static Charset charset(Object name) {
        try {
            return Charset.forName(String.valueOf(name));
        } catch (IllegalArgumentException e) { // unsupported or malformed: the JDK's message is just the name
            throw new DslException("unknown charset '" + name + "'");
        }
    }
}
