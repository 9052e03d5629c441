package io.partnerflow.portal.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.partnerflow.portal.config.PortalConfig;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Map;

/**
 * Calls the services' REST APIs with the signed-in user's token (never a token of its own, so the portal cannot see
 * more than the user may). Every call has a connect and a request timeout. A 4xx/5xx becomes a {@link ServiceError}
 * carrying the service's problem+json {@code detail}.
 */
@ApplicationScoped
public class Services {
    private final PortalConfig config;
    private final ObjectMapper json;
    private final HttpClient http;

    public Services(PortalConfig config, ObjectMapper json) {
        this.config = config;
        this.json = json;
        this.http = HttpClient.newBuilder().connectTimeout(config.timeout()).version(HttpClient.Version.HTTP_1_1).build();
    }

    public JsonNode get(String service, String path, String token) {
        return parse(service, send(service, request(service, path, token).GET(), token));
    }

    public JsonNode post(String service, String path, String token, Object body, Map<String, String> headers) {
        HttpRequest.Builder b = request(service, path, token).header("Content-Type", "application/json");
        headers.forEach(b::header);
        try {
            b.POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return parse(service, send(service, b, token));
    }

    /** A file (CSV…) as the service serves it, for the portal to pass on. */
    public HttpResponse<byte[]> file(String service, String path, String token) {
        HttpRequest req = request(service, path, token).setHeader("Accept", "text/csv, */*").GET().build();
        HttpResponse<byte[]> r = exchange(service, req, HttpResponse.BodyHandlers.ofByteArray());
        if (r.statusCode() >= 400) {
            throw error(service, r.statusCode(), new String(r.body(), java.nio.charset.StandardCharsets.UTF_8));
        }
        return r;
    }

    /** A streamed answer (server-sent events), line by line, as it arrives; the caller closes the stream. */
    public java.util.stream.Stream<String> lines(String service, String path, String token) {
        HttpRequest req = request(service, path, token).setHeader("Accept", "text/event-stream").GET().build();
        HttpResponse<java.util.stream.Stream<String>> r = exchange(service, req, HttpResponse.BodyHandlers.ofLines());
        if (r.statusCode() >= 400) {
            try (java.util.stream.Stream<String> body = r.body()) {
                throw error(service, r.statusCode(), String.join("\n", body.toList()));
            }
        }
        return r.body();
    }

    private HttpRequest.Builder request(String service, String path, String token) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl(service) + path)).timeout(config.timeout())
                .header("Accept", "application/json");
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return b;
    }

    private String send(String service, HttpRequest.Builder b, String token) {
        HttpResponse<String> r = exchange(service, b.build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() >= 400) {
            throw error(service, r.statusCode(), r.body());
        }
        return r.body();
    }

    private <T> HttpResponse<T> exchange(String service, HttpRequest req, HttpResponse.BodyHandler<T> handler) {
        try {
            return http.send(req, handler);
        } catch (HttpTimeoutException e) {
            throw new ServiceError(service, 504, "Gateway Timeout", service + "-service did not answer within " + config.timeout().toMillis() + " ms");
        } catch (IOException e) {
            throw new ServiceError(service, 502, "Bad Gateway", service + "-service is not reachable");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServiceError(service, 503, "Service Unavailable", "interrupted");
        }
    }

    private JsonNode parse(String service, String body) {
        try {
            return body == null || body.isBlank() ? json.nullNode() : json.readTree(body);
        } catch (IOException e) {
            throw new ServiceError(service, 502, "Bad Gateway", service + "-service sent an unreadable answer");
        }
    }

    /** The problem+json detail (or title) of an error answer; the status text if there is none. */
    ServiceError error(String service, int status, String body) {
        String title = null;
        String detail = null;
        try {
            JsonNode p = json.readTree(body);
            title = p.path("title").asText(null);
            detail = p.path("detail").asText(null);
        } catch (IOException | RuntimeException ignored) {
            // not JSON: fall back to the status
        }
        if (detail == null || detail.isBlank()) {
            detail = title != null ? title : switch (status) {
                case 401 -> "not signed in (or the sign-in expired)";
                case 403 -> "not allowed";
                case 404 -> "not found";
                default -> "the request failed";
            };
        }
        return new ServiceError(service, status, title == null ? "HTTP " + status : title, detail);
    }

    private String baseUrl(String service) {
        PortalConfig.Services s = config.services();
        String url = switch (service) {
            case "partner" -> s.partner();
            case "deal" -> s.deal();
            case "attribution" -> s.attribution();
            case "incentive" -> s.incentive();
            case "payout" -> s.payout();
            case "analytics" -> s.analytics();
            default -> throw new IllegalArgumentException("unknown service " + service);
        };
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    public Duration timeout() {
        return config.timeout();
    }
}
