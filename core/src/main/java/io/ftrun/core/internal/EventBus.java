package io.ftrun.core.internal;

import io.ftrun.core.event.Event;
import io.ftrun.core.event.EventListener;

import java.util.List;

/** Delivers events to listeners; a failing listener is isolated from the engine and from the other listeners. */
public final class EventBus implements EventListener {
    private final List<? extends EventListener> listeners;

    public EventBus(List<? extends EventListener> listeners) {
        this.listeners = List.copyOf(listeners);
    }

    /** True when nobody listens, so callers can skip building events at all. */
    public boolean isEmpty() {
        return listeners.isEmpty();
    }

    @Override
    public void onEvent(Event event) {
        for (EventListener l : listeners) {
            try {
                l.onEvent(event);
            } catch (RuntimeException | Error ignored) {
                // An observer must never break a transfer; there is nowhere sensible to report its own failure.
            }
        }
    }
}
