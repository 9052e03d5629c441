package io.partnerflow.infra.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;

/** A small JSON-over-HTTP client for the demo: bearer tokens per call, signed generic CRM webhooks. */
public final class DemoClient {
    public static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Map<String, String> urls;
    /** The platform's (demo-moved) time minus real time: webhook timestamps must match the services' clocks. */
    private volatile Duration clockOffset = Duration.ZERO;

    /** @param urls service name ({@code partner}, {@code deal}…) → base URL */
    public DemoClient(Map<String, String> urls) {
        this.urls = Map.copyOf(urls);
    }

    public record Reply(int status, JsonNode body, String raw) {
        public boolean ok() {
            return status >= 200 && status < 300;
        }

        public Reply expectOk(String what) {
            if (!ok()) {
                throw new IllegalStateException(what + " failed: HTTP " + status + " " + raw);
            }
            return this;
        }
    }

    public Reply get(String service, String path, String bearer) {
        return send(HttpRequest.newBuilder(uri(service, path)).GET(), bearer, null);
    }

    public String getText(String service, String path, String bearer) {
        return get(service, path, bearer).expectOk("GET " + path).raw();
    }

    public Reply post(String service, String path, String bearer, Object body) {
        return send(HttpRequest.newBuilder(uri(service, path)), bearer, body == null ? "" : write(body), "POST", Map.of());
    }

    public Reply post(String service, String path, String bearer, Object body, Map<String, String> headers) {
        return send(HttpRequest.newBuilder(uri(service, path)), bearer, body == null ? "" : write(body), "POST", headers);
    }

    public Reply put(String service, String path, String bearer, Object body) {
        return send(HttpRequest.newBuilder(uri(service, path)), bearer, write(body), "PUT", Map.of());
    }

    public void clockOffset(Duration offset) {
        this.clockOffset = offset;
    }

    /** POSTs a generic-format CRM delivery signed per Standard Webhooks with {@code whsec_} secret. */
    public Reply webhook(String deliveryId, String secret, String body) {
        long ts = Instant.now().plus(clockOffset).getEpochSecond();
        String sig = sign(secret, deliveryId + "." + ts + "." + body);
        HttpRequest.Builder b = HttpRequest.newBuilder(uri("deal", "/webhooks/crm/generic"))
                .header("webhook-id", deliveryId).header("webhook-timestamp", Long.toString(ts))
                .header("webhook-signature", "v1," + sig);
        return send(b, null, body, "POST", Map.of());
    }

    /** Standard Webhooks v1 signature: base64(HMAC-SHA256(base64-decoded secret, content)). */
    public static String sign(String secret, String content) {
        try {
            byte[] key = Base64.getDecoder().decode(secret.substring("whsec_".length()));
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return Base64.getEncoder().encodeToString(mac.doFinal(content.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String write(Object body) {
        if (body instanceof String s) {
            return s;
        }
        try {
            return JSON.writeValueAsString(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private URI uri(String service, String path) {
        String base = urls.get(service);
        if (base == null) {
            throw new IllegalArgumentException("unknown service " + service);
        }
        return URI.create(base + path);
    }

    private Reply send(HttpRequest.Builder b, String bearer, String body) {
        return send(b, bearer, body, "GET", Map.of());
    }

    private Reply send(HttpRequest.Builder b, String bearer, String body, String method, Map<String, String> headers) {
        b.timeout(Duration.ofSeconds(60));
        if (bearer != null) {
            b.header("Authorization", "Bearer " + bearer);
        }
        headers.forEach(b::header);
        if (!"GET".equals(method)) {
            b.header("Content-Type", "application/json");
            b.method(method, HttpRequest.BodyPublishers.ofString(body == null ? "" : body));
        }
        IOException last = null;
        for (int attempt = 0; attempt < 5; attempt++) {
            try {
                HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 503 && attempt < 4) {
                    sleep(500L * (attempt + 1));
                    continue;
                }
                JsonNode node = null;
                String raw = r.body();
                if (raw != null && !raw.isBlank() && (raw.startsWith("{") || raw.startsWith("["))) {
                    try {
                        node = JSON.readTree(raw);
                    } catch (IOException ignored) {
                        // not JSON: keep raw
                    }
                }
                return new Reply(r.statusCode(), node, raw);
            } catch (java.net.http.HttpTimeoutException e) {
                throw new UncheckedIOException("no answer within 60 s: " + b.build().uri(), e); // never resend blindly
            } catch (IOException e) {
                last = e; // not connected: nothing was sent, retrying is safe
                sleep(500L * (attempt + 1));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
        throw new UncheckedIOException(last);
    }

    public static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
