package io.ftrun.dsl;

import io.ftrun.core.files.ErrorCode;
import io.ftrun.core.files.SendReport;
import io.ftrun.core.files.SessionBrokenException;
import org.apache.commons.io.monitor.FileAlterationListenerAdaptor;
import org.apache.commons.io.monitor.FileAlterationObserver;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;

/**
 * A {@code watch} step: looks at its directories every so often (commons-io's observer, run on this thread), and
 * sends each new or changed file once it has stayed unchanged for the stable period, in one framed session per
 * batch. Links are never followed nor sent, and hidden names (a writer's temporary, ours) are left alone, so a writer
 * that renames a finished file into place is seen only once it is complete. A batch that cannot be sent (the receiver
 * is away or busy) is tried again, waiting longer each time; a file refused for good (it exists there, it is too
 * large) is reported and left until it changes. The watch ends when the run is stopped, on an interrupt, or after
 * {@code stopAfter}, with a last look first unless interrupted; it fails then if any file was refused or could not be
 * sent.
 */
final class FileWatch {
    /** Sends one batch of files, all below {@code root}. */
    @FunctionalInterface
    interface Sender {
        SendReport send(Path root, Map<String, Path> files) throws IOException;
    }

    private static final Duration FIRST_RETRY = Duration.ofSeconds(1);
    private static final Duration LONGEST_RETRY = Duration.ofSeconds(30);
    private static final long SLICE_NANOS = Duration.ofMillis(100).toNanos();
    /** Refusals that may pass by themselves: the file stays waiting and is tried again. */
    private static final Set<ErrorCode> PASSING = EnumSet.of(ErrorCode.BUSY, ErrorCode.CONNECTION_LOST, ErrorCode.NO_SPACE, ErrorCode.IO_ERROR);

    private final List<Root> roots = new ArrayList<>();
    private final WatchSettings settings;
    private final ScriptLog log;
    private final BooleanSupplier stopRequested;
    private int stored;
    private int skipped;
    private final Map<String, ErrorCode> refused = new LinkedHashMap<>();
    private final Map<String, String> refusedWhy = new LinkedHashMap<>();
    private String unsentBecause;

    FileWatch(List<FileSelection.Watched> watched, WatchSettings settings, ScriptLog log, BooleanSupplier stopRequested) throws IOException {
        this.settings = settings;
        this.log = log;
        this.stopRequested = stopRequested;
        for (FileSelection.Watched w : watched) roots.add(new Root(w, new StableFiles(settings.stableFor())));
    }

    /** Watches until stopped; returns normally when nothing was refused and nothing stable was left unsent. */
    void run(Sender sender) throws IOException {
        for (Root r : roots) r.start(settings.existing());
        long start = System.nanoTime();
        long nextSend = start;
        Duration retry = FIRST_RETRY;
        log.info("watching " + String.join(", ", roots.stream().map(r -> r.watched.base().toString()).toList())
                + " (a file is sent once unchanged for " + settings.stableFor().toMillis() + " ms)");
        while (!stopped(start)) {
            for (Root r : roots) r.check();
            long now = System.nanoTime();
            if (now - nextSend >= 0) {
                String failed = sendReady(sender, now);
                if (failed == null) {
                    retry = FIRST_RETRY;
                } else {
                    log.warn("watch: cannot send now (" + failed + "); " + stableWaiting(now) + " file(s) wait, trying again in "
                            + retry.toSeconds() + " s");
                    nextSend = now + retry.toNanos();
                    retry = retry.multipliedBy(2).compareTo(LONGEST_RETRY) > 0 ? LONGEST_RETRY : retry.multipliedBy(2);
                }
                unsentBecause = failed;
            }
            if (!pause(start)) break;
        }
        if (!Thread.currentThread().isInterrupted()) { // a last look: a file that became complete just now goes too
            for (Root r : roots) r.check();
            unsentBecause = sendReady(sender, System.nanoTime());
        }
        finish();
    }

    /** Sends what is ready; null when all of it went (or was refused for good), else why not. */
    private String sendReady(Sender sender, long now) {
        String failed = null;
        for (Root r : roots) {
            Map<String, Path> ready = r.stable.ready(now);
            if (ready.isEmpty()) continue;
            try {
                if (settle(r, sender.send(r.watched.base(), ready))) failed = "the receiver refused for now";
            } catch (SessionBrokenException e) {
                settle(r, e.partial());
                failed = e.getCause() != null ? e.getCause().getMessage() : e.getMessage();
            } catch (IOException e) {
                failed = e.getMessage();
            }
        }
        return failed;
    }

    /** Takes a batch's outcome; true when a file is to be tried again. */
    private boolean settle(Root r, SendReport report) {
        boolean again = false;
        for (SendReport.FileResult f : report.files()) {
            if (f.confirmed()) {
                r.stable.done(f.name());
                refused.remove(f.name());
                refusedWhy.remove(f.name());
                if (f.skipped()) skipped++;
                else stored++;
            } else if (f.error() == null || PASSING.contains(f.error())) {
                again = true; // not reached, or the receiver may take it later: it stays waiting
            } else {
                r.stable.done(f.name());
                refused.put(f.name(), f.error());
                refusedWhy.put(f.name(), f.error().label() + ": " + f.message());
                log.warn("watch: " + f.name() + " was refused (" + f.error().label() + ": " + f.message()
                        + "); it is sent again when it changes");
            }
        }
        return again;
    }

    private boolean stopped(long start) {
        if (stopRequested.getAsBoolean() || Thread.currentThread().isInterrupted()) return true;
        return settings.stopAfter() != null && System.nanoTime() - start >= settings.stopAfter().toNanos();
    }

    /** Waits until the next look, in short slices so that a stop is noticed; false when interrupted or stopped. */
    private boolean pause(long start) {
        long until = System.nanoTime() + settings.every().toNanos();
        try {
            for (long left; (left = until - System.nanoTime()) > 0; ) {
                if (stopped(start)) return false;
                Thread.sleep(Duration.ofNanos(Math.min(left, SLICE_NANOS)).toMillis() + 1);
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // the run is being stopped: report, then let the caller see it
            return false;
        }
    }

    private int stableWaiting(long now) {
        int n = 0;
        for (Root r : roots) n += r.stable.ready(now).size();
        return n;
    }

    private void finish() {
        long now = System.nanoTime();
        int unsent = stableWaiting(now);
        int changing = -unsent;
        for (Root r : roots) changing += r.stable.waiting();
        log.info("watch ended: " + stored + " file(s) stored, " + skipped + " unchanged skipped"
                + (changing > 0 ? ", " + changing + " still changing (not sent)" : ""));
        List<String> wrong = new ArrayList<>();
        if (!refused.isEmpty()) {
            List<String> named = new ArrayList<>();
            refusedWhy.forEach((name, why) -> named.add(name + " (" + why + ")"));
            wrong.add(refused.size() + " file(s) refused: " + String.join(", ", named.subList(0, Math.min(5, named.size())))
                    + (named.size() > 5 ? ", ..." : ""));
        }
        if (unsent > 0) wrong.add(unsent + " complete file(s) not sent" + (unsentBecause != null ? " (" + unsentBecause + ")" : ""));
        if (!wrong.isEmpty()) {
            List<ErrorCode> failures = new ArrayList<>(refused.values());
            for (int i = 0; i < unsent; i++) failures.add(null); // why they were not sent has no code
            throw new IncompleteTransfer("watch: " + stored + " file(s) stored, " + skipped + " unchanged skipped; " + String.join("; ", wrong)
                    + ". Run the watch again to send what is missing: unchanged files are skipped", stored + skipped, failures, null);
        }
    }

    /** One watched directory: its observer, and the files it has seen that wait to be sent. */
    private static final class Root {
        final FileSelection.Watched watched;
        final StableFiles stable;
        FileAlterationObserver observer;

        Root(FileSelection.Watched watched, StableFiles stable) {
            this.watched = watched;
            this.stable = stable;
        }

        void start(boolean existing) throws IOException {
            observer = FileAlterationObserver.builder().setPath(watched.base()).setFileFilter(this::accepts).get();
            observer.addListener(new FileAlterationListenerAdaptor() {
                @Override
                public void onFileCreate(File file) {
                    seen(file);
                }

                @Override
                public void onFileChange(File file) {
                    seen(file);
                }

                @Override
                public void onFileDelete(File file) {
                    stable.gone(watched.name(file.toPath()));
                }
            });
            // without this the first look reports every file there as new, so those already there are sent too
            if (!existing) {
                try {
                    observer.initialize();
                } catch (Exception e) {
                    throw new IOException("cannot watch " + watched.base() + ": " + e.getMessage(), e);
                }
            }
        }

        void check() {
            observer.checkAndNotify();
        }

        private void seen(File file) {
            stable.seen(watched.name(file.toPath()), file.toPath(), file.length(), file.lastModified(), System.nanoTime());
        }

        /** Directories to look into and the files meant; never a link, nor a hidden name unless the glob asks for one. */
        private boolean accepts(File f) {
            Path p = f.toPath();
            if (Files.isSymbolicLink(p)) return false;
            if (f.getName().startsWith(".") && !watched.hiddenAsked()) return false;
            return f.isDirectory() || (f.isFile() && watched.wants(p));
        }
    }
}
