/** Helpers of the embedding API (closure scripts, the calling file). Not API. */
package io.ftrun.dsl.embed.internal;
