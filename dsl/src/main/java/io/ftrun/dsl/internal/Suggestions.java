package io.ftrun.dsl.internal;

import groovy.lang.DelegatesTo;
import io.ftrun.dsl.FtrunScript;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * "Did you mean ...?" for misspelt DSL names. The vocabulary is read from the DSL itself: every public method of
 * {@link FtrunScript} and of each type a block delegates to ({@code @DelegatesTo}), followed transitively, so a new
 * setting is suggested the day it is added.
 */
public final class Suggestions {
    private static final Set<String> NOT_DSL = Set.of("run", "equals", "hashCode", "toString", "blockName", "methodMissing", "propertyMissing");
    private static final Set<String> NAMES = vocabulary(FtrunScript.class);

    private Suggestions() {
    }

    /** The DSL names reachable from {@code root}: its public methods (and properties), then those of its blocks. */
    static Set<String> vocabulary(Class<?> root) {
        Set<String> names = new TreeSet<>();
        Set<Class<?>> seen = new HashSet<>();
        Deque<Class<?>> todo = new ArrayDeque<>(List.of(root));
        while (!todo.isEmpty()) {
            Class<?> type = todo.poll();
            if (!seen.add(type)) continue;
            for (Method m : type.getMethods()) {
                if (!isDsl(m)) continue;
                names.add(propertyName(m.getName()));
                for (Annotation[] annotations : m.getParameterAnnotations()) {
                    for (Annotation a : annotations) {
                        if (a instanceof DelegatesTo d && d.value() != DelegatesTo.Target.class) todo.add(d.value());
                    }
                }
            }
        }
        return Collections.unmodifiableSet(names);
    }

    /** Declared by ftrun (not Object, GroovyObject or Script), and a name a script could write. */
    private static boolean isDsl(Method m) {
        return m.getDeclaringClass().getName().startsWith("io.ftrun.") && !m.isSynthetic() && !m.getName().contains("$")
                && !Modifier.isStatic(m.getModifiers()) && !NOT_DSL.contains(m.getName());
    }

    /** {@code getIndex} is written {@code index} in a script. */
    private static String propertyName(String method) {
        if (method.length() > 3 && method.startsWith("get") && Character.isUpperCase(method.charAt(3))) {
            return Character.toLowerCase(method.charAt(3)) + method.substring(4);
        }
        return method;
    }

    static Set<String> names() {
        return NAMES;
    }

    /** The closest known name within two edits, or null. */
    public static String forMethod(String name) {
        return closest(name, NAMES);
    }

    /** The closest of {@code names} to {@code name} within two edits (ignoring case), or null. */
    public static String closest(String name, java.util.Collection<String> names) {
        String best = null;
        int bestDistance = 3;
        for (String n : names) {
            int d = distance(name.toLowerCase(), n.toLowerCase());
            if (d < bestDistance && d > 0) {
                best = n;
                bestDistance = d;
            }
        }
        return best;
    }

    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) prev[j] = j;
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
