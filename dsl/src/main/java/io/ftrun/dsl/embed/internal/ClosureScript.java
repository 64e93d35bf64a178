package io.ftrun.dsl.embed.internal;

import groovy.lang.Closure;
import io.ftrun.dsl.FtrunScript;

/**
 * A closure run as a script body: the closure delegates to this script first, so {@code server}, {@code client},
 * {@code params}, {@code log}... are ftrun's, and names ftrun does not know fall through to the closure's owner
 * (a Gradle build script, a test class). The closure is cloned, so the caller's object is never changed.
 */
public final class ClosureScript extends FtrunScript {
    private final Closure<?> body;

    public ClosureScript(Closure<?> body) {
        if (body == null) throw new IllegalArgumentException("no closure given");
        this.body = body;
    }

    @Override
    public Object run() {
        Closure<?> c = (Closure<?>) body.clone();
        c.setResolveStrategy(Closure.DELEGATE_FIRST);
        c.setDelegate(this);
        return c.getMaximumNumberOfParameters() == 0 ? c.call() : c.call(this);
    }
}
