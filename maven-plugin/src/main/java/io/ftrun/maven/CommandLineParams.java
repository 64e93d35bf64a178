package io.ftrun.maven;

import org.apache.maven.plugin.MojoFailureException;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Script parameters given on Maven's command line, {@code -Dftrun.args="-Pport=9999 -Pdir=inbox"}: the
 * {@code -Pname=value} items the {@code ftrun} command takes, separated by whitespace. Quotes group what they
 * hold, spaces included, and are dropped ({@code '-Pnote=two words'} or {@code -Pnote="two words"}); a value is
 * everything after the first {@code =}.
 */
final class CommandLineParams {
    private CommandLineParams() {
    }

    /** The parameters in {@code args}, in order; none for {@code null} or blank. */
    static Map<String, String> parse(String args) throws MojoFailureException {
        Map<String, String> params = new LinkedHashMap<>();
        if (args == null) return params;
        for (String item : split(args)) {
            int eq = item.indexOf('=');
            if (!item.startsWith("-P") || eq <= 2) {
                throw new MojoFailureException("ftrun: -Dftrun.args takes -Pname=value items, separated by spaces; '"
                        + item + "' is not one");
            }
            params.put(item.substring(2, eq), item.substring(eq + 1));
        }
        return params;
    }

    /** {@code text} split at whitespace outside quotes, the quotes removed. */
    static List<String> split(String text) throws MojoFailureException {
        List<String> items = new ArrayList<>();
        StringBuilder item = new StringBuilder();
        boolean inItem = false;
        char quote = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quote != 0) {
                if (c == quote) quote = 0;
                else item.append(c);
            } else if (c == '\'' || c == '"') {
                quote = c;
                inItem = true;
            } else if (Character.isWhitespace(c)) {
                if (inItem) items.add(item.toString());
                item.setLength(0);
                inItem = false;
            } else {
                item.append(c);
                inItem = true;
            }
        }
        if (quote != 0) throw new MojoFailureException("ftrun: -Dftrun.args has an unclosed " + quote + ": " + text);
        if (inItem) items.add(item.toString());
        return items;
    }
}
