package io.ftrun.dsl.cli;

import io.ftrun.dsl.ExitCode;
import sun.misc.Signal;
import sun.misc.SignalHandler;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * SIGINT and SIGTERM end a run gracefully: servers stop accepting, drain, then stop. A second signal exits at
 * once. Either way the exit code is the shell's for the signal that ended the run, 128 + its number (130 for
 * SIGINT, 143 for SIGTERM), as a JVM killed by it exits, so the usual line of a Java service's systemd unit,
 * {@code SuccessExitStatus=143}, makes a stop a clean one (130, what both gave before, was a failure to it).
 * (sun.misc.Signal is the JDK's supported way to do this, in the jdk.unsupported module.)
 */
final class Signals {
    private Signals() {
    }

    interface Handle {
        /** The exit code of the first signal received (130, 143), or 0 when none came. */
        int exitCode();

        void remove();
    }

    /** @param stop called once, on the first signal, with its name ({@code SIGINT}, {@code SIGTERM}) */
    static Handle onInterrupt(Thread main, Consumer<String> stop) {
        AtomicInteger first = new AtomicInteger();
        SignalHandler oldInt = install("INT", sig -> received(first, ExitCode.INTERRUPTED.code(), "SIGINT", main, stop));
        SignalHandler oldTerm = install("TERM", sig -> received(first, ExitCode.TERMINATED.code(), "SIGTERM", main, stop));
        return new Handle() {
            @Override
            public int exitCode() {
                return first.get();
            }

            @Override
            public void remove() {
                if (oldInt != null) Signal.handle(new Signal("INT"), oldInt);
                if (oldTerm != null) Signal.handle(new Signal("TERM"), oldTerm);
            }
        };
    }

    private static void received(AtomicInteger first, int code, String name, Thread main, Consumer<String> stop) {
        if (!first.compareAndSet(0, code)) {
            // the second signal: whoever sends it will not wait for the drain, and it is the one that ends the run
            if (System.err instanceof io.ftrun.dsl.internal.ConsoleStream) ((io.ftrun.dsl.internal.ConsoleStream) System.err).endProgress();
            Runtime.getRuntime().halt(code);
        }
        stop.accept(name);
        main.interrupt();
    }

    private static SignalHandler install(String name, SignalHandler h) {
        try {
            return Signal.handle(new Signal(name), h);
        } catch (IllegalArgumentException e) {
            return null; // signal not available on this platform
        }
    }
}
