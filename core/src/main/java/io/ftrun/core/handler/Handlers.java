package io.ftrun.core.handler;

import io.ftrun.core.Connection;
import io.ftrun.core.Handler;
import io.ftrun.core.Message;
import io.ftrun.core.event.Sanitize;

import java.time.Duration;
import java.util.Objects;
import java.util.function.BiConsumer;

/** The built-in handlers. Each uses the connection's codec to cut messages, so one handler serves any framing. */
public final class Handlers {
    private Handlers() {
    }

    /**
     * Sends back every message it receives until the peer closes. With the streaming codecs (raw, chunks) bytes
     * are echoed as they arrive; with message codecs, message by message, framed the same way.
     */
    public static Handler echo() {
        return conn -> {
            Message m;
            if (conn.codec().isStreaming()) {
                conn.input().transferTo(conn::write, Long.MAX_VALUE); // each chunk back as it arrives, no copy of its own
                return;
            }
            while ((m = conn.receive()) != null) conn.send(m.bytes());
        };
    }

    /**
     * Answers every message with what {@code responder} returns (a String, a byte[], a {@link Message}, or null
     * for no answer), until the peer closes.
     */
    public static Handler reply(Responder responder) {
        Objects.requireNonNull(responder, "responder");
        return conn -> {
            Message m;
            while ((m = conn.receive()) != null) {
                Object answer = responder.respond(conn, m);
                sendAny(conn, answer);
            }
        };
    }

    /** Answers every message with the same text, e.g. the tutorial's {@code Oi you sent something to me}. */
    public static Handler reply(String fixedAnswer) {
        Objects.requireNonNull(fixedAnswer, "answer");
        return reply((conn, m) -> fixedAnswer);
    }

    /**
     * Talks to each client in a loop: sends {@code greeting}, reads the answer and hands it to {@code onAnswer},
     * waits {@code interval}, again, until the peer closes or {@code rounds} (0 = unlimited) are done.
     */
    public static Handler greeter(String greeting, Duration interval, int rounds, BiConsumer<Connection, Message> onAnswer) {
        Objects.requireNonNull(greeting, "greeting");
        return conn -> {
            for (int i = 0; rounds == 0 || i < rounds; i++) {
                conn.send(greeting);
                Message answer = conn.receive();
                if (answer == null) return;
                if (onAnswer != null) onAnswer.accept(conn, answer);
                if (!interval.isZero()) Thread.sleep(interval.toMillis());
            }
        };
    }

    /**
     * A chat room: every message is broadcast to the other members as {@code address: text}; joins and leaves
     * are announced as {@code * address joined} / {@code * address left}. Peer text is stripped of control
     * characters so no member can drive another's terminal.
     */
    public static Handler chat(ConnectionGroup room) {
        Objects.requireNonNull(room, "room");
        return conn -> {
            String who = conn.remoteAddress().getAddress().getHostAddress() + ":" + conn.remoteAddress().getPort();
            room.broadcastExcept(conn, "* " + who + " joined");
            room.join(conn);
            try {
                Message m;
                while ((m = conn.receive()) != null) {
                    room.broadcastExcept(conn, who + ": " + Sanitize.forLog(m.text()));
                }
            } finally {
                room.leave(conn);
                room.broadcastExcept(conn, "* " + who + " left");
            }
        };
    }

    /** Sends a handler's answer: String (in the codec's charset), byte[], Message; null sends nothing. */
    public static void sendAny(Connection conn, Object answer) throws java.io.IOException {
        if (answer == null) return;
        if (answer instanceof byte[]) {
            conn.send((byte[]) answer);
        } else if (answer instanceof Message) {
            conn.send(((Message) answer).bytes());
        } else {
            conn.send(answer.toString().getBytes(conn.codec().charset()));
        }
    }

    /** Computes the answer to one message. */
    @FunctionalInterface
    public interface Responder {
        Object respond(Connection connection, Message message) throws Exception;
    }

}
