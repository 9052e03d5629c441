package io.partnerflow.infra;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.util.Base64;
import java.util.Set;

/**
 * Dev/test signing keys and tokens. A key pair is generated once into a (git-ignored) folder; services
 * verify tokens with the public key ({@code mp.jwt.verify.publickey.location}); local users and tests
 * mint tokens with the private key. Production verifies against the identity provider's keys instead.
 */
public final class DevTokens {
    public static final String ISSUER = "https://partnerflow.local/dev";
    public static final String PUBLIC_KEY_FILE = "jwt-public.pem";
    public static final String PRIVATE_KEY_FILE = "jwt-private.pem";

    private final PrivateKey privateKey;

    private DevTokens(PrivateKey privateKey) {
        this.privateKey = privateKey;
    }

    /** Loads the key pair in {@code dir}, generating it first if it is not there. */
    public static synchronized DevTokens ensureKeys(Path dir) throws IOException {
        Path priv = dir.resolve(PRIVATE_KEY_FILE);
        Path pub = dir.resolve(PUBLIC_KEY_FILE);
        if (!Files.exists(priv) || !Files.exists(pub)) {
            Files.createDirectories(dir);
            KeyPair kp;
            try {
                KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
                g.initialize(2048);
                kp = g.generateKeyPair();
            } catch (java.security.NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
            Files.writeString(pub, pem("PUBLIC KEY", kp.getPublic().getEncoded()));
            Files.writeString(priv, pem("PRIVATE KEY", kp.getPrivate().getEncoded()));
        }
        return new DevTokens(readPrivateKey(priv));
    }

    public static Path publicKey(Path dir) {
        return dir.resolve(PUBLIC_KEY_FILE).toAbsolutePath();
    }

    /**
     * A signed RS256 token. Roles go to {@code groups} (MicroProfile JWT); a partner user's token
     * carries {@code partner_id}.
     */
    public String mint(String subject, Set<String> roles, String partnerId, Duration ttl) {
        JwtClaimsBuilder b = Jwt.issuer(ISSUER).subject(subject).upn(subject).groups(roles)
                .expiresIn(ttl.toSeconds());
        if (partnerId != null) {
            b.claim("partner_id", partnerId);
        }
        return b.sign(privateKey);
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[]{'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    private static PrivateKey readPrivateKey(Path file) throws IOException {
        String body = Files.readString(file).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        try {
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(body)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IOException("unreadable private key " + file, e);
        }
    }
}
