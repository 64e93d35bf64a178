package io.ftrun.core.files;

/** What {@link NamingPolicies#original(OnCollision)} does when a file of the chosen name already exists. */
public enum OnCollision {
    /** Keep both: the new file gets a suffix ({@code report-1.pdf}, {@code report-2.pdf}, ...). */
    RENAME,
    /** Replace the existing file atomically (readers see the old or the new file, never a mix). */
    OVERWRITE,
    /** Refuse the new file with {@link ErrorCode#EXISTS}. */
    REJECT
}
