package io.ftrun.dsl;

import io.ftrun.core.files.SendOptions;

/** The client's file settings: protocol, digest, resume. */
final class FileSendSettings {
    private boolean framed;
    private String digest;
    private boolean resume = true;

    void protocol(String p) {
        switch (p) {
            case "raw": framed = false; break;
            case "framed": framed = true; break;
            default: throw new DslException("unknown protocol '" + p + "' (expected raw or framed)");
        }
    }

    void digest(String algorithm) {
        try {
            SendOptions.builder().digest(algorithm);
        } catch (IllegalArgumentException e) {
            throw new DslException(e.getMessage());
        }
        this.digest = algorithm;
    }

    void resume(boolean on) {
        this.resume = on;
    }

    boolean framed() {
        return framed;
    }

    SendOptions options(io.ftrun.core.files.ProgressListener progress) {
        SendOptions.Builder b = SendOptions.builder().resume(resume).progress(progress);
        if (digest != null) b.digest(digest);
        return b.build();
    }
}
