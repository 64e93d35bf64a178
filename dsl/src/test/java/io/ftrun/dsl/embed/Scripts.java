package io.ftrun.dsl.embed;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/** Scripts and peers the embedding tests share: a receiver, a sender, a raw upload over a plain socket. */
final class Scripts {
    private Scripts() {
    }

    /** A raw file receiver on a free loopback port, storing into {@code params.dir} as file_1.bin, file_2.bin... */
    static final String RECEIVER = """
            server('inbox') {
                host '127.0.0.1'
                port 0
                receiveFiles {
                    into params.dir
                    naming counter('file_%d.bin')
                }
            }
            """;

    /** Sends {@code params.file} raw to {@code params.port}. */
    static final String SENDER = """
            client {
                connect '127.0.0.1', params.port
                sendFile params.file
            }
            """;

    /** A receiver and {@code params.n} clients sending {@code params.file} into it; the run ends when they are done. */
    static final String SELF_UPLOAD = """
            def inbox = server('inbox') {
                host '127.0.0.1'
                port 0
                receiveFiles { into params.dir; naming counter('file_%d.bin') }
            }
            clients(params.intValue('n', 1)) {
                connect inbox
                sendFile params.file
            }
            """;

    static Path randomFile(Path dir, String name, int size, long seed) throws IOException {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return Files.write(dir.resolve(name), b);
    }

    /** The tutorial's client: connect, send the bytes, close the sending side, wait for the server to close. */
    static void rawUpload(int port, byte[] data) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            out.write(data);
            out.flush();
            s.shutdownOutput();
            InputStream in = s.getInputStream();
            while (in.read() >= 0) {
                // drain until the server closes: the file is then committed
            }
        }
    }
}
