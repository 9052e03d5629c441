package io.partnerflow.platform.security;

import io.partnerflow.platform.problem.ProblemException;
import jakarta.enterprise.context.RequestScoped;
import jakarta.json.JsonString;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.text.Normalizer;
import java.util.Locale;
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

    /**
     * The canonical identity of the caller: issuer + subject, each normalised ({@link #canonical(String)}). Every
     * maker-checker / four-eyes comparison uses this, never the raw subject: {@code sec-fin1} and {@code SEC-FIN1}
     * (or a full-width / zero-width variant) from the same issuer are ONE person.
     */
    public String identity() {
        return identity(jwt.getIssuer(), jwt.getSubject());
    }

    /**
     * {@code <issuer length>:<issuer>|<subject>}, both canonical; the length prefix keeps the pair unambiguous. An
     * identity longer than 500 characters is stored as {@code sha256:<hex>} of that string (same person, same value).
     */
    public static String identity(String issuer, String subject) {
        String iss = canonical(issuer);
        while (iss.endsWith("/")) {
            iss = iss.substring(0, iss.length() - 1);
        }
        String id = iss.length() + ":" + iss + "|" + canonical(subject);
        if (id.length() <= 500) {
            return id;
        }
        try {
            byte[] d = java.security.MessageDigest.getInstance("SHA-256").digest(id.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return "sha256:" + java.util.HexFormat.of().formatHex(d);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Unicode NFKC, invisible format characters (zero-width space/joiner, soft hyphen, BOM…) removed, full case fold
     * (upper then lower case in the root locale, so {@code ß}, {@code ſ} and the Kelvin sign fold like their plain
     * letters), NFKC again, surrounding white space trimmed. {@code null} → the empty string.
     */
    public static String canonical(String s) {
        if (s == null) {
            return "";
        }
        String n = Normalizer.normalize(s, Normalizer.Form.NFKC).replaceAll("\\p{Cf}", "");
        n = n.toUpperCase(Locale.ROOT).toLowerCase(Locale.ROOT);
        return Normalizer.normalize(n, Normalizer.Form.NFKC).strip();
    }

    /** Whether the caller is the person behind {@code storedIdentity} (written by {@link #identity()}). */
    public boolean isSamePersonAs(String storedIdentity) {
        return storedIdentity != null && identity().equals(storedIdentity);
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
