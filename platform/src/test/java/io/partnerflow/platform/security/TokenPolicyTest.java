package io.partnerflow.platform.security;

import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.jwt.auth.principal.DefaultJWTCallerPrincipal;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TokenPolicyTest {
    private static final Instant NOW = Instant.parse("2026-12-04T12:00:00Z");
    private final TokenPolicy policy = new TokenPolicy(60, Clock.fixed(NOW, ZoneOffset.UTC));

    private static QuarkusSecurityIdentity issuedAt(Instant iat) {
        JwtClaims claims = new JwtClaims();
        claims.setSubject("anna");
        claims.setIssuedAt(NumericDate.fromSeconds(iat.getEpochSecond()));
        claims.setExpirationTime(NumericDate.fromSeconds(iat.getEpochSecond() + 3600));
        return QuarkusSecurityIdentity.builder().setPrincipal(new DefaultJWTCallerPrincipal(claims)).build();
    }

    @Test
    void aTokenIssuedNowOrInThePastIsAccepted() {
        assertNull(policy.refusal(issuedAt(NOW)));
        assertNull(policy.refusal(issuedAt(NOW.minusSeconds(3000))));
    }

    @Test
    void aTokenIssuedWithinTheClockSkewAheadIsAccepted() {
        assertNull(policy.refusal(issuedAt(NOW.plusSeconds(60))));
    }

    @Test
    void aTokenIssuedBeyondTheSkewAheadIsRefused() {
        assertNotNull(policy.refusal(issuedAt(NOW.plusSeconds(61))));
        String why = policy.refusal(issuedAt(NOW.plusSeconds(365L * 24 * 3600)));
        assertTrue(why.contains("in the future"), why);
    }

    @Test
    void anAnonymousCallerIsNotTheTokenPolicysBusiness() {
        assertNull(policy.refusal(QuarkusSecurityIdentity.builder().setAnonymous(true).build()));
    }
}
