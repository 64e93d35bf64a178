package io.ftrun.dsl;

import io.ftrun.core.files.FileEvents;

import java.nio.file.Path;

/**
 * A file an {@code onFile} hook is called with, once it is complete, verified and in place under its final name.
 *
 * @param path      where it is now (absolute)
 * @param name      its name under the receiving directory ({@code into}), '/' between directories
 * @param original  the name its sender gave it (the server's path for a fetch); null for a raw upload, which has none
 * @param size      its size in bytes
 * @param algorithm the digest the transfer was verified with, e.g. {@code sha-256}; null for a raw upload
 * @param digest    that digest, in hex; null for a raw upload
 * @param remote    the peer it came from, {@code address:port} (the client's own address behind a PROXY balancer)
 */
public record StoredFile(Path path, String name, String original, long size, String algorithm, String digest, String remote) {
    static StoredFile of(Path directory, FileEvents.FileReceived e) {
        String remote = e.remote() == null ? null : e.remote().getAddress().getHostAddress() + ":" + e.remote().getPort();
        return new StoredFile(directory.resolve(e.name()).toAbsolutePath().normalize(), e.name(), e.original(), e.bytes(),
                e.algorithm(), e.digest(), remote);
    }

    @Override
    public String toString() {
        return path.toString();
    }
}
