/** What the engine tells its listeners ({@link io.ftrun.core.event.Events}), as typed records with stable JSON field names, and {@link io.ftrun.core.event.Sanitize}, which escapes whatever a peer controls before it reaches a log. */
package io.ftrun.core.event;
