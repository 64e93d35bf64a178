package io.ftrun.core.files;

/**
 * Decides the final name of a received file. Implementations must be thread-safe: one policy serves every
 * connection of a receiver at once. Built-in policies are in {@link NamingPolicies}.
 *
 * <p>The receiver never trusts a proposal: it is checked by the same rules as a sender's name (no {@code ..}, no
 * absolute paths, no control characters, ...; see docs/FILES.md) and resolved inside the target directory. The
 * file is committed without clobbering (the name is checked and the file renamed into it under a lock every ftrun
 * receiver of the directory takes), so two transfers can never end up under one name, whatever the policy
 * proposes. A framed file's first proposal is asked for before its data arrives, a raw file's at the end.
 */
@FunctionalInterface
public interface NamingPolicy {
    /**
     * Proposes a name relative to the target directory ({@code '/'} separates directories).
     *
     * @param request what is known about the file
     * @param attempt 0 for the first proposal; n after the first n proposals turned out to exist already (with
     *                {@link OnCollision#RENAME}), so the policy should propose another name
     * @return the name, or null to refuse the file
     */
    String propose(NameRequest request, int attempt);

    /** What the receiver does when the proposed name exists. */
    default OnCollision onCollision() {
        return OnCollision.RENAME;
    }

    /**
     * True when the policy names files after the sender's name, which only the framed protocol carries; such a
     * policy cannot be used for raw receiving.
     */
    default boolean needsOriginalName() {
        return false;
    }

    /**
     * True when the policy's names need the receiver's instance identity (a template with {@code {instance}}); such
     * a policy cannot be used by a receiver without one.
     */
    default boolean requiresInstance() {
        return false;
    }

    /**
     * Whether a file is stored under the sender's own relative path (before any collision handling): only then can
     * the receiver recognise a file it holds already and answer SKIP for an unchanged one (docs/PROTOCOL.md, SKIP).
     */
    default boolean keepsSendersPath() {
        return false;
    }

    /** A short description for logs and error messages, e.g. {@code counter(file_%d.pdf)}. */
    default String describe() {
        return getClass().getSimpleName();
    }
}
