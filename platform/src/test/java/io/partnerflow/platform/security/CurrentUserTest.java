package io.partnerflow.platform.security;

import io.partnerflow.platform.problem.ProblemException;
import io.smallrye.jwt.auth.principal.DefaultJWTCallerPrincipal;
import org.jose4j.jwt.JwtClaims;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Partner scoping on a real MicroProfile JWT principal (the type the services get). */
class CurrentUserTest {
    private static final String A = "6f1c2a4e-0b7d-4c1e-9a51-3d2f8e7b6a10";
    private static final String B = "0d9e8f7a-6b5c-4d3e-8f2a-1b0c9d8e7f6a";

    @Test
    void aPartnerUserReachesOnlyTheirOwnPartnerAndOthersLookAbsent() {
        CurrentUser user = user(List.of(Roles.PARTNER), A);
        assertEquals(A, user.partnerId().orElseThrow());
        assertFalse(user.isStaff());
        assertDoesNotThrow(() -> user.requireAccessToPartner(A));
        ProblemException e = assertThrows(ProblemException.class, () -> user.requireAccessToPartner(B));
        assertEquals(404, e.status());
        assertThrows(ProblemException.class, () -> user.requireAccessToPartner(null));
    }

    @Test
    void staffReachEveryPartner() {
        for (String role : List.of(Roles.ADMIN, Roles.CHANNEL_MANAGER, Roles.FINANCE)) {
            CurrentUser user = user(List.of(role), null);
            assertTrue(user.isStaff(), role);
            assertDoesNotThrow(() -> user.requireAccessToPartner(B));
        }
    }

    @Test
    void aTokenWithoutRolesOrPartnerClaimReachesNothing() {
        CurrentUser user = user(List.of(), null);
        assertThrows(ProblemException.class, () -> user.requireAccessToPartner(A));
        CurrentUser partnerWithoutClaim = user(List.of(Roles.PARTNER), null);
        assertThrows(ProblemException.class, () -> partnerWithoutClaim.requireAccessToPartner(A));
    }

    private static CurrentUser user(List<String> groups, String partnerId) {
        JwtClaims claims = new JwtClaims();
        claims.setSubject("someone");
        claims.setStringListClaim("groups", groups);
        if (partnerId != null) {
            claims.setStringClaim(Roles.PARTNER_ID_CLAIM, partnerId);
        }
        return new CurrentUser(new DefaultJWTCallerPrincipal(claims));
    }
}
