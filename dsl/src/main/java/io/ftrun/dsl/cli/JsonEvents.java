package io.ftrun.dsl.cli;

import io.ftrun.core.event.Event;
import io.ftrun.core.event.EventListener;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code --events json}: one JSON object per event and line, for tools that watch ftrun. */
final class JsonEvents implements EventListener {
    private final PrintStream out;

    JsonEvents(PrintStream out) {
        this.out = out;
    }

    @Override
    public void onEvent(Event event) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("type", event.type());
        line.put("time", event.time().toString());
        line.putAll(event.fields());
        String json = Json.object(line);
        synchronized (out) {
            out.println(json);
            out.flush();
        }
    }
}
