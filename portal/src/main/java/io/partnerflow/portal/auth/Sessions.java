package io.partnerflow.portal.auth;

import io.partnerflow.portal.config.PortalConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.NewCookie;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Who is signed in. Locally: the token the sign-in page minted, kept in an HttpOnly, SameSite=Strict cookie and
 * verified with the dev key. Production ({@code partnerflow.portal.proxy-auth=true}): the bearer token an OIDC proxy in
 * front of the portal passes; its claims only choose pages, the services verify the token on every call.
 */
@ApplicationScoped
public class Sessions {
    public static final String COOKIE = "pf_session";

    private final PortalConfig config;
    private volatile DevKeys keys;

    public Sessions(PortalConfig config) {
        this.config = config;
    }

    public User current(HttpHeaders headers) {
        if (config.proxyAuth()) {
            String auth = headers.getHeaderString(HttpHeaders.AUTHORIZATION);
            if (auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
                return unverified(auth.substring(7).trim());
            }
        }
        if (!config.localSignIn()) {
            throw new NotSignedIn("no sign-in configured");
        }
        Cookie c = headers.getCookies().get(COOKIE);
        if (c == null || c.getValue() == null || c.getValue().isBlank()) {
            throw new NotSignedIn("not signed in");
        }
        return keys().verify(c.getValue());
    }

    public DevKeys keys() {
        if (keys == null) {
            try {
                keys = DevKeys.load(config.keysDir());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return keys;
    }

    public NewCookie cookie(String token) {
        return new NewCookie.Builder(COOKIE).value(token).path("/").httpOnly(true).sameSite(NewCookie.SameSite.STRICT)
                .maxAge((int) config.tokenTtl().toSeconds()).build();
    }

    public NewCookie cleared() {
        return new NewCookie.Builder(COOKIE).value("").path("/").httpOnly(true).sameSite(NewCookie.SameSite.STRICT).maxAge(0).build();
    }

    private static User unverified(String token) {
        JwtConsumer parse = new JwtConsumerBuilder().setSkipSignatureVerification().setSkipAllValidators()
                .setSkipDefaultAudienceValidation().build();
        try {
            return DevKeys.user(token, parse.processToClaims(token));
        } catch (InvalidJwtException e) {
            throw new NotSignedIn("the proxy's token is unreadable");
        }
    }
}
