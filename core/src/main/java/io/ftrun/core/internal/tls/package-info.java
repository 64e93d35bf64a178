/** The TLS layer over a socket channel: handshake, wrapping and unwrapping, certificate and pin checks. Not API. */
package io.ftrun.core.internal.tls;
