package io.partnerflow.platform.security;

import io.partnerflow.platform.problem.ProblemException;
import jakarta.enterprise.context.RequestScoped;
import jakarta.json.JsonString;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.util.Optional;
import java.util.Set;

/**
 * Who is calling, from the verified bearer token: subject (maker/checker identity), roles, and for a
 * partner user the partner they belong to. Partner scoping lives here so every service applies it alike.
 */
@RequestScoped
public class CurrentUser {
    private final JsonWebToken jwt;

    public CurrentUser(JsonWebToken jwt) {
        this.jwt = jwt;
    }

    public String subject() {
        return jwt.getSubject();
    }

    public Set<String> roles() {
        return jwt.getGroups() == null ? Set.of() : jwt.getGroups();
    }

    public boolean hasRole(String role) {
        return roles().contains(role);
    }

    /** Staff (admin, channel manager, finance) see all partners; a partner user only their own. */
    public boolean isStaff() {
        return hasRole(Roles.ADMIN) || hasRole(Roles.CHANNEL_MANAGER) || hasRole(Roles.FINANCE);
    }

    public Optional<String> partnerId() {
        Object claim = jwt.getClaim(Roles.PARTNER_ID_CLAIM);
        if (claim instanceof JsonString s) {
            return Optional.of(s.getString());
        }
        return claim == null ? Optional.empty() : Optional.of(claim.toString());
    }

    /**
     * Refuses access to another partner's data. Answers 404 (not 403) so a partner cannot even learn
     * whether another partner's resource exists.
     */
    public void requireAccessToPartner(String partnerId) {
        if (isStaff()) {
            return;
        }
        if (hasRole(Roles.PARTNER) && partnerId != null && partnerId().map(partnerId::equals).orElse(false)) {
            return;
        }
        throw ProblemException.notFound("no such resource");
    }
}
