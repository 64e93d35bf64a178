package io.ftrun.core;

/**
 * Whether a server expects the PROXY protocol header (HAProxy's; also sent by nginx, Traefik, AWS NLB...) in front
 * of every connection, and which version. A load balancer that terminates the client's TCP connection sends it so
 * the server learns the real client address; with it on, {@link Connection#remoteAddress()}, events, logs,
 * naming and per-address limits all see the client, and {@link Connection#proxiedBy()} the balancer.
 *
 * <p>Opt-in per server: a server that expects the header refuses a connection without a valid one (closed, with a
 * {@code connection-refused} event). Never turn it on for a port that clients reach directly: any client could
 * then claim any address. Restrict who may send it with {@link ServerConfig.Builder#trustedProxies}.
 */
public enum ProxyProtocol {
    /** No header expected (the default): the socket's peer is the client. */
    OFF,
    /** The text header, {@code PROXY TCP4 <src> <dst> <sport> <dport>\r\n} (HAProxy {@code send-proxy}, nginx {@code proxy_protocol on}). */
    V1,
    /** The binary header with its 12-byte signature (HAProxy {@code send-proxy-v2}, AWS NLB). */
    V2,
    /** Either version, told apart by the first bytes. */
    ANY;

    /** True when this setting accepts a header of {@code version} (1 or 2). */
    public boolean accepts(int version) {
        return this == ANY || (this == V1 && version == 1) || (this == V2 && version == 2);
    }
}
