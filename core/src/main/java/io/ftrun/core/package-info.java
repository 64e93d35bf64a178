/** The engine's API: {@link io.ftrun.core.Server} and {@link io.ftrun.core.Client}, their configs and the {@link io.ftrun.core.ConnectionOptions} both share, {@link io.ftrun.core.Connection}, {@link io.ftrun.core.Handler}, concurrency and limits. Plain Java, no Groovy. */
package io.ftrun.core;
