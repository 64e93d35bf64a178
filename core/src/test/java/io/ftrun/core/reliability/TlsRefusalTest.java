package io.ftrun.core.reliability;

import io.ftrun.core.Client;
import io.ftrun.core.ClientConfig;
import io.ftrun.core.CloseReason;
import io.ftrun.core.Connection;
import io.ftrun.core.Server;
import io.ftrun.core.event.Events;
import io.ftrun.core.files.ErrorCode;
import io.ftrun.core.files.FileProtocol;
import io.ftrun.core.files.FileReceiver;
import io.ftrun.core.files.FileReceiverConfig;
import io.ftrun.core.files.FileSender;
import io.ftrun.core.files.FileTransferException;
import io.ftrun.core.files.SendOptions;
import io.ftrun.core.security.TlsConfig;
import io.ftrun.core.support.Local;
import io.ftrun.core.support.Recorder;
import io.ftrun.core.support.TestPki;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Who is kept out of a TLS receiver with mutual TLS and a token: plaintext clients, clients without a certificate
 * or with one from nobody's authority, clients that trust another authority or pin another key, and clients with
 * a wrong or missing token. Each is refused; nothing is written; a rightful client still gets its file through.
 */
class TlsRefusalTest {
    static final int EACH = 10;
    static final TestPki PKI = TestPki.get();
    static final String TOKEN = "correct horse battery staple";

    @Test
    void everyKindOfIntruderIsRefusedAndNothingIsWritten(@TempDir Path tmp) throws Exception {
        long t0 = System.nanoTime();
        Path inbox = tmp.resolve("inbox");
        Path file = Files.writeString(tmp.resolve("payload.txt"), "for authorised eyes");
        Recorder events = new Recorder();
        TlsConfig serverTls = TlsConfig.builder().certificate(PKI.serverChain(), PKI.serverKey()).trust(PKI.ca()).build();
        FileReceiverConfig cfg = FileReceiverConfig.builder().directory(inbox).protocol(FileProtocol.FRAMED).token(TOKEN).build();
        TlsConfig.Builder rightful = TlsConfig.builder().trust(PKI.ca()).certificate(PKI.clientChain(), PKI.clientKey());

        Map<String, Integer> refused = new LinkedHashMap<>();
        try (Server server = Server.start(Local.server(FileReceiver.handler(cfg)).tls(serverTls).listener(events).build())) {
            ClientConfig.Builder base = Local.client(server);
            Map<String, ClientConfig> tlsIntruders = new LinkedHashMap<>();
            tlsIntruders.put("no client certificate", base.tls(TlsConfig.builder().trust(PKI.ca()).build()).build());
            tlsIntruders.put("certificate from an unknown authority", base.tls(TlsConfig.builder().trust(PKI.ca())
                    .certificate(PKI.rogueChain(), PKI.rogueKey()).build()).build());
            tlsIntruders.put("client trusts another authority", base.tls(TlsConfig.builder().trust(PKI.otherCa())
                    .certificate(PKI.clientChain(), PKI.clientKey()).build()).build());
            tlsIntruders.put("client pins another key", base.tls(TlsConfig.builder().pin(TlsConfig.pinOf(PKI.rogueChain()))
                    .certificate(PKI.clientChain(), PKI.clientKey()).build()).build());
            for (Map.Entry<String, ClientConfig> e : tlsIntruders.entrySet()) {
                for (int i = 0; i < EACH; i++) {
                    assertThrows(IOException.class, () -> send(e.getValue(), file, TOKEN), e.getKey());
                }
                refused.put(e.getKey(), EACH);
            }
            ClientConfig plaintext = Local.client(server).build();
            for (int i = 0; i < EACH; i++) assertThrows(IOException.class, () -> send(plaintext, file, TOKEN), "plaintext");
            refused.put("plaintext client on the TLS port", EACH);

            ClientConfig withCertificate = base.tls(rightful.build()).build();
            for (String token : new String[]{"wrong token", null}) {
                for (int i = 0; i < EACH; i++) {
                    FileTransferException x = assertThrows(FileTransferException.class, () -> send(withCertificate, file, token));
                    assertEquals(ErrorCode.NOT_AUTHORISED, x.code());
                }
                refused.put(token == null ? "missing token" : "wrong token", EACH);
            }
            KilledSendersTest.awaitIdle(server);
            assertEquals(List.of(), Uploads.finalNames(inbox), "nothing from an intruder");
            assertEquals(List.of(), Uploads.temporaries(inbox));
            int tlsFailed = events.of(Events.ConnectionClosed.class, e -> e.reason() == CloseReason.TLS_FAILED).size();
            assertTrue(tlsFailed >= 3 * EACH, "server-side handshake failures reported as tls-failed: " + tlsFailed);
            assertTrue(events.all().stream().noneMatch(e -> e.fields().toString().contains(TOKEN)), "the token never reaches an event");

            assertTrue(send(withCertificate, file, TOKEN), "the rightful client");
            assertEquals("for authorised eyes", Files.readString(inbox.resolve("payload.txt")));
        }
        int total = refused.values().stream().mapToInt(Integer::intValue).sum();
        Results.record("TLS receiver with mutual TLS and a token: " + String.join(", ", refused.keySet()), total + " intruders",
                total + " refused, 0 files, token in no event; the rightful client's file stored", "nothing", t0);
    }

    static boolean send(ClientConfig cfg, Path file, String token) throws IOException {
        try (Connection c = Client.connect(cfg)) {
            return FileSender.send(c, file, SendOptions.builder().token(token).build()).allConfirmed();
        }
    }

}
