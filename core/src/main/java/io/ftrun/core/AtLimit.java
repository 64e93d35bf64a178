package io.ftrun.core;

/**
 * What a handler's peers get when the server is at one of its limits ({@code maxConnections},
 * {@code maxConnectionsPerAddress}, a full {@link Concurrency#pool pool} queue).
 * <ul>
 *   <li>{@link #waitForSlot()}: the connection waits, unread, until there is room. A raw uploader ({@code nc -N},
 *       the tutorial's python client) never reads, so a refusal it cannot see would be a lost file reported as sent.
 *       At the global limit or a full pool the server stops accepting, and new connections wait in the kernel's
 *       {@code listen} queue ({@code backlog}); at the per-address limit the connection is accepted and parked, without
 *       a thread and without reading a byte, until a connection from the same address ends.</li>
 *   <li>{@link #refuse()}: the server's refusal line ({@link ServerConfig.Builder#refusalMessage}), then close, for
 *       line-based peers that read it (echo, chat, greeting).</li>
 *   <li>{@link #refuse(byte[])}: a message of the handler's own protocol (the framed file protocol's ERROR BUSY).</li>
 * </ul>
 */
public final class AtLimit {
    private static final AtLimit WAIT = new AtLimit(true, null);
    private static final AtLimit SERVER_MESSAGE = new AtLimit(false, null);

    private final boolean waits;
    private final byte[] answer;

    private AtLimit(boolean waits, byte[] answer) {
        this.waits = waits;
        this.answer = answer;
    }

    public static AtLimit waitForSlot() {
        return WAIT;
    }

    public static AtLimit refuse() {
        return SERVER_MESSAGE;
    }

    /** Refuses with these bytes (sent as they are, then the connection is closed). */
    public static AtLimit refuse(byte[] answer) {
        return new AtLimit(false, answer.clone());
    }

    public boolean waits() {
        return waits;
    }

    /** The bytes a refused peer is sent: this policy's own, or else the server's refusal message (may be null). */
    public byte[] answer(String serverMessage) {
        if (answer != null) return answer.clone();
        return serverMessage == null || serverMessage.isEmpty() ? null : serverMessage.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return waits ? "wait for a slot" : answer == null ? "refuse with the server's message" : "refuse with " + answer.length + " bytes";
    }
}
