package io.ftrun.core.security;

import io.ftrun.core.Client;
import io.ftrun.core.CloseReason;
import io.ftrun.core.Connection;
import io.ftrun.core.Server;
import io.ftrun.core.codec.Codecs;
import io.ftrun.core.event.Events;
import io.ftrun.core.files.FileProtocol;
import io.ftrun.core.files.FileReceiver;
import io.ftrun.core.files.FileReceiverConfig;
import io.ftrun.core.files.FileSender;
import io.ftrun.core.files.SendOptions;
import io.ftrun.core.files.SendReport;
import io.ftrun.core.handler.Handlers;
import io.ftrun.core.internal.tls.Pins;
import io.ftrun.core.support.Local;
import io.ftrun.core.support.Recorder;
import io.ftrun.core.support.TestPki;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.OutputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** TLS on real loopback sockets: identities from PEM and PKCS#12, files over TLS, pins, TLS 1.2, the handshake deadline. */
class TlsTest {
    static final TestPki PKI = TestPki.get();

    static TlsConfig serverTls() {
        return TlsConfig.builder().certificate(PKI.serverChain(), PKI.serverKey()).build();
    }

    static TlsConfig clientTls() {
        return TlsConfig.builder().trust(PKI.ca()).build();
    }

    @Test
    void echoOverTls13WithPemIdentity() throws Exception {
        try (Server s = Server.start(Local.server(Handlers.echo()).codec(Codecs.lines()).tls(serverTls()).build());
             Connection c = Client.connect(Local.client(s).codec(Codecs.lines()).tls(clientTls()).build())) {
            c.send("over TLS");
            assertEquals("over TLS", c.receive().text());
            assertTrue(c.attributes().get("tls").toString().startsWith("TLSv1.3 "), c.attributes().toString());
        }
    }

    @Test
    void pkcs12IdentityWithItsPasswordFromAFile() throws Exception {
        char[] password = Secrets.fromFile(PKI.serverP12PasswordFile()).toCharArray();
        TlsConfig tls = TlsConfig.builder().keyStore(PKI.serverP12(), password).build();
        try (Server s = Server.start(Local.server(Handlers.echo()).codec(Codecs.lines()).tls(tls).build());
             Connection c = Client.connect(Local.client(s).host("localhost").codec(Codecs.lines()).tls(clientTls()).build())) {
            c.send("p12");
            assertEquals("p12", c.receive().text());
        }
    }

    /** Framed and raw uploads over TLS: no transferTo there, the early-answer check must not mistake a session ticket for an ERROR. */
    @Test
    void filesOverTlsFramedAndRaw(@TempDir Path dir) throws Exception {
        byte[] data = new byte[3 * 1024 * 1024 + 17];
        new Random(6).nextBytes(data);
        Path file = Files.write(dir.resolve("big.bin"), data);
        Path inbox = dir.resolve("inbox");
        FileReceiverConfig cfg = FileReceiverConfig.builder().directory(inbox).protocol(FileProtocol.AUTO).build();
        try (Server s = Server.start(Local.server(FileReceiver.handler(cfg)).tls(serverTls()).build())) {
            try (Connection c = Client.connect(Local.client(s).tls(clientTls()).build())) {
                SendReport r = FileSender.send(c, file, SendOptions.defaults());
                assertTrue(r.allConfirmed(), r.toString());
            }
            try (Connection c = Client.connect(Local.client(s).tls(clientTls()).build())) {
                assertEquals(data.length, FileSender.sendRaw(c, file));
                while (c.input().readChunk() != null) {
                    // the receiver closes once it has stored the file
                }
            }
        }
        assertArrayEquals(data, Files.readAllBytes(inbox.resolve("big.bin")));
        assertArrayEquals(data, Files.readAllBytes(inbox.resolve("file_1")));
    }

    @Test
    void tls12OnlyServerStillServes(@TempDir Path dir) throws Exception {
        TlsConfig tls12 = TlsConfig.builder().certificate(PKI.serverChain(), PKI.serverKey()).protocols("TLSv1.2").build();
        Path file = Files.writeString(dir.resolve("a.txt"), "tls 1.2");
        FileReceiverConfig cfg = FileReceiverConfig.builder().directory(dir.resolve("in")).protocol(FileProtocol.FRAMED).build();
        try (Server s = Server.start(Local.server(FileReceiver.handler(cfg)).tls(tls12).build());
             Connection c = Client.connect(Local.client(s).tls(clientTls()).build())) {
            assertTrue(FileSender.send(c, file, SendOptions.defaults()).allConfirmed());
            assertTrue(c.attributes().get("tls").toString().startsWith("TLSv1.2 "));
        }
        assertEquals("tls 1.2", Files.readString(dir.resolve("in/a.txt")));
    }

    /** With a pin alone the pinned key is the anchor: a self-signed server is accepted, by its key only. */
    @Test
    void pinAloneTrustsASelfSignedServer() throws Exception {
        TlsConfig rogue = TlsConfig.builder().certificate(PKI.rogueChain(), PKI.rogueKey()).build();
        String pin = Pins.of(PKI.rogueCertificate());
        try (Server s = Server.start(Local.server(Handlers.echo()).codec(Codecs.lines()).tls(rogue).build());
             Connection c = Client.connect(Local.client(s).codec(Codecs.lines()).tls(TlsConfig.builder().pin(pin).build()).build())) {
            c.send("pinned");
            assertEquals("pinned", c.receive().text());
        }
    }

    @Test
    void mutualTlsRecordsTheClientsName() throws Exception {
        TlsConfig server = TlsConfig.builder().certificate(PKI.serverChain(), PKI.serverKey()).trust(PKI.ca()).build();
        TlsConfig client = TlsConfig.builder().trust(PKI.ca()).certificate(PKI.clientChain(), PKI.clientKey()).build();
        try (Server s = Server.start(Local.server(conn -> conn.send(String.valueOf(conn.attributes().get("tls.peer")))).codec(Codecs.lines())
                .tls(server).build());
             Connection c = Client.connect(Local.client(s).codec(Codecs.lines()).tls(client).build())) {
            assertEquals("CN=ftrun test client", c.receive().text());
        }
    }

    /** A peer that connects and never (or only very slowly) handshakes is cut off at the deadline, holding no thread. */
    @Test
    void handshakeDeadlineCutsOffStallersAndTricklers() throws Exception {
        Recorder events = new Recorder();
        TlsConfig tls = TlsConfig.builder().certificate(PKI.serverChain(), PKI.serverKey()).handshakeTimeout(Duration.ofMillis(600)).build();
        try (Server s = Server.start(Local.server(Handlers.echo()).tls(tls).listener(events).build());
             Socket silent = Local.socket(s); Socket trickler = Local.socket(s)) {
            long t0 = System.nanoTime();
            OutputStream out = trickler.getOutputStream();
            byte[] hello = {0x16, 0x03, 0x01, 0x02, 0x00, 0x01, 0x00, 0x01, (byte) 0xfc, 0x03, 0x03};
            for (int i = 0; i < hello.length && System.nanoTime() - t0 < 3_000_000_000L; i++) {
                try {
                    out.write(hello[i]); // one byte every 200 ms: each read succeeds, the whole handshake never does
                    out.flush();
                } catch (java.io.IOException cutOff) {
                    break;
                }
                Thread.sleep(200);
            }
            events.await(Events.ConnectionClosed.class, e -> e.reason() == CloseReason.TLS_FAILED, 2, Duration.ofSeconds(10));
            assertEquals(-1, silent.getInputStream().read());
        }
    }
}
