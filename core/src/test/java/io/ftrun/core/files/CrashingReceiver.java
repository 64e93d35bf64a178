package io.ftrun.core.files;

import io.ftrun.core.Server;
import io.ftrun.core.ServerConfig;

import java.nio.file.Path;

/**
 * A framed receiver in its own JVM that dies the moment a file has its final name: {@link Runtime#halt} runs no
 * clean-up, no finally block, no shutdown hook, like SIGKILL. Prints {@code PORT n} when it listens; exits with
 * {@value #CRASHED} at the crash point. For {@code CommitCrashTest}.
 */
final class CrashingReceiver {
    static final int CRASHED = 86;

    private CrashingReceiver() {
    }

    public static void main(String[] args) throws Exception {
        FileReceiverConfig cfg = FileReceiverConfig.builder().directory(Path.of(args[0])).protocol(FileProtocol.FRAMED)
                .commitHook(stored -> Runtime.getRuntime().halt(CRASHED)).build();
        Server server = Server.start(ServerConfig.builder().host("127.0.0.1").port(0).handler(FileReceiver.handler(cfg)).build());
        System.out.println("PORT " + server.port());
        System.out.flush();
        Thread.sleep(60_000); // the parent's deadline ends it long before, if no file ever arrives
        server.close();
    }
}
