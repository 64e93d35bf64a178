package io.ftrun.dsl;

import io.ftrun.core.Connection;
import io.ftrun.core.Message;
import io.ftrun.core.files.FileSender;
import io.ftrun.core.files.SendReport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The state of one running client: its connection and what it has sent and received. */
final class ClientSession {
    private final String scriptFile;
    private final List<String> received = new ArrayList<>();
    private final List<String> files = new ArrayList<>();
    private Connection connection;
    private long bytesOut;
    private long bytesIn;

    ClientSession(String scriptFile) {
        this.scriptFile = scriptFile;
    }

    void open(Connection c) {
        this.connection = c;
    }

    Connection connection() {
        return connection;
    }

    Message receive() throws IOException {
        Message m = connection.receive();
        if (m != null) received.add(m.text());
        return m;
    }

    void sendFile(Path path, FileSendSettings settings) throws IOException {
        if (!Files.exists(path)) throw new DslException("no such file: " + path);
        if (settings.framed()) {
            SendReport report = FileSender.send(connection, path, settings.options());
            for (SendReport.FileResult f : report.files()) {
                if (f.confirmed()) files.add(f.name());
            }
            if (!report.allConfirmed()) {
                SendReport.FileResult first = report.failed().get(0);
                throw new DslException("the receiver did not confirm " + report.failed().size() + " of " + report.files().size()
                        + " file(s); first: " + first.name() + ": " + first.error() + " " + first.message());
            }
            return;
        }
        if (Files.isDirectory(path)) {
            throw new DslException(path + " is a directory: the raw protocol sends one file; use protocol 'framed' for directories");
        }
        FileSender.sendRaw(connection, path);
        // The server closes once it has the whole file; until then the upload is not known to have landed.
        while (connection.input().readChunk() != null) {
            // a raw receiver sends nothing back; anything it does send is not part of the file
        }
        files.add(path.getFileName().toString());
    }

    /** Records the totals once the steps are done. */
    void close() {
        bytesOut = connection.bytesOut();
        bytesIn = connection.bytesIn();
    }

    ClientResult result(String name, int index, ScriptProblem problem, Duration took) {
        if (connection != null) {
            bytesOut = connection.bytesOut();
            bytesIn = connection.bytesIn();
        }
        return new ClientResult(name, index, problem, bytesOut, bytesIn, received, files, took);
    }
}
