package io.ftrun.core.event;

/** Receives events. Called on the engine's threads: implementations must be thread-safe and quick. */
@FunctionalInterface
public interface EventListener {
    void onEvent(Event event);

    EventListener NONE = e -> {
    };
}
