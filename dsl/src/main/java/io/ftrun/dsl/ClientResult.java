package io.ftrun.dsl;

import java.time.Duration;
import java.util.List;

/**
 * What one client did: passed to {@code afterClients { results -> }} and summed up by the runner.
 *
 * @param received the messages the client read, as text
 * @param files    the files the client sent (and, with the framed protocol, the receiver confirmed)
 * @param error    null when every step succeeded, else {@code script.groovy:LINE: what failed}
 */
public record ClientResult(String name, int index, boolean ok, String error, long bytesOut, long bytesIn,
                           List<String> received, List<String> files, Duration took) {
    public ClientResult {
        received = List.copyOf(received);
        files = List.copyOf(files);
    }

    public boolean isOk() {
        return ok;
    }
}
