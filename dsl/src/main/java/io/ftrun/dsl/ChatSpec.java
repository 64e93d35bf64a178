package io.ftrun.dsl;

import io.ftrun.dsl.internal.Values;

/** {@code chat { room 'lobby'; queue 256 }}: a line chat where each member's messages reach all the others. */
public final class ChatSpec extends Spec {
    String room = "lobby";
    int queue = 256;

    ChatSpec(ScriptModel model) {
        super(model, "chat");
    }

    /** The room's name, shown in logs. */
    public void room(String name) {
        checkOpen("room");
        this.room = name;
    }

    /** How many messages may wait for a slow member before it is dropped. */
    public void queue(Object size) {
        checkOpen("queue");
        int q = Values.integer(size, "queue");
        if (q < 1) throw new DslException("queue must be at least 1, not " + q);
        this.queue = q;
    }
}
