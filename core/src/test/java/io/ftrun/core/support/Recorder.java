package io.ftrun.core.support;

import io.ftrun.core.event.Event;
import io.ftrun.core.event.EventListener;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/** Records every event an engine emits, and lets a test wait for the one it expects. */
public final class Recorder implements EventListener {
    private final List<Event> events = new CopyOnWriteArrayList<>();

    @Override
    public void onEvent(Event event) {
        events.add(event);
        synchronized (this) {
            notifyAll();
        }
    }

    public List<Event> all() {
        return List.copyOf(events);
    }

    public <T extends Event> List<T> of(Class<T> type) {
        return events.stream().filter(type::isInstance).map(type::cast).collect(Collectors.toList());
    }

    public <T extends Event> List<T> of(Class<T> type, Predicate<? super T> p) {
        return of(type).stream().filter(p).collect(Collectors.toList());
    }

    /** Waits until {@code count} events of {@code type} match {@code p}; returns them, or fails after {@code timeout}. */
    public synchronized <T extends Event> List<T> await(Class<T> type, Predicate<? super T> p, int count, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            List<T> found = of(type, p);
            if (found.size() >= count) return found;
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("expected " + count + " " + type.getSimpleName() + " event(s) within "
                        + timeout.toMillis() + " ms, got " + found.size() + "; all events: " + events);
            }
            wait(Math.max(1, left / 1_000_000));
        }
    }

    public <T extends Event> T await(Class<T> type, Predicate<? super T> p) throws InterruptedException {
        return await(type, p, 1, Duration.ofSeconds(10)).get(0);
    }

    @Override
    public String toString() {
        return events.toString();
    }
}
