package io.ftrun.core.files;

// Over 300 lines on purpose: the public factories and the five small built-in policies behind them, private so
// that the API stays the factories.

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The built-in {@link NamingPolicy naming policies}. Every name they propose is still checked and resolved inside
 * the target directory by the receiver, and committed without clobbering (except {@link OnCollision#OVERWRITE}).
 */
public final class NamingPolicies {
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS");
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HHmmss");
    private static final Pattern COUNTER_CONVERSION = Pattern.compile("%(0?[1-9]?[0-9]?)d");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-z]+)}");
    private static final Set<String> PLACEHOLDERS = Set.of("remote", "port", "id", "counter", "name", "base", "ext",
            "path", "date", "time", "timestamp", "uuid", "size", "instance");
    /** Joins a receiver's instance identity to the varying part of counter and timestamp names. */
    private static final String INSTANCE_SEPARATOR = "_";

    private NamingPolicies() {
    }

    /**
     * Numbered names: {@code counter("file_%d.pdf")} gives {@code file_1.pdf}, {@code file_2.pdf}, ... The pattern
     * holds one {@code %d} (flags like {@code %03d} work; write {@code %%} for a literal percent sign) and no
     * {@code /}. Numbers are unique across threads; at the first file the target directory is scanned, so numbering
     * continues after the highest existing number after a restart, and a name that exists anyway (another process)
     * is skipped, never overwritten.
     *
     * <p>A receiver with an instance identity puts it before the number: {@code file_rx-1_7.pdf}. Each instance
     * numbers only its own names (its scan ignores other instances' files), and no two instances can ever propose
     * the same name: after the instance and its {@code _} come only digits, which no other instance's name has there.
     */
    public static NamingPolicy counter(String pattern) {
        return new Counter(pattern);
    }

    /**
     * Names from the transfer's start time: {@code %s} in the pattern becomes {@code yyyyMMdd-HHmmss-SSS} in the
     * receiver's time zone, e.g. {@code timestamp("scan_%s.pdf")}. Two files in the same millisecond get a suffix:
     * {@code scan_20250101-120000-000-1.pdf}. A receiver with an instance identity puts it before the time:
     * {@code scan_rx-1_20250101-120000-000.pdf}.
     */
    public static NamingPolicy timestamp(String pattern) {
        return timestamp(pattern, "yyyyMMdd-HHmmss-SSS");
    }

    /** Like {@link #timestamp(String)} with a {@link DateTimeFormatter} pattern of your own for the {@code %s}. */
    public static NamingPolicy timestamp(String pattern, String dateTimeFormat) {
        return new Timestamp(pattern, dateTimeFormat);
    }

    /** A random UUID, keeping the sender's extension when there is one: {@code 3f2a...-....pdf}. */
    public static NamingPolicy uuid() {
        return new Simple("uuid()", OnCollision.RENAME, false,
                (r, attempt) -> UUID.randomUUID() + (r.extension().isEmpty() ? "" : "." + r.extension()));
    }

    /**
     * The sender's own relative path (framed protocol only), directories included. {@code onCollision} decides what
     * happens when it exists: a suffix ({@code report-1.pdf}), an atomic replace, or a refusal.
     */
    public static NamingPolicy original(OnCollision onCollision) {
        Objects.requireNonNull(onCollision, "onCollision");
        return new Simple("original(" + onCollision.name().toLowerCase() + ")", onCollision, true, true,
                (r, attempt) -> r.originalName() == null ? null : withSuffix(r.originalName(), attempt));
    }

    /**
     * The sender's own relative path when it sends one (framed), as {@link #original}; a raw upload, which carries no
     * name, is named by {@code forRaw}. For a receiver that takes both ({@code protocol 'auto'}): {@code nc} uploads
     * are numbered, and framed senders keep their paths, so unchanged files are skipped. Only with
     * {@link OnCollision#RENAME}: the rule applies to both, and a raw upload must never replace a file.
     */
    public static NamingPolicy original(OnCollision onCollision, NamingPolicy forRaw) {
        Objects.requireNonNull(onCollision, "onCollision");
        Objects.requireNonNull(forRaw, "forRaw");
        if (forRaw.needsOriginalName()) throw new IllegalArgumentException("raw uploads carry no name: " + forRaw.describe() + " cannot name them");
        // one policy has one collision rule, and a raw upload's number must never replace a file or be refused for one
        if (onCollision != OnCollision.RENAME) {
            throw new IllegalArgumentException("original(raw: ...) takes onCollision 'rename' only: a raw upload is numbered, and never replaces a file");
        }
        return new NamingPolicy() {
            @Override
            public String propose(NameRequest r, int attempt) {
                return r.originalName() == null ? forRaw.propose(r, attempt) : withSuffix(r.originalName(), attempt);
            }

            @Override public OnCollision onCollision() { return onCollision; }
            @Override public boolean keepsSendersPath() { return true; }
            @Override public boolean requiresInstance() { return forRaw.requiresInstance(); }
            @Override public String describe() { return "original(" + onCollision.name().toLowerCase() + ", raw: " + forRaw.describe() + ")"; }
            @Override public String toString() { return describe(); }
        };
    }

    /**
     * A name built from fields. Placeholders: {@code {remote}} (sender IP, ':' replaced by '_'), {@code {port}},
     * {@code {id}} (connection id), {@code {counter}} (as in {@link #counter}), {@code {name}} (sender's file name,
     * {@code file} for raw), {@code {base}} and {@code {ext}} (name without / with only its extension, the dot
     * included), {@code {path}} (sender's relative path), {@code {date}} ({@code yyyy-MM-dd}), {@code {time}}
     * ({@code HHmmss}), {@code {timestamp}} ({@code yyyyMMdd-HHmmss-SSS}), {@code {uuid}}, {@code {size}}
     * (announced bytes, or {@code unknown}), {@code {instance}} (the receiver's instance identity, which it then must
     * have). Example: {@code "{date}/{remote}_{counter}{ext}"}. A name that exists gets the next counter, a fresh
     * uuid, or a suffix. A {@code {counter}} next to {@code {instance}} in the last component numbers per instance.
     */
    public static NamingPolicy template(String template) {
        return new Template(template);
    }

    /**
     * Your own code decides: the function gets the request and returns a name (relative, '/' for directories), or
     * null to refuse the file. A name that exists gets a suffix ({@code name-1.ext}); the function is called again
     * for each attempt.
     */
    public static NamingPolicy custom(Function<NameRequest, String> namer) {
        return custom(namer, OnCollision.RENAME);
    }

    /** Like {@link #custom(Function)} with an explicit collision rule. */
    public static NamingPolicy custom(Function<NameRequest, String> namer, OnCollision onCollision) {
        Objects.requireNonNull(namer, "namer");
        Objects.requireNonNull(onCollision, "onCollision");
        return new Simple("custom", onCollision, false, (r, attempt) -> {
            String name = namer.apply(r);
            return name == null ? null : withSuffix(name, attempt);
        });
    }

    /**
     * {@code report.pdf} with suffix 2 is {@code report-2.pdf}; {@code dir/README} is {@code dir/README-2};
     * {@code .profile} is {@code .profile-2}. Attempt 0 is the name itself. The stem is shortened (by whole
     * characters) where the suffix would push the last component past 255 UTF-8 bytes or the path past
     * {@value Protocol#MAX_PATH}, so a taken long name still gets a free one rather than a refusal.
     */
    static String withSuffix(String name, int attempt) {
        if (attempt == 0) return name;
        int slash = name.lastIndexOf('/');
        String dir = name.substring(0, slash + 1);
        String leaf = name.substring(slash + 1);
        int room = Math.min(SafeNames.MAX_COMPONENT_BYTES, Protocol.MAX_PATH - SafeNames.utf8Length(dir));
        String suffix = "-" + attempt;
        int dot = leaf.lastIndexOf('.');
        if (dot > 0) {
            String withExtension = fit(leaf.substring(0, dot), suffix + leaf.substring(dot), room);
            if (withExtension != null) return dir + withExtension;
        }
        String plain = fit(leaf, suffix, room);
        return dir + (plain != null ? plain : leaf + suffix); // no room at all: the name rules refuse it
    }

    /** {@code stem + tail} within {@code maxBytes}, the stem cut as needed; null if not even one character fits. */
    private static String fit(String stem, String tail, int maxBytes) {
        int left = maxBytes - SafeNames.utf8Length(tail);
        String cut = cutUtf8(stem, left);
        if (SafeNames.isDevice(cut + tail)) cut = cutUtf8(stem, left - 1); // the name rules will put '_' before it
        return cut.isEmpty() ? null : cut + tail;
    }

    /** The longest prefix of {@code s} of at most {@code maxBytes} UTF-8 bytes, never splitting a character. */
    private static String cutUtf8(String s, int maxBytes) {
        int bytes = 0;
        int i = 0;
        while (i < s.length()) {
            int cp = s.codePointAt(i);
            int n = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
            if (bytes + n > maxBytes) break;
            bytes += n;
            i += Character.charCount(cp);
        }
        return s.substring(0, i);
    }

    @FunctionalInterface
    private interface Proposer {
        String propose(NameRequest r, int attempt);
    }

    private static final class Simple implements NamingPolicy {
        private final String description;
        private final OnCollision onCollision;
        private final boolean needsOriginal;
        private final boolean keepsPath;
        private final Proposer proposer;

        Simple(String description, OnCollision onCollision, boolean needsOriginal, Proposer proposer) {
            this(description, onCollision, needsOriginal, false, proposer);
        }

        Simple(String description, OnCollision onCollision, boolean needsOriginal, boolean keepsPath, Proposer proposer) {
            this.description = description;
            this.onCollision = onCollision;
            this.needsOriginal = needsOriginal;
            this.keepsPath = keepsPath;
            this.proposer = proposer;
        }

        @Override public String propose(NameRequest request, int attempt) { return proposer.propose(request, attempt); }
        @Override public OnCollision onCollision() { return onCollision; }
        @Override public boolean needsOriginalName() { return needsOriginal; }
        @Override public boolean keepsSendersPath() { return keepsPath; }
        @Override public String describe() { return description; }
        @Override public String toString() { return description; }
    }

    /**
     * Per-directory counters, each started (once, atomically) from the highest number found among existing names
     * matching a pattern, so numbering continues across restarts.
     */
    static final class Counters {
        private final Pattern existing;
        private final Map<Path, AtomicLong> next = new ConcurrentHashMap<>();

        Counters(Pattern existing) {
            this.existing = existing;
        }

        long next(Path directory) {
            return next.computeIfAbsent(directory, d -> new AtomicLong(highestExisting(d) + 1)).getAndIncrement();
        }

        private long highestExisting(Path dir) {
            long max = 0;
            if (existing == null || dir == null) return max;
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
                for (Path p : entries) {
                    Matcher m = existing.matcher(p.getFileName().toString());
                    if (m.matches()) {
                        try {
                            max = Math.max(max, Long.parseLong(m.group(1)));
                        } catch (NumberFormatException tooBig) {
                            // a number beyond long: not one of ours
                        }
                    }
                }
            } catch (IOException e) {
                // an unreadable directory fails at the first write with a clear message; start at 1 meanwhile
            }
            return max == Long.MAX_VALUE ? Long.MAX_VALUE - 1 : max;
        }
    }

    /** One instance's numbering for a counter pattern: the pattern with the instance in it, and its counters. */
    private record Numbering(String pattern, Counters counters) {
    }

    private static final class Counter implements NamingPolicy {
        private final String pattern;
        private final String prefix;
        private final String conversion;
        private final String suffix;
        /** By instance identity ("" for none): each instance counts, and scans for, its own names only. */
        private final Map<String, Numbering> numberings = new ConcurrentHashMap<>();

        Counter(String pattern) {
            Objects.requireNonNull(pattern, "pattern");
            if (pattern.contains("/")) throw new IllegalArgumentException("counter pattern must be a file name without '/', was '" + pattern + "'");
            Matcher m = COUNTER_CONVERSION.matcher(pattern);
            if (!m.find()) throw new IllegalArgumentException("counter pattern needs one %d for the number, e.g. file_%d.pdf; was '" + pattern + "'");
            int start = m.start();
            int end = m.end();
            if (m.find()) throw new IllegalArgumentException("counter pattern must have exactly one %d, was '" + pattern + "'");
            String prefix = pattern.substring(0, start);
            String suffix = pattern.substring(end);
            if (prefix.replace("%%", "").contains("%") || suffix.replace("%%", "").contains("%")) {
                throw new IllegalArgumentException("counter pattern may only hold %d (and %% for a percent sign), was '" + pattern + "'");
            }
            String.format(pattern, 1L); // fails now rather than at the first file
            this.pattern = pattern;
            this.prefix = prefix;
            this.conversion = pattern.substring(start, end);
            this.suffix = suffix;
        }

        private Numbering numbering(String instance) {
            // instance identities hold no '%' (FileReceiverConfig checks), so they go into the format as they are
            String p = instance.isEmpty() ? prefix : prefix + instance + INSTANCE_SEPARATOR;
            return new Numbering(p + conversion + suffix, new Counters(Pattern.compile(Pattern.quote(p.replace("%%", "%"))
                    + "(\\d+)" + Pattern.quote(suffix.replace("%%", "%")))));
        }

        @Override
        public String propose(NameRequest request, int attempt) {
            Numbering n = numberings.computeIfAbsent(request.instance() == null ? "" : request.instance(), this::numbering);
            return String.format(java.util.Locale.ROOT, n.pattern(), n.counters().next(request.directory()));
        }

        @Override public String describe() { return "counter(" + pattern + ")"; }
        @Override public String toString() { return describe(); }
    }

    private static final class Timestamp implements NamingPolicy {
        private final String pattern;
        private final DateTimeFormatter format;

        Timestamp(String pattern, String dateTimeFormat) {
            Objects.requireNonNull(pattern, "pattern");
            if (!pattern.contains("%s")) throw new IllegalArgumentException("timestamp pattern needs %s for the time, e.g. scan_%s.pdf; was '" + pattern + "'");
            this.pattern = pattern;
            this.format = DateTimeFormatter.ofPattern(dateTimeFormat).withZone(ZoneId.systemDefault());
        }

        @Override
        public String propose(NameRequest request, int attempt) {
            String time = format.format(request.time());
            String stamp = request.instance() == null ? time : request.instance() + INSTANCE_SEPARATOR + time;
            return withSuffix(pattern.replace("%s", stamp), attempt);
        }

        @Override public String describe() { return "timestamp(" + pattern + ")"; }
        @Override public String toString() { return describe(); }
    }

    private static final class Template implements NamingPolicy {
        private final String template;
        /** The last component, where a {@code {counter}} is scanned for; null when the counter is not there. */
        private final String scanned;
        /** By instance identity ("" for none): with {@code {instance}} beside the counter, each scans for its own. */
        private final Map<String, Counters> counters = new ConcurrentHashMap<>();
        private final boolean hasCounter;
        private final boolean hasUuid;
        private final boolean hasInstance;

        Template(String template) {
            Objects.requireNonNull(template, "template");
            Matcher m = PLACEHOLDER.matcher(template);
            List<String> unknown = new ArrayList<>();
            while (m.find()) {
                if (!PLACEHOLDERS.contains(m.group(1))) unknown.add("{" + m.group(1) + "}");
            }
            if (!unknown.isEmpty()) {
                throw new IllegalArgumentException("unknown placeholder(s) " + unknown + " in template '" + template
                        + "' (known: " + PLACEHOLDERS.stream().sorted().map(p -> "{" + p + "}").toList() + ")");
            }
            this.template = template;
            this.hasCounter = template.contains("{counter}");
            this.hasUuid = template.contains("{uuid}");
            this.hasInstance = template.contains("{instance}");
            String last = template.substring(template.lastIndexOf('/') + 1);
            this.scanned = hasCounter && last.contains("{counter}") ? last : null;
        }

        private Counters counters(String instance) {
            return counters.computeIfAbsent(instance == null ? "" : instance,
                    i -> new Counters(scanned == null ? null : scanPattern(scanned, i)));
        }

        /**
         * The template's last component as a regex: the counter captured, the instance as itself (so one instance's
         * scan never counts another's files), every other placeholder anything.
         */
        private static Pattern scanPattern(String last, String instance) {
            StringBuilder re = new StringBuilder();
            Matcher m = PLACEHOLDER.matcher(last);
            int at = 0;
            boolean counterSeen = false;
            while (m.find()) {
                re.append(Pattern.quote(last.substring(at, m.start())));
                if (m.group(1).equals("counter") && !counterSeen) {
                    re.append("(\\d+)");
                    counterSeen = true;
                } else if (m.group(1).equals("instance") && !instance.isEmpty()) {
                    re.append(Pattern.quote(instance));
                } else {
                    re.append(".*?");
                }
                at = m.end();
            }
            re.append(Pattern.quote(last.substring(at)));
            return Pattern.compile(re.toString());
        }

        @Override
        public String propose(NameRequest r, int attempt) {
            String counter = hasCounter ? Long.toString(counters(r.instance()).next(r.directory())) : null;
            String uuid = hasUuid ? UUID.randomUUID().toString() : null;
            String fileName = r.originalFileName() == null ? "file" : r.originalFileName();
            String ext = r.extension().isEmpty() ? "" : "." + r.extension();
            String base = ext.isEmpty() ? fileName : fileName.substring(0, fileName.length() - ext.length());
            var time = r.time().atZone(ZoneId.systemDefault());
            Matcher m = PLACEHOLDER.matcher(template);
            StringBuilder out = new StringBuilder();
            while (m.find()) {
                String v;
                switch (m.group(1)) {
                    case "remote": v = r.remoteHost().replace(':', '_'); break;
                    case "port": v = r.remote() == null ? "0" : Integer.toString(r.remote().getPort()); break;
                    case "id": v = Long.toString(r.connectionId()); break;
                    case "counter": v = counter; break;
                    case "name": v = fileName; break;
                    case "base": v = base; break;
                    case "ext": v = ext; break;
                    case "path": v = r.originalName() == null ? fileName : r.originalName(); break;
                    case "date": v = DATE.format(time); break;
                    case "time": v = TIME.format(time); break;
                    case "timestamp": v = TIMESTAMP.format(time); break;
                    case "uuid": v = uuid; break;
                    case "size": v = r.size() < 0 ? "unknown" : Long.toString(r.size()); break;
                    case "instance": v = r.instance(); break;
                    default: throw new IllegalStateException("placeholder {" + m.group(1) + "}");
                }
                m.appendReplacement(out, Matcher.quoteReplacement(v));
            }
            m.appendTail(out);
            // a fresh counter or uuid already makes a new name; otherwise fall back to a suffix
            return hasCounter || hasUuid ? out.toString() : withSuffix(out.toString(), attempt);
        }

        @Override public boolean requiresInstance() { return hasInstance; }
        @Override public String describe() { return "template(" + template + ")"; }
        @Override public String toString() { return describe(); }
    }
}
