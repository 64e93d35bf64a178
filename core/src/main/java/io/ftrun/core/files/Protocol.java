package io.ftrun.core.files;

import java.nio.charset.StandardCharsets;

/** Constants of the framed protocol, version 1. docs/PROTOCOL.md is the specification; keep the two in step. */
final class Protocol {
    static final byte[] MAGIC = "FTRN".getBytes(StandardCharsets.US_ASCII);
    static final int VERSION = 1;

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
    static final int WELCOME_RESUME = 1;

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
            default: return String.format("0x%02x", type);
        }
    }
}
