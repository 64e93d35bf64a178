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
     * Applies one setting: refuses it once the script has been read, and turns the engine's
     * {@link IllegalArgumentException} into a {@link DslException} the runner reports with the script line.
     */
    protected void set(String setting, Runnable apply) {
        checkOpen(setting);
        try {
            apply.run();
        } catch (IllegalArgumentException e) {
            throw new DslException(e.getMessage());
        }
    }

    /** The block name, as written in scripts. */
    public String blockName() {
        return block;
    }
}
