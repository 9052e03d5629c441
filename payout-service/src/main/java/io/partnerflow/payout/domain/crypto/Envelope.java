package io.partnerflow.payout.domain.crypto;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Envelope encryption with the JDK only: every record gets a fresh random AES-256 data key; the record is sealed with
 * AES-256-GCM under that data key, and the data key is wrapped (AES-256-GCM) by a key-encryption key (KEK) from
 * configuration. The sealed text names the KEK's id, so keys rotate without downtime: new seals use the current KEK,
 * old ones still open with theirs, and {@link #rewrap} moves a record to the current KEK without touching (or ever
 * seeing) its plaintext. The record's context (e.g. the partner id) is bound as additional authenticated data, so a
 * sealed value copied onto another partner does not open. Pure: no I/O; the ring is handed in.
 *
 * <p>Format: {@code pf1.<kekId>.<base64url(iv ‖ wrapped data key)>.<base64url(iv ‖ ciphertext)>}.
 */
public final class Envelope {
    private static final String PREFIX = "pf1";
    private static final int IV = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder D64 = Base64.getUrlDecoder();

    private Envelope() {
    }

    /** The key-encryption keys by id, and the id new seals use. A key is 32 bytes (AES-256). */
    public record KeyRing(String currentId, Map<String, SecretKey> keys) {
        public KeyRing {
            Objects.requireNonNull(currentId, "currentId");
            keys = Map.copyOf(keys);
            if (!keys.containsKey(currentId)) {
                throw new IllegalArgumentException("the current key-encryption key '" + currentId + "' is not configured");
            }
            for (Map.Entry<String, SecretKey> e : keys.entrySet()) {
                if (!e.getKey().matches("[A-Za-z0-9_-]{1,40}")) {
                    throw new IllegalArgumentException("key id '" + e.getKey() + "': letters, digits, - and _ (1-40)");
                }
                if (e.getValue().getEncoded().length != 32) {
                    throw new IllegalArgumentException("key '" + e.getKey() + "' must be 32 bytes (AES-256)");
                }
            }
        }

        /** Keys given as base64 text (what a Kubernetes Secret / configuration holds). */
        public static KeyRing ofBase64(String currentId, Map<String, String> base64Keys) {
            Map<String, SecretKey> keys = new LinkedHashMap<>();
            base64Keys.forEach((id, b64) -> {
                byte[] raw;
                try {
                    raw = Base64.getDecoder().decode(b64.strip());
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("key '" + id + "' is not base64");
                }
                keys.put(id, new SecretKeySpec(raw, "AES"));
            });
            return new KeyRing(currentId, keys);
        }

        SecretKey key(String id) {
            SecretKey k = keys.get(id);
            if (k == null) {
                throw new IllegalStateException("sealed with key-encryption key '" + id + "', which is not configured");
            }
            return k;
        }

        @Override
        public String toString() {
            return "KeyRing[current=" + currentId + ", ids=" + keys.keySet() + "]"; // never the key bytes
        }
    }

    /** Seals {@code plaintext} for {@code context} under a fresh data key wrapped by the ring's current key. */
    public static String seal(KeyRing ring, String context, String plaintext) {
        try {
            byte[] dataKey = new byte[32];
            RANDOM.nextBytes(dataKey);
            byte[] body = gcm(Cipher.ENCRYPT_MODE, new SecretKeySpec(dataKey, "AES"), null, aad(context),
                    plaintext.getBytes(StandardCharsets.UTF_8));
            String wrapped = wrap(ring, ring.currentId(), dataKey);
            java.util.Arrays.fill(dataKey, (byte) 0);
            return String.join(".", PREFIX, ring.currentId(), wrapped, B64.encodeToString(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("sealing failed", e);
        }
    }

    /** Opens a sealed value; fails (never returns garbage) on a wrong key, a wrong context or any tampering. */
    public static String open(KeyRing ring, String context, String sealed) {
        String[] p = parts(sealed);
        try {
            byte[] dataKey = unwrap(ring, p[1], p[2]);
            byte[] plain = gcm(Cipher.DECRYPT_MODE, new SecretKeySpec(dataKey, "AES"), D64.decode(p[3]), aad(context), null);
            java.util.Arrays.fill(dataKey, (byte) 0);
            return new String(plain, StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("the sealed value does not open (wrong key, context or tampered)");
        }
    }

    /** The id of the key-encryption key a value is sealed with. */
    public static String keyId(String sealed) {
        return parts(sealed)[1];
    }

    /** The same value re-wrapped by the ring's current key: the data key moves, the ciphertext stays as it is. */
    public static String rewrap(KeyRing ring, String sealed) {
        String[] p = parts(sealed);
        if (p[1].equals(ring.currentId())) {
            return sealed;
        }
        try {
            byte[] dataKey = unwrap(ring, p[1], p[2]);
            String wrapped = wrap(ring, ring.currentId(), dataKey);
            java.util.Arrays.fill(dataKey, (byte) 0);
            return String.join(".", PREFIX, ring.currentId(), wrapped, p[3]);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("the data key does not unwrap (wrong key or tampered)");
        }
    }

    /**
     * A keyed fingerprint (HMAC-SHA256, hex) of a value: equal values → equal fingerprints, without the value being
     * recoverable; used to notice that bank details changed without decrypting the old ones.
     */
    public static String fingerprint(SecretKey key, String value) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getEncoded(), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(value.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("fingerprint failed", e);
        }
    }

    private static String wrap(KeyRing ring, String kekId, byte[] dataKey) throws GeneralSecurityException {
        return B64.encodeToString(gcm(Cipher.ENCRYPT_MODE, ring.key(kekId), null, aad("kek:" + kekId), dataKey));
    }

    private static byte[] unwrap(KeyRing ring, String kekId, String wrapped) throws GeneralSecurityException {
        return gcm(Cipher.DECRYPT_MODE, ring.key(kekId), D64.decode(wrapped), aad("kek:" + kekId), null);
    }

    /** Encrypt: returns iv ‖ ciphertext+tag of {@code plain}. Decrypt: {@code ivAndCipher} → plaintext. */
    private static byte[] gcm(int mode, SecretKey key, byte[] ivAndCipher, byte[] aad, byte[] plain) throws GeneralSecurityException {
        Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
        if (mode == Cipher.ENCRYPT_MODE) {
            byte[] iv = new byte[IV];
            RANDOM.nextBytes(iv);
            c.init(mode, key, new GCMParameterSpec(TAG_BITS, iv));
            c.updateAAD(aad);
            byte[] ct = c.doFinal(plain);
            byte[] out = new byte[IV + ct.length];
            System.arraycopy(iv, 0, out, 0, IV);
            System.arraycopy(ct, 0, out, IV, ct.length);
            return out;
        }
        if (ivAndCipher.length < IV + TAG_BITS / 8) {
            throw new GeneralSecurityException("too short");
        }
        c.init(mode, key, new GCMParameterSpec(TAG_BITS, ivAndCipher, 0, IV));
        c.updateAAD(aad);
        return c.doFinal(ivAndCipher, IV, ivAndCipher.length - IV);
    }

    private static byte[] aad(String context) {
        return ("partnerflow.envelope.v1|" + context).getBytes(StandardCharsets.UTF_8);
    }

    private static String[] parts(String sealed) {
        String[] p = sealed == null ? new String[0] : sealed.split("\\.", -1);
        if (p.length != 4 || !PREFIX.equals(p[0])) {
            throw new IllegalStateException("not a sealed value");
        }
        return p;
    }
}
