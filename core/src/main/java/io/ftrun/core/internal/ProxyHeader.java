package io.ftrun.core.internal;

import java.net.InetSocketAddress;

/**
 * A PROXY protocol header as received from a load balancer.
 *
 * @param version     1 (text) or 2 (binary)
 * @param source      the client's address, or null when the header carries none (v1 {@code UNKNOWN}, v2
 *                    {@code LOCAL} such as the balancer's own health checks, or an unspecified or UNIX family):
 *                    then the socket's own addresses stand, as the specification requires
 * @param destination the address the client connected to on the balancer, or null likewise
 */
public record ProxyHeader(int version, InetSocketAddress source, InetSocketAddress destination) {
}
