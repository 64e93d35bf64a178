/** Helpers of the embedding API (line sinks, closure scripts). Not API. */
package io.ftrun.dsl.embed.internal;
