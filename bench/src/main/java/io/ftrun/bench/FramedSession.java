package io.ftrun.bench;

import io.ftrun.core.Connection;
import io.ftrun.core.Handler;
import io.ftrun.core.event.EventListener;
import io.ftrun.core.files.SendReport;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One framed session between {@code FileSender.send} and a {@code FileReceiver} handler, recorded once (both run,
 * on two threads, over in-memory pipes) so that either side can then be replayed alone: the receiver fed the
 * sender's bytes, or the sender fed the receiver's answers. Each side's bytes depend only on what the other sent,
 * so a replay is the same conversation.
 *
 * @param toReceiver what the sender wrote
 * @param toSender   what the receiver answered
 * @param report     the sender's report of the recorded session
 */
record FramedSession(byte[] toReceiver, byte[] toSender, SendReport report) {
    interface Sender {
        SendReport send(Connection connection) throws IOException;
    }

    static FramedSession record(Handler receiver, Sender sender) throws Exception {
        PipedInputStream senderIn = new PipedInputStream(1 << 20);
        PipedInputStream receiverIn = new PipedInputStream(1 << 20);
        ByteArrayOutputStream toReceiver = new ByteArrayOutputStream();
        ByteArrayOutputStream toSender = new ByteArrayOutputStream();
        MemoryConnection rx = new MemoryConnection(receiverIn, tee(new PipedOutputStream(senderIn), toSender), EventListener.NONE);
        MemoryConnection tx = new MemoryConnection(senderIn, tee(new PipedOutputStream(receiverIn), toReceiver), EventListener.NONE);
        AtomicReference<Exception> failed = new AtomicReference<>();
        Thread t = new Thread(() -> {
            try {
                receiver.handle(rx);
            } catch (Exception e) {
                failed.set(e);
            } finally {
                rx.close();
            }
        }, "bench-receiver");
        t.start();
        SendReport report;
        try {
            report = sender.send(tx);
        } finally {
            tx.close();
        }
        t.join(30_000);
        if (t.isAlive()) throw new IllegalStateException("the recorded receiver did not finish");
        if (failed.get() != null) throw failed.get();
        return new FramedSession(toReceiver.toByteArray(), toSender.toByteArray(), report);
    }

    /** The sender's bytes as a socket would deliver them to the receiver: in reads of at most 64 KiB. */
    InputStream senderBytes() {
        return new Chunked(toReceiver, MemoryConnection.CHUNK);
    }

    /** The receiver's answers, for a sender to read. */
    InputStream receiverBytes() {
        return new ByteArrayInputStream(toSender);
    }

    private static OutputStream tee(OutputStream a, OutputStream b) {
        return new OutputStream() {
            @Override
            public void write(int x) throws IOException {
                a.write(x);
                b.write(x);
            }

            @Override
            public void write(byte[] bytes, int off, int len) throws IOException {
                a.write(bytes, off, len);
                b.write(bytes, off, len);
            }

            @Override
            public void flush() throws IOException {
                a.flush();
            }

            @Override
            public void close() throws IOException {
                a.close();
            }
        };
    }
}
