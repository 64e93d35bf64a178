package io.ftrun.dsl.internal;

import groovy.lang.Closure;
import io.ftrun.dsl.Action;
import io.ftrun.dsl.DslException;

/** The one place where a block's closure or action is applied to its spec. */
public final class Closures {
    private Closures() {
    }

    /**
     * Runs {@code block} with {@code spec} as its delegate, delegate first, so the spec's methods win and the
     * script's own methods and variables stay reachable. The closure is cloned so a shared closure object is
     * never mutated.
     */
    public static <T> T configure(T spec, Closure<?> block) {
        if (block == null) return spec;
        Closure<?> c = (Closure<?>) block.clone();
        c.setResolveStrategy(Closure.DELEGATE_FIRST);
        c.setDelegate(spec);
        if (c.getMaximumNumberOfParameters() == 0) {
            c.call();
        } else {
            c.call(spec);
        }
        return spec;
    }

    public static <T> T configure(T spec, Action<? super T> action) {
        if (action == null) return spec;
        try {
            action.execute(spec);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new DslException(e.getMessage(), e);
        }
        return spec;
    }

    /** A fresh copy of a user closure for one call site (one connection), delegating first to {@code delegate}. */
    public static <V> Closure<V> forCall(Closure<V> block, Object delegate) {
        @SuppressWarnings("unchecked")
        Closure<V> c = (Closure<V>) block.clone();
        c.setResolveStrategy(Closure.DELEGATE_FIRST);
        if (delegate != null) c.setDelegate(delegate);
        return c;
    }
}
