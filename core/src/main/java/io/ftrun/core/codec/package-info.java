/** How bytes on a stream become messages and back: lines, length prefixes, chunks, raw; each {@link io.ftrun.core.codec.Codec} bounds what it reads. */
package io.ftrun.core.codec;
