package io.ftrun.dsl.internal;

import java.util.List;

/** "Did you mean ...?" for misspelt DSL names. */
public final class Suggestions {
    private static final List<String> NAMES = List.of(
            "server", "client", "clients", "plugins", "params", "log", "afterClients", "shutdown", "fail",
            "counter", "timestamp", "uuid", "original", "template", "naming",
            "host", "port", "backlog", "reuseAddress", "concurrency", "serial", "threads", "pool", "virtual",
            "maxConnections", "maxConnectionsPerAddress", "idleTimeout", "writeTimeout", "shutdownGrace", "chunkSize",
            "receiveBuffer", "sendBuffer", "refusal", "framing", "echo", "reply", "greet", "chat", "handle", "receiveFiles",
            "into", "protocol", "maxSize", "minFreeSpace", "fsync", "resume", "digest", "headerTimeout", "minRate", "maxWaiting",
            "message", "every", "rounds", "onAnswer", "room", "queue",
            "connect", "retries", "connectTimeout", "readTimeout", "send", "sendFile", "expect", "receive", "session",
            "pause", "finish", "id", "health", "drainTimeout", "drainFrom", "drainToken", "proxyProtocol", "instance");

    private Suggestions() {
    }

    /** The closest known name within two edits, or null. */
    public static String forMethod(String name) {
        String best = null;
        int bestDistance = 3;
        for (String n : NAMES) {
            int d = distance(name.toLowerCase(), n.toLowerCase());
            if (d < bestDistance && d > 0) {
                best = n;
                bestDistance = d;
            }
        }
        return best;
    }

    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) prev[j] = j;
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
