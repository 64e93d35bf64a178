package io.ftrun.core.handler;

import io.ftrun.core.CloseReason;
import io.ftrun.core.Connection;
import io.ftrun.core.internal.SocketConnection;
import io.ftrun.core.internal.Threads;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadFactory;

/**
 * Connections that receive each other's messages: a chat room. Every member has a bounded outbound queue and
 * one writer thread, so a receiver that does not read never blocks the sender or the other members. A member
 * whose queue is full is dropped (closed with {@link CloseReason#SLOW_CONSUMER}).
 */
public final class ConnectionGroup {
    private static final byte[] STOP = new byte[0];

    private final String name;
    private final int queueCapacity;
    private final ThreadFactory writers;
    private final Map<Connection, Member> members = new ConcurrentHashMap<>();

    public ConnectionGroup(String name, int queueCapacity) {
        if (queueCapacity < 1) throw new IllegalArgumentException("queue capacity must be at least 1");
        this.name = name;
        this.queueCapacity = queueCapacity;
        this.writers = Threads.factory("ftrun-group-" + name + "-", true);
    }

    public String name() {
        return name;
    }

    public int size() {
        return members.size();
    }

    public List<Connection> members() {
        return List.copyOf(members.keySet());
    }

    /** Adds a connection; its writer thread starts at once. Joining twice is a no-op. */
    public void join(Connection c) {
        members.computeIfAbsent(c, k -> {
            Member m = new Member(k, new ArrayBlockingQueue<>(queueCapacity));
            writers.newThread(m).start();
            return m;
        });
    }

    /** Removes a connection; messages already queued for it are discarded. */
    public void leave(Connection c) {
        Member m = members.remove(c);
        if (m != null) m.stop();
    }

    /** Sends a message to every member, framed by each member's codec. */
    public void broadcast(byte[] message) {
        broadcastExcept(null, message);
    }

    /** Sends a message to every member but {@code sender}. */
    public void broadcastExcept(Connection sender, byte[] message) {
        for (Member m : members.values()) {
            if (m.connection != sender) m.offer(message);
        }
    }

    public void broadcastExcept(Connection sender, String text) {
        broadcastExcept(sender, text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private final class Member implements Runnable {
        final Connection connection;
        final BlockingQueue<byte[]> queue;

        Member(Connection connection, BlockingQueue<byte[]> queue) {
            this.connection = connection;
            this.queue = queue;
        }

        void offer(byte[] message) {
            if (!queue.offer(message)) {
                // The member stopped reading: drop it rather than let it hold up everyone else.
                members.remove(connection);
                if (connection instanceof SocketConnection) {
                    ((SocketConnection) connection).abort(CloseReason.SLOW_CONSUMER);
                } else {
                    connection.close();
                }
                queue.clear();
                queue.offer(STOP);
            }
        }

        void stop() {
            queue.clear();
            queue.offer(STOP);
        }

        @Override
        public void run() {
            try {
                while (true) {
                    byte[] m = queue.take();
                    if (m == STOP) return;
                    connection.send(m);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (IOException e) {
                members.remove(connection);
                connection.close();
            }
        }
    }
}
