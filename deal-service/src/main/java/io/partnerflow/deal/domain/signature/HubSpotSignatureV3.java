package io.partnerflow.deal.domain.signature;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

/**
 * HubSpot's v3 request signature: {@code X-HubSpot-Signature-v3} = base64(HMAC-SHA256(client secret,
 * method + URI + body + timestamp)), with {@code X-HubSpot-Request-Timestamp} in epoch milliseconds; requests
 * older (or newer) than the tolerance are refused. The URI is the full URL HubSpot called.
 */
public final class HubSpotSignatureV3 {
    private HubSpotSignatureV3() {
    }

    public static StandardWebhooks.Secret verify(String method, String uri, byte[] body, String timestamp,
                                                 String signature, List<StandardWebhooks.Secret> clientSecrets,
                                                 Instant now, Duration tolerance) {
        if (signature == null || signature.isBlank() || timestamp == null || timestamp.isBlank()) {
            throw new SignatureException("X-HubSpot-Signature-v3 and X-HubSpot-Request-Timestamp are required");
        }
        Instant signedAt;
        try {
            signedAt = Instant.ofEpochMilli(Long.parseLong(timestamp.trim()));
        } catch (NumberFormatException e) {
            throw new SignatureException("X-HubSpot-Request-Timestamp is not epoch milliseconds");
        }
        if (Duration.between(signedAt, now).abs().compareTo(tolerance) > 0) {
            throw new SignatureException("X-HubSpot-Request-Timestamp is outside the " + tolerance.toMinutes()
                    + "-minute tolerance");
        }
        byte[] given;
        try {
            given = Base64.getDecoder().decode(signature.trim());
        } catch (IllegalArgumentException e) {
            throw new SignatureException("X-HubSpot-Signature-v3 is not base64");
        }
        for (StandardWebhooks.Secret s : clientSecrets) {
            if (Hmac.equal(Hmac.sha256(s.value().getBytes(StandardCharsets.UTF_8), message(method, uri, body, timestamp)), given)) {
                return s;
            }
        }
        throw new SignatureException("X-HubSpot-Signature-v3 does not match a configured client secret");
    }

    public static String sign(String clientSecret, String method, String uri, byte[] body, String timestamp) {
        return Base64.getEncoder().encodeToString(Hmac.sha256(clientSecret.getBytes(StandardCharsets.UTF_8),
                message(method, uri, body, timestamp)));
    }

    private static byte[] message(String method, String uri, byte[] body, String timestamp) {
        byte[] head = (method + uri).getBytes(StandardCharsets.UTF_8);
        byte[] tail = timestamp.trim().getBytes(StandardCharsets.UTF_8);
        byte[] m = new byte[head.length + body.length + tail.length];
        System.arraycopy(head, 0, m, 0, head.length);
        System.arraycopy(body, 0, m, head.length, body.length);
        System.arraycopy(tail, 0, m, head.length + body.length, tail.length);
        return m;
    }
}
