package io.ftrun.core.files;

/** Receives progress of a transfer, e.g. to draw a progress bar. Called on the transfer's thread: be quick. */
@FunctionalInterface
public interface ProgressListener {
    void onProgress(FileEvents.TransferProgress progress);

    ProgressListener NONE = p -> {
    };
}
