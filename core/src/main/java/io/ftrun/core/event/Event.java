package io.ftrun.core.event;

import java.time.Instant;
import java.util.Map;

/**
 * Something the engine reports to observers: logging, progress bars, metrics, {@code --events json}, tests.
 * Core never prints; it emits events.
 */
public interface Event {
    /** A stable kebab-case name, e.g. {@code connection-opened}. */
    String type();

    Instant time();

    /** The event's data as plain values (strings, numbers, booleans), in a stable order, for JSON and logs. */
    Map<String, Object> fields();
}
