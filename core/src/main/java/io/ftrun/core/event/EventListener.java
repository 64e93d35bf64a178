package io.ftrun.core.event;

import java.util.List;

/** Receives events. Called on the engine's threads: implementations must be thread-safe and quick. */
@FunctionalInterface
public interface EventListener {
    void onEvent(Event event);

    EventListener NONE = e -> {
    };

    /**
     * One listener that tells each of these in turn; one that throws does not keep the event from the others, nor
     * disturb the connection that emitted it. No listeners: {@link #NONE}, so the engine can skip building events.
     */
    static EventListener all(List<? extends EventListener> listeners) {
        return listeners.isEmpty() ? NONE : new Fanout(List.copyOf(listeners));
    }
}
