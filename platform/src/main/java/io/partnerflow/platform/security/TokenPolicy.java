package io.partnerflow.platform.security;

import io.quarkus.arc.Unremovable;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.time.Clock;

/**
 * The part of the token policy SmallRye JWT does not enforce: a token's {@code iat} may not lie in the future beyond
 * the clock-skew allowance ({@code mp.jwt.verify.clock.skew}, seconds, default 60) — a token "issued" a year ahead
 * would otherwise be accepted for its whole lifetime. The lifetime bound itself ({@code exp − iat ≤
 * smallrye.jwt.time-to-live}, 24 h by default, see META-INF/microprofile-config.properties) is SmallRye's. Refusal is
 * an authentication failure: 401 problem+json. Always wall-clock time (UTC), never the adjustable business clock.
 */
@ApplicationScoped
@Unremovable // looked up by Quarkus Security through Instance<SecurityIdentityAugmentor>; never injected by name
public class TokenPolicy implements SecurityIdentityAugmentor {
    private final long skewSeconds;
    private final Clock wallClock;

    @Inject // two constructors: CDI needs to be told which one (without it, this class silently is no bean at all)
    public TokenPolicy(@ConfigProperty(name = "mp.jwt.verify.clock.skew", defaultValue = "60") long skewSeconds) {
        this(skewSeconds, Clock.systemUTC());
    }

    TokenPolicy(long skewSeconds, Clock wallClock) {
        this.skewSeconds = skewSeconds;
        this.wallClock = wallClock;
    }

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        String refusal = refusal(identity);
        return refusal == null ? Uni.createFrom().item(identity)
                : Uni.createFrom().failure(new AuthenticationFailedException(refusal));
    }

    /** Why the identity's token is refused, or null. */
    String refusal(SecurityIdentity identity) {
        if (identity == null || identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken jwt)) {
            return null;
        }
        long iat = jwt.getIssuedAtTime();
        long now = wallClock.instant().getEpochSecond();
        if (iat > now + skewSeconds) {
            return "the token's iat lies " + (iat - now) + " s in the future (allowed clock skew: " + skewSeconds + " s)";
        }
        return null;
    }
}
