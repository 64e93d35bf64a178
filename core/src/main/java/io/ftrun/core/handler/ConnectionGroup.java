package io.ftrun.core.handler;

import io.ftrun.core.CloseReason;
import io.ftrun.core.Connection;
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
        this.writers = Threads.factory("ftrun-group-" + name + "-");
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

    /** Removes a connection; messages already queued for it are discarded. The connection stays open. */
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
        /** Set when the member leaves or is dropped; the writer checks it after every take. */
        volatile boolean stopped;

        Member(Connection connection, BlockingQueue<byte[]> queue) {
            this.connection = connection;
            this.queue = queue;
        }

        void offer(byte[] message) {
            if (stopped || queue.offer(message)) return;
            // The member stopped reading: drop it rather than let it hold up everyone else.
            drop(CloseReason.SLOW_CONSUMER);
        }

        /** Leaves the group and closes the connection, recording why so its close event tells the truth. */
        void drop(CloseReason why) {
            if (members.remove(connection, this)) {
                connection.abort(why);
            }
            stop();
        }

        /**
         * Wakes the writer and ends it. If broadcasters refill the queue between clear and offer, STOP is not
         * queued, but then the queue is not empty either: the writer's next take returns and sees the flag.
         */
        void stop() {
            stopped = true;
            queue.clear();
            queue.offer(STOP);
        }

        @Override
        public void run() {
            try {
                while (true) {
                    byte[] m = queue.take();
                    if (m == STOP || stopped) return;
                    connection.send(m);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (IOException e) {
                // The peer is gone (or a write timeout already aborted it: the first reason recorded wins).
                drop(CloseReason.PEER_RESET);
            }
        }
    }
}
