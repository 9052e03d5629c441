package io.partnerflow.deal.domain.signature;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * Standard Webhooks (https://www.standardwebhooks.com) verification: {@code webhook-signature} holds one or more
 * space-separated {@code v1,<base64 HMAC-SHA256>} over {@code <webhook-id>.<webhook-timestamp>.<body>}, keyed with
 * the base64 secret after {@code whsec_}. Several signatures (and several configured secrets) let senders rotate
 * secrets without downtime. Timestamps further than the tolerance from now, in either direction, are refused.
 */
public final class StandardWebhooks {
    private StandardWebhooks() {
    }

    /** A configured secret and the name reported as {@code keyId} when it verifies. */
    public record Secret(String keyId, String value) {
        byte[] key() {
            String v = value.trim();
            if (v.startsWith("whsec_")) {
                v = v.substring("whsec_".length());
            }
            try {
                return Base64.getDecoder().decode(v);
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException("webhook secret " + keyId + " is not whsec_<base64>");
            }
        }
    }

    /** Returns the secret that verified; throws {@link SignatureException} otherwise. */
    public static Secret verify(String id, String timestamp, String signatureHeader, byte[] body,
                                List<Secret> secrets, Instant now, Duration tolerance) {
        if (id == null || id.isBlank() || timestamp == null || signatureHeader == null || signatureHeader.isBlank()) {
            throw new SignatureException("webhook-id, webhook-timestamp and webhook-signature headers are required");
        }
        Instant signedAt = timestamp(timestamp);
        if (Duration.between(signedAt, now).abs().compareTo(tolerance) > 0) {
            throw new SignatureException("webhook-timestamp is outside the " + tolerance.toMinutes() + "-minute tolerance");
        }
        byte[] prefix = (id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8);
        byte[] signed = new byte[prefix.length + body.length];
        System.arraycopy(prefix, 0, signed, 0, prefix.length);
        System.arraycopy(body, 0, signed, prefix.length, body.length);
        for (Secret s : secrets) {
            byte[] expected = Hmac.sha256(s.key(), signed);
            for (String part : signatureHeader.trim().split("\\s+")) {
                int comma = part.indexOf(',');
                if (comma < 0 || !part.substring(0, comma).equals("v1")) {
                    continue;
                }
                Optional<byte[]> given = decode(part.substring(comma + 1));
                if (given.isPresent() && Hmac.equal(expected, given.get())) {
                    return s;
                }
            }
        }
        throw new SignatureException("no webhook-signature matches a configured secret");
    }

    public static Instant timestamp(String timestamp) {
        try {
            return Instant.ofEpochSecond(Long.parseLong(timestamp.trim()));
        } catch (RuntimeException e) {
            throw new SignatureException("webhook-timestamp is not a Unix timestamp in seconds");
        }
    }

    /** The header value a sender computes: {@code v1,<base64>} (used by tests and docs). */
    public static String sign(String secret, String id, long timestamp, byte[] body) {
        byte[] prefix = (id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8);
        byte[] signed = new byte[prefix.length + body.length];
        System.arraycopy(prefix, 0, signed, 0, prefix.length);
        System.arraycopy(body, 0, signed, prefix.length, body.length);
        return "v1," + Base64.getEncoder().encodeToString(Hmac.sha256(new Secret("x", secret).key(), signed));
    }

    private static Optional<byte[]> decode(String b64) {
        try {
            return Optional.of(Base64.getDecoder().decode(b64));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
