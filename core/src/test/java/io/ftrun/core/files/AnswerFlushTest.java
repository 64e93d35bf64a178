package io.ftrun.core.files;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The receiver's answers go out while it reads on, not only when its input runs dry: a sender that is still
 * sending a file's data hears the DONEs of the files before it. Before, a receiver kept its answers until it was
 * about to block, so a streaming sender got them only once it had stopped at its limit of answers owed, a round
 * trip lost every few hundred files over a link (docs/PERFORMANCE.md); a sender slow to read one file held the
 * confirmations of all the files before it.
 */
@Timeout(60)
class AnswerFlushTest {
    @TempDir
    Path tmp;

    private static byte[] name(int i) {
        return String.format("f%03d.txt", i).getBytes(StandardCharsets.UTF_8);
    }

    private static void frame(java.io.DataOutputStream out, int type, byte[] payload) throws java.io.IOException {
        out.writeByte(type);
        out.writeInt(payload.length);
        out.write(payload);
    }

    @Test
    void doneAnswersArriveWhileALaterFilesDataIsStillComing() throws Exception {
        int n = 400;
        Path in = tmp.resolve("in");
        try (Fixture f = Fixture.start(FileReceiverConfig.builder().directory(in).protocol(FileProtocol.FRAMED).build());
             WireClient c = new WireClient(f.port())) {
            c.frame(Protocol.HELLO, new Messages.Hello(Protocol.V1, Protocol.VERSION, null).encode());
            assertEquals(Protocol.WELCOME, c.read().type());
            for (int i = 0; i < n; i++) {
                c.frame(Protocol.FILE, new Messages.FileHeader(0, 1, 0644, 0, Digests.SHA256, name(i), new byte[0]).encode());
            }
            for (int i = 0; i < n; i++) assertEquals(Protocol.READY, c.read().type(), "READY for file " + i);
            // the data of all files but the last, and the last one's DATA header without its byte, in one write:
            // the receiver has it all at once, so its input never runs dry before it waits inside that frame
            java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
            java.io.DataOutputStream batch = new java.io.DataOutputStream(bytes);
            for (int i = 0; i < n - 1; i++) {
                byte[] data = {(byte) i};
                frame(batch, Protocol.DATA, data);
                frame(batch, Protocol.END, Messages.encodeEnd(WireClient.digest(Digests.SHA256, data)));
            }
            batch.writeByte(Protocol.DATA);
            batch.writeInt(1);
            c.out.write(bytes.toByteArray());
            c.out.flush();
            // the receiver now waits in the middle of a DATA frame; 399 DONEs of 48 bytes are its to give
            int heard = 0;
            for (; heard < 100; heard++) assertEquals(Protocol.DONE, c.read().type(), "DONE for file " + heard);

            c.out.writeByte(n - 1);
            c.frame(Protocol.END, Messages.encodeEnd(WireClient.digest(Digests.SHA256, new byte[]{(byte) (n - 1)})));
            for (; heard < n; heard++) assertEquals(Protocol.DONE, c.read().type(), "DONE for file " + heard);
            c.frame(Protocol.BYE, new byte[0]);
            assertEquals(Protocol.BYE, c.read().type());
        }
        assertEquals(n, Fixture.finalFiles(in).size());
    }
}
