package io.ftrun.core.health;

import io.ftrun.core.security.AddressFilter;
import io.ftrun.core.security.Secrets;

import java.net.InetAddress;
import java.util.List;

/**
 * Who may start a drain through {@code POST /drain}: a drain takes a receiver out of service, so by default only
 * this machine may ask ({@link #LOCAL}). An operator who drains from elsewhere lists those addresses, and may also
 * require a bearer token ({@code Authorization: Bearer <token>}), which is compared in constant time.
 */
public final class DrainAccess {
    /** Loopback only, no token: what a health port gets unless its script says otherwise. */
    public static final DrainAccess LOCAL = new DrainAccess(AddressFilter.of(List.of("127.0.0.0/8", "::1"), List.of()), null);

    private final AddressFilter from;
    private final String token;

    private DrainAccess(AddressFilter from, String token) {
        this.from = from;
        this.token = token;
    }

    /**
     * @param from  addresses or CIDR ranges that may drain; an empty list keeps the loopback default
     * @param token the bearer token a drain request must carry, or null for none
     */
    public static DrainAccess of(List<String> from, String token) {
        if (token != null && token.isBlank()) throw new IllegalArgumentException("the drain token is empty");
        AddressFilter filter = from.isEmpty() ? LOCAL.from : AddressFilter.of(from, List.of());
        return new DrainAccess(filter, token);
    }

    /** The answer to a drain request, or {@link Decision#ALLOWED}. */
    public Decision decide(InetAddress peer, String authorization) {
        if (!from.permits(peer)) return Decision.FORBIDDEN;
        if (token == null) return Decision.ALLOWED;
        String given = authorization == null ? "" : authorization.trim();
        if (!given.regionMatches(true, 0, "Bearer ", 0, 7)) return Decision.UNAUTHORIZED;
        // the receiver's token check: both sides hashed, so not even the guess's length shows in the timing
        return Secrets.matches(token, given.substring(7).trim()) ? Decision.ALLOWED : Decision.UNAUTHORIZED;
    }

    public List<String> allowedFrom() {
        return from.allowed();
    }

    public boolean needsToken() {
        return token != null;
    }

    /** What {@link #decide} says: go ahead, 403 (not from an allowed address), or 401 (no or a wrong token). */
    public enum Decision { ALLOWED, FORBIDDEN, UNAUTHORIZED }

    @Override
    public String toString() {
        return "drain from " + allowedFrom() + (token == null ? "" : " with a token");
    }
}
