package io.ftrun.core.files;

import java.nio.charset.StandardCharsets;

/** Constants of the framed protocol, versions 1 and 2. docs/PROTOCOL.md is the specification; keep the two in step. */
final class Protocol {
    static final byte[] MAGIC = "FTRN".getBytes(StandardCharsets.US_ASCII);
    /** Stop and wait: one FILE header at a time, its data only after READY. */
    static final int V1 = 1;
    /** Pipelined: FILE headers ahead of their data, up to the window WELCOME gives; answers in order. */
    static final int V2 = 2;
    /** The highest version this implementation speaks (and offers). */
    static final int VERSION = V2;
    /**
     * How many files a version 2 sender may announce (FILE) before their data (announced in WELCOME): enough for a
     * link's round trip of small files. A waiting file holds no descriptor on either side (its temporary is made
     * when its data begins), only its header in memory.
     */
    static final int WINDOW = 1024;
    /**
     * The most bytes of FILE headers a receiver keeps for files waiting for their data: the window alone would let a
     * sender park 1024 paths of 4 KiB each per connection. ftrun's sender stays far below it (it reads answers once
     * 32 KiB are owed).
     */
    static final int WAITING_HEADER_BYTES = 256 * 1024;
    /** The largest file SKIP is asked for: both sides read it whole (SHA-256) to decide. */
    static final long SKIP_MAX_SIZE = 64L << 20;

    static final int HELLO = 0x01;
    static final int WELCOME = 0x02;
    static final int FILE = 0x03;
    static final int READY = 0x04;
    static final int START = 0x05;
    static final int DATA = 0x06;
    static final int END = 0x07;
    static final int DONE = 0x08;
    static final int ERROR = 0x09;
    static final int BYE = 0x0A;
    /** Version 2: the answer to a FILE that asked to skip an unchanged file, when the receiver holds it already. */
    static final int SKIP = 0x0B;
    /** Version 2 downloads: the client asks for a file or tree; the server answers by sending it, roles swapped. */
    static final int GET = 0x0C;
    /** Version 2 downloads: the client asks what a path holds; answered by LISTING frames. */
    static final int LIST = 0x0D;
    /** Version 2 downloads: part of the answer to LIST; an empty one ends it. */
    static final int LISTING = 0x0E;

    /** Largest payload of any message other than DATA. */
    static final int MAX_CONTROL = 64 * 1024;
    /** Largest DATA payload a receiver accepts (announced in WELCOME). */
    static final int MAX_DATA = 1 << 20;
    /** Largest relative path, in UTF-8 bytes. */
    static final int MAX_PATH = 4096;
    /** Size of the frame header: type (1) and payload length (4). */
    static final int HEADER = 5;

    static final int FILE_HAS_MODE = 1;
    static final int FILE_HAS_MTIME = 2;
    /*
     * Bit 2 (4) was the first form of a resume request: the receiver answered it with its prefix's digest, which
     * let any peer continue anyone's partial. It is ignored now; such a sender gets offset 0 and sends everything.
     */
    /** The sender asks to resume, sends a resume tag in FILE and proves the prefix in START (docs/PROTOCOL.md §6). */
    static final int FILE_RESUME_WITH_PROOF = 8;
    /** Version 2: skip the file if the receiver holds it unchanged (same path, size, mtime and SHA-256); answered SKIP. */
    static final int FILE_SKIP_UNCHANGED = 0x10;
    /** Version 2: FILE's DATA payloads are compressed ({@link DataEncoder}); only when WELCOME (or GET) has bit 1. */
    static final int FILE_COMPRESSED = 0x20;
    static final int WELCOME_RESUME = 1;
    /** Version 2: the receiver takes compressed DATA (FILE flag bit 5); in GET's terms: the client asks for it. */
    static final int WELCOME_COMPRESS = 2;

    /**
     * How an ftrun receiver that takes raw uploads only begins its ERROR {@code PROTOCOL} answer to a HELLO
     * (docs/PROTOCOL.md): a sender that may fall back sends the file raw instead.
     */
    public static final String RAW_ONLY = "this receiver takes raw uploads only";

    private Protocol() {
    }

    static String typeName(int type) {
        switch (type) {
            case HELLO: return "HELLO";
            case WELCOME: return "WELCOME";
            case FILE: return "FILE";
            case READY: return "READY";
            case START: return "START";
            case DATA: return "DATA";
            case END: return "END";
            case DONE: return "DONE";
            case ERROR: return "ERROR";
            case BYE: return "BYE";
            case SKIP: return "SKIP";
            case GET: return "GET";
            case LIST: return "LIST";
            case LISTING: return "LISTING";
            default: return String.format("0x%02x", type);
        }
    }
}
