package io.partnerflow.analytics;

import io.partnerflow.contracts.EventType;
import io.partnerflow.testing.TestSupport;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static io.partnerflow.analytics.Events.Credit;
import static io.partnerflow.analytics.Events.awaitApplied;
import static io.partnerflow.analytics.Events.count;
import static io.partnerflow.analytics.Events.partnerUser;
import static io.partnerflow.analytics.Events.send;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Saved dashboards (#17) against real PostgreSQL and Kafka, in the same boot as the other analytics tests: validation
 * writes nothing, only the owner sees a dashboard, figures exact for a known history (partner users over their own
 * data only), and the SSE stream pushes a changed figure seconds after an event is produced to Kafka.
 */
@QuarkusTest
class DashboardTest {

    static RequestSpecification staff(String subject) {
        return given().header("Authorization", TestSupport.bearer(subject, "channel-manager")).contentType(ContentType.JSON);
    }

    static Map<String, Object> widget(String title, String metric, String dimension, Map<String, String> filters,
                                      String period, String chart) {
        Map<String, Object> w = new HashMap<>();
        w.put("title", title);
        w.put("metric", metric);
        w.put("dimension", dimension);
        w.put("filters", filters);
        w.put("period", period);
        w.put("chart", chart);
        return w;
    }

    static Map<String, Object> dashboard(String name, List<Map<String, Object>> widgets) {
        Map<String, Object> d = new HashMap<>();
        d.put("name", name);
        d.put("widgets", widgets);
        return d;
    }

    static String create(RequestSpecification as, Map<String, Object> body) {
        return as.body(body).post("/dashboards").then().statusCode(201).extract().path("id");
    }

    static Instant at(String iso) {
        return Instant.parse(iso);
    }

    @Test
    void invalidDashboardsAreRefusedNamingTheFieldAndOnlyTheOwnerSeesOne() throws Exception {
        String owner = "dash-owner-" + UUID.randomUUID();
        String other = "dash-other-" + UUID.randomUUID();
        staff(owner).body(dashboard(" ", List.of(widget("", "margin", "country", Map.of("region", "mars", "partnerId", "x"),
                        "2026-13", "pie")))).post("/dashboards").then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItems("name", "widgets[0].title", "widgets[0].metric", "widgets[0].dimension",
                        "widgets[0].period", "widgets[0].chart", "widgets[0].filters.region", "widgets[0].filters.partnerId"))
                .body("errors.find { it.field == 'widgets[0].metric' }.message", equalTo(
                        "one of sourced-revenue, influenced-revenue, revenue, deals-won, earnings, paid"));
        List<Map<String, Object>> tooMany = new ArrayList<>();
        for (int i = 0; i < 21; i++) {
            tooMany.add(widget("w" + i, "revenue", "none", null, "2026-Q3", "number"));
        }
        staff(owner).body(dashboard("Too many", tooMany)).post("/dashboards").then().statusCode(400)
                .body("errors.field", contains("widgets")).body("errors[0].message", equalTo("at most 20 widgets (got 21)"));
        assertEquals(0, count("select count(*) from dashboard where owner = ?", owner), "nothing written");

        String id = create(staff(owner), dashboard("Q3 revenue", List.of(widget("Revenue", "revenue", "none", null, "2026-Q3", "number"))));
        staff(owner).get("/dashboards/" + id).then().statusCode(200).body("name", equalTo("Q3 revenue"))
                .body("widgets[0].metric", equalTo("revenue"));
        staff(owner).get("/dashboards").then().statusCode(200).body("id", contains(id));
        // another user: not found, whatever the verb; its list is empty
        staff(other).get("/dashboards/" + id).then().statusCode(404);
        staff(other).get("/dashboards/" + id + "/figures").then().statusCode(404);
        staff(other).body(dashboard("Mine now", List.of())).put("/dashboards/" + id).then().statusCode(404);
        staff(other).delete("/dashboards/" + id).then().statusCode(404);
        staff(other).get("/dashboards").then().statusCode(200).body("$", hasSize(0));
        assertEquals(404, stream(TestSupport.bearer(other, "channel-manager"), id, new LinkedBlockingQueue<>()).statusCode());
        given().get("/dashboards").then().statusCode(401);

        // a partner user may name only its own partner in a filter
        String p = UUID.randomUUID().toString();
        partnerUser(p).body(dashboard("Mine", List.of(widget("Theirs", "revenue", "none",
                Map.of("partnerId", UUID.randomUUID().toString()), "2026-Q3", "number")))).post("/dashboards").then().statusCode(400)
                .body("errors.field", contains("widgets[0].filters.partnerId"));

        staff(owner).body(dashboard("Renamed", List.of(widget("Deals", "deals-won", "month", null, "last-quarter", "line"))))
                .put("/dashboards/" + id).then().statusCode(200).body("name", equalTo("Renamed")).body("widgets[0].dimension", equalTo("month"));
        staff(owner).get("/dashboards/" + id + "/figures").then().statusCode(200)
                .body("widgets[0].period", matchesPattern("\\d{4}-Q[1-4]")).body("widgets[0].points", hasSize(3));
        staff(owner).delete("/dashboards/" + id).then().statusCode(204);
        staff(owner).get("/dashboards/" + id).then().statusCode(404);
        assertEquals(0, count("select count(*) from dashboard where owner = ?", owner));
    }

    @Test
    void figuresAreExactForAKnownHistoryAndAPartnerUserSeesOnlyItsOwn() {
        String tier = "dash-" + UUID.randomUUID().toString().substring(0, 8);
        String a = UUID.randomUUID().toString();
        String b = UUID.randomUUID().toString();
        String d1 = UUID.randomUUID().toString();
        String d2 = UUID.randomUUID().toString();
        List<String> ids = new ArrayList<>();
        ids.add(send(EventType.PARTNER_REGISTERED, a, Events.registered(a, "Alpha Dash", "US", tier)));
        ids.add(send(EventType.PARTNER_REGISTERED, b, Events.registered(b, "Bravo Dash", "DE", tier)));
        ids.add(send(EventType.DEAL_ATTRIBUTED, d1, Events.attributed(Events.attr(d1), d1, at("2026-07-10T10:00:00Z"), "USD",
                List.of(new Credit(a, "sourced", "1000.10"), new Credit(b, "influenced", "500.05")))));
        ids.add(send(EventType.DEAL_ATTRIBUTED, d2, Events.attributed(Events.attr(d2), d2, at("2026-08-20T10:00:00Z"), "USD",
                List.of(new Credit(a, "sourced", "250.25")))));
        awaitApplied(ids);
        Map<String, String> byTier = Map.of("tier", tier);
        String owner = "dash-figures-" + UUID.randomUUID();
        String id = create(staff(owner), dashboard("Tier " + tier, List.of(
                widget("Revenue", "revenue", "none", byTier, "2026-Q3", "number"),
                widget("Sourced by partner", "sourced-revenue", "partner", byTier, "2026-Q3", "bar"),
                widget("Revenue by month", "revenue", "month", byTier, "2026-Q3", "line"),
                widget("Deals by region", "deals-won", "region", byTier, "2026-Q3", "table"),
                widget("Revenue of A in August", "revenue", "none", Map.of("partnerId", a), "2026-08", "number"))));
        staff(owner).get("/dashboards/" + id + "/figures").then().statusCode(200)
                .body("name", equalTo("Tier " + tier))
                .body("widgets[0].value", equalTo("1750.40"))
                .body("widgets[0].unit", equalTo("USD"))
                .body("widgets[0].partners", equalTo(2))
                .body("widgets[0].from", equalTo("2026-07-01"))
                .body("widgets[1].value", equalTo("1250.35"))
                .body("widgets[1].points.key", contains(a))          // Bravo has no sourced revenue: not listed
                .body("widgets[1].points[0].label", equalTo("Alpha Dash"))
                .body("widgets[1].points[0].value", equalTo("1250.35"))
                .body("widgets[2].points.key", contains("2026-07", "2026-08", "2026-09"))
                .body("widgets[2].points.value", contains("1500.15", "250.25", "0.00"))
                .body("widgets[3].unit", equalTo("count"))
                .body("widgets[3].value", equalTo("3"))
                .body("widgets[3].points.key", contains("amer", "emea"))
                .body("widgets[3].points.value", contains("2", "1"))
                .body("widgets[4].value", equalTo("250.25"));

        // Bravo's own user, same widgets: only Bravo's data
        String mine = create(partnerUser(b), dashboard("Mine", List.of(
                widget("Revenue", "revenue", "none", byTier, "2026-Q3", "number"),
                widget("By partner", "revenue", "partner", null, "2026-Q3", "table"))));
        partnerUser(b).get("/dashboards/" + mine + "/figures").then().statusCode(200)
                .body("widgets[0].value", equalTo("500.05"))
                .body("widgets[0].partners", equalTo(1))
                .body("widgets[1].points.key", contains(b))
                .body("widgets[1].value", equalTo("500.05"));
        partnerUser(a).get("/dashboards/" + mine + "/figures").then().statusCode(404);
    }

    @Test
    void theStreamPushesAChangedFigureSecondsAfterAnEventReachesKafka() throws Exception {
        String tier = "dash-live-" + UUID.randomUUID().toString().substring(0, 8);
        String c = UUID.randomUUID().toString();
        awaitApplied(List.of(send(EventType.PARTNER_REGISTERED, c, Events.registered(c, "Charlie Live", "FR", tier))));
        String owner = "dash-live-" + UUID.randomUUID();
        String id = create(staff(owner), dashboard("Live", List.of(
                widget("Revenue", "revenue", "none", Map.of("tier", tier), "2026-Q3", "number"))));
        BlockingQueue<String> events = new LinkedBlockingQueue<>();
        HttpResponse<java.io.InputStream> response = stream(TestSupport.bearer(owner, "channel-manager"), id, events);
        assertEquals(200, response.statusCode());
        String first = events.poll(15, TimeUnit.SECONDS);
        assertNotNull(first, "the figures at once");
        assertTrue(first.contains("\"value\":\"0.00\""), first);

        String d = UUID.randomUUID().toString();
        long sent = System.nanoTime();
        send(EventType.DEAL_ATTRIBUTED, d, Events.attributed(Events.attr(d), d, at("2026-09-01T10:00:00Z"), "USD",
                List.of(new Credit(c, "sourced", "777.77"))));
        String changed = null;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (changed == null && System.nanoTime() < deadline) {
            String e = events.poll(1, TimeUnit.SECONDS);
            if (e != null && e.contains("\"value\":\"777.77\"")) {
                changed = e;
            }
        }
        response.body().close();
        assertNotNull(changed, "a pushed figure with the new revenue within 20 s");
        System.out.printf("dashboard stream: changed figure pushed %d ms after the event was produced%n",
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - sent));
    }

    /** Opens the SSE stream; a reader thread puts each {@code data:} payload on {@code events}. */
    static HttpResponse<java.io.InputStream> stream(String bearer, String id, BlockingQueue<String> events) throws Exception {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + RestAssured.port + "/dashboards/" + id + "/stream"))
                .header("Authorization", bearer).header("Accept", "text/event-stream").timeout(Duration.ofSeconds(10)).GET().build();
        HttpResponse<java.io.InputStream> response = client.sendAsync(request, HttpResponse.BodyHandlers.ofInputStream())
                .get(15, TimeUnit.SECONDS);
        if (response.statusCode() == 200) {
            Thread reader = new Thread(() -> {
                try (BufferedReader in = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = in.readLine()) != null) {
                        if (line.startsWith("data:")) {
                            events.add(line.substring(5).trim());
                        }
                    }
                } catch (java.io.IOException closed) {
                    // the test closed the stream
                }
            }, "sse-reader");
            reader.setDaemon(true);
            reader.start();
        } else {
            response.body().close();
        }
        return response;
    }
}
