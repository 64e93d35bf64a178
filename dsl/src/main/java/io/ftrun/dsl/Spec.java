package io.ftrun.dsl;

/** Base of the mutable specs: knows its block's name and refuses changes once the script has been read. */
public abstract class Spec {
    protected final ScriptModel model;
    private final String block;

    protected Spec(ScriptModel model, String block) {
        this.model = model;
        this.block = block;
    }

    protected void checkOpen(String setting) {
        model.checkOpen(block + " " + setting);
    }

    /**
     * Applies one setting, refusing it once the script has been read. The engine's {@link IllegalArgumentException}
     * passes as it is: the runner reports it, like a {@link DslException}, as a problem at the script line.
     */
    protected void set(String setting, Runnable apply) {
        checkOpen(setting);
        apply.run();
    }

    /** The block name, as written in scripts. */
    public String blockName() {
        return block;
    }
}
