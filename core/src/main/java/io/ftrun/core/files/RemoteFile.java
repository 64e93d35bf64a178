package io.ftrun.core.files;

import java.time.Instant;

/**
 * One file a server serves, as {@link FileFetcher#list} reports it.
 *
 * @param path     its path as a fetch of the same request stores it ('/'-separated, the directory's name first)
 * @param size     its size in bytes
 * @param modified its modification time
 */
public record RemoteFile(String path, long size, Instant modified) {
}
