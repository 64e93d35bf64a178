package io.ftrun.core.event;

import io.ftrun.core.internal.EventBus;

import java.util.List;

/** Receives events. Called on the engine's threads: implementations must be thread-safe and quick. */
@FunctionalInterface
public interface EventListener {
    void onEvent(Event event);

    EventListener NONE = e -> {
    };

    /** One listener that tells each of these in turn; one that throws does not keep the event from the others. */
    static EventListener all(List<? extends EventListener> listeners) {
        return new EventBus(List.copyOf(listeners));
    }
}
