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

    /** The block name, as written in scripts. */
    public String blockName() {
        return block;
    }
}
