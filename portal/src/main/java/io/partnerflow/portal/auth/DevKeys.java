package io.partnerflow.portal.auth;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The run command's dev key pair (local sign-in only): mints tokens exactly like {@code partnerflow-infra.jar token}
 * (issuer, groups, partner_id) and verifies the session cookie's token.
 */
public final class DevKeys {
    public static final String ISSUER = "https://partnerflow.local/dev";

    private final PrivateKey privateKey;
    private final JwtConsumer consumer;

    private DevKeys(PrivateKey privateKey, PublicKey publicKey) {
        this.privateKey = privateKey;
        this.consumer = new JwtConsumerBuilder().setVerificationKey(publicKey).setExpectedIssuer(ISSUER)
                .setRequireExpirationTime().setRequireSubject().setAllowedClockSkewInSeconds(30).build();
    }

    public static DevKeys load(Path dir) throws IOException {
        try {
            KeyFactory rsa = KeyFactory.getInstance("RSA");
            PrivateKey priv = rsa.generatePrivate(new PKCS8EncodedKeySpec(der(dir.resolve("jwt-private.pem"))));
            PublicKey pub = rsa.generatePublic(new X509EncodedKeySpec(der(dir.resolve("jwt-public.pem"))));
            return new DevKeys(priv, pub);
        } catch (java.security.GeneralSecurityException e) {
            throw new IOException("unreadable dev keys in " + dir, e);
        }
    }

    public String mint(String subject, Set<String> roles, String partnerId, Duration ttl) {
        JwtClaimsBuilder b = Jwt.issuer(ISSUER).subject(subject).upn(subject).groups(roles).expiresIn(ttl.toSeconds());
        if (partnerId != null) {
            b.claim("partner_id", partnerId);
        }
        return b.sign(privateKey);
    }

    /** The user a token names, if its signature, issuer and expiry hold. */
    public User verify(String token) {
        try {
            return user(token, consumer.processToClaims(token));
        } catch (InvalidJwtException e) {
            throw new NotSignedIn("the session token is invalid or expired");
        }
    }

    static User user(String token, JwtClaims claims) {
        try {
            Set<String> roles = new HashSet<>();
            Object groups = claims.getClaimValue("groups");
            if (groups instanceof List<?> l) {
                l.forEach(g -> roles.add(String.valueOf(g)));
            } else if (groups instanceof String s) {
                roles.add(s);
            }
            return new User(token, claims.getSubject(), Set.copyOf(roles), claims.getClaimValueAsString("partner_id"));
        } catch (org.jose4j.jwt.MalformedClaimException e) {
            throw new NotSignedIn("the session token has malformed claims");
        }
    }

    private static byte[] der(Path pem) throws IOException {
        return Base64.getDecoder().decode(Files.readString(pem).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", ""));
    }
}
