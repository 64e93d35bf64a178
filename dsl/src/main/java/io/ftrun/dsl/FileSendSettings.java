package io.ftrun.dsl;

import io.ftrun.core.files.SendOptions;

/** The client's file settings: protocol, digest, resume, skipping unchanged files, compression, token. */
final class FileSendSettings {
    private boolean framed;
    /** {@code protocol 'auto'}: framed, but a single file goes raw to a receiver that takes raw uploads only. */
    private boolean rawIfRefused;
    private String digest;
    private boolean resume = true;
    private boolean skipUnchanged = true;
    private boolean compress;
    private String token;

    void protocol(String p) {
        switch (p) {
            case "raw": framed = false; rawIfRefused = false; break;
            case "framed": framed = true; rawIfRefused = false; break;
            case "auto": framed = true; rawIfRefused = true; break;
            default: throw new DslException("unknown protocol '" + p + "' (expected raw, framed or auto)");
        }
    }

    void digest(String algorithm) {
        SendOptions.builder().digest(algorithm); // checks the name now, at the script line
        this.digest = algorithm;
    }

    void resume(boolean on) {
        this.resume = on;
    }

    void skipUnchanged(boolean on) {
        this.skipUnchanged = on;
    }

    void compress(boolean on) {
        this.compress = on;
    }

    void token(String secret) {
        this.token = secret;
    }

    boolean compresses() {
        return compress;
    }

    boolean framed() {
        return framed;
    }

    boolean rawIfRefused() {
        return rawIfRefused;
    }

    /** The sender reports progress to the connection's listeners itself: no extra progress listener here. */
    SendOptions options() {
        return builder().build();
    }

    /** These settings, for a step that changes some of them ({@code fetch ..., compress: true}). */
    SendOptions.Builder builder() {
        SendOptions.Builder b = SendOptions.builder().resume(resume).skipUnchanged(skipUnchanged).compress(compress).token(token);
        if (digest != null) b.digest(digest);
        return b;
    }
}
