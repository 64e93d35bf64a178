package io.ftrun.dsl;

import io.ftrun.core.files.SendOptions;

/** The client's file settings: protocol, digest, resume, skipping unchanged files, compression, token. */
final class FileSendSettings {
    private boolean framed;
    private String digest;
    private boolean resume = true;
    private boolean skipUnchanged = true;
    private boolean compress;
    private String token;

    void protocol(String p) {
        switch (p) {
            case "raw": framed = false; break;
            case "framed": framed = true; break;
            default: throw new DslException("unknown protocol '" + p + "' (expected raw or framed)");
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
