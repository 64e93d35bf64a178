package io.ftrun.core.event;

import java.util.List;

/** Delivers events to listeners in turn; a failing listener is isolated from the engine and from the other listeners. */
final class Fanout implements EventListener {
    private final List<EventListener> listeners;

    Fanout(List<EventListener> listeners) {
        this.listeners = listeners;
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
