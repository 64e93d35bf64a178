package io.ftrun.dsl.cli;

import sun.misc.Signal;
import sun.misc.SignalHandler;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * SIGINT and SIGTERM end a run gracefully: servers stop accepting, drain, then stop. A second signal exits at
 * once. (sun.misc.Signal is the JDK's supported way to do this, in the jdk.unsupported module.)
 */
final class Signals {
    private Signals() {
    }

    interface Handle {
        boolean fired();

        void remove();
    }

    static Handle onInterrupt(Thread main, Runnable stop) {
        AtomicBoolean fired = new AtomicBoolean();
        SignalHandler handler = sig -> {
            if (fired.getAndSet(true)) {
                Runtime.getRuntime().halt(130);
            }
            stop.run();
            main.interrupt();
        };
        SignalHandler oldInt = install("INT", handler);
        SignalHandler oldTerm = install("TERM", handler);
        return new Handle() {
            @Override
            public boolean fired() {
                return fired.get();
            }

            @Override
            public void remove() {
                if (oldInt != null) Signal.handle(new Signal("INT"), oldInt);
                if (oldTerm != null) Signal.handle(new Signal("TERM"), oldTerm);
            }
        };
    }

    private static SignalHandler install(String name, SignalHandler h) {
        try {
            return Signal.handle(new Signal(name), h);
        } catch (IllegalArgumentException e) {
            return null; // signal not available on this platform
        }
    }
}
