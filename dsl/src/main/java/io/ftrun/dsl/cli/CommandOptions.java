package io.ftrun.dsl.cli;

import io.ftrun.dsl.ClientSpec;
import io.ftrun.dsl.DslException;
import io.ftrun.dsl.Params;
import io.ftrun.dsl.ParamsSpec;
import io.ftrun.dsl.ServerSpec;

/**
 * What the built-in commands share ({@code io/ftrun/dsl/commands/*.groovy}): the TLS options of a sending or fetching
 * client ({@code --tls}, {@code --tls-ca}, {@code --tls-pin}), and a serving command's listener ({@code --host},
 * {@code --port}, {@code --tls-cert}, {@code --tls-key}, with the limits every server command keeps). Each is declared
 * and applied here, once.
 */
public final class CommandOptions {
    private CommandOptions() {
    }

    public static void declareClientTls(ParamsSpec p) {
        p.param("tls", false, "speak TLS, trusting the JDK's certificate authorities");
        p.param(java.util.Map.of("value", "FILE"), "tls-ca", "", "speak TLS, trusting the CA certificates in this PEM file");
        p.param(java.util.Map.of("value", "sha256/BASE64"), "tls-pin", "", "speak TLS, trusting only the key with this pin");
    }

    public static void clientTls(ClientSpec client, Params params) {
        if (!params.flag("tls") && params.get("tls-ca").isEmpty() && params.get("tls-pin").isEmpty()) return;
        client.tls(tls -> {
            if (!params.get("tls-ca").isEmpty()) tls.trust(params.get("tls-ca"));
            if (!params.get("tls-pin").isEmpty()) tls.pin(params.get("tls-pin"));
        });
    }

    /** {@code --port} and {@code --host} (with their defaults) and the server's TLS pair. */
    public static void declareListener(ParamsSpec p, String host, String hostMeans) {
        p.param("port", 9999, "the port to listen on (0: any free port)");
        p.param(java.util.Map.of("value", "ADDRESS"), "host", host, "the address to listen on (" + hostMeans + ")");
        p.param(java.util.Map.of("value", "FILE"), "tls-cert", "", "speak TLS with this certificate chain (PEM); with --tls-key");
        p.param(java.util.Map.of("value", "FILE"), "tls-key", "", "the private key of --tls-cert (PEM)");
    }

    /** Where the server listens, its TLS, and the limits of a command's server: 20 connections an address, 30 s idle. */
    public static void listener(ServerSpec server, Params params) {
        if (params.get("tls-cert").isEmpty() != params.get("tls-key").isEmpty()) throw new DslException("--tls-cert and --tls-key go together");
        server.host(params.get("host"));
        server.port(params.intValue("port"));
        server.maxConnectionsPerAddress(20);
        server.idleTimeout("30s");
        if (!params.get("tls-cert").isEmpty()) {
            server.tls(tls -> {
                tls.certificate(params.get("tls-cert"));
                tls.key(params.get("tls-key"));
            });
        }
    }
}
