package io.partnerflow.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.partnerflow.infra.demo.DemoClient;
import io.restassured.RestAssured;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The reduced fault-injection suite that runs in CI (issue #8): while signed CRM deals stream in, attribution-service
 * is killed with SIGKILL mid-stream (the launcher's supervisor restarts it); a burst of duplicate deliveries and a
 * poison message on deal.events follow. Afterwards: every accepted deal was attributed exactly once (one distinct
 * event id, credits summing to the deal) and reached payout-service's ledger exactly once (its lines are exactly the
 * earnings incentive-service published, same ids and amounts), the poison sits on the dead-letter topic, and every consumer group has
 * processed its topics to the end (produced = processed + dead-lettered).
 */
class FaultInjectionTest {
    private static SystemUnderTest sut;

    @BeforeAll
    static void startSystem() throws Exception {
        sut = SystemUnderTest.get();
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    @Test
    void aKilledConsumerDuplicatesAndPoisonLoseNothingAndApplyNothingTwice() throws Exception {
        String uniq = UUID.randomUUID().toString().substring(0, 8);
        List<String> accounts = new ArrayList<>();
        List<String> partnerIds = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            accounts.add("FI-" + uniq + "-" + i);
            partnerIds.add(Crm.activePartner(sut, "Fault Partner " + uniq + " " + i, "US", "USD", accounts.get(i)));
        }
        // a commission program only for this test's customers (Faroe Islands), so every credit earns
        given().baseUri(sut.url("incentive")).header("Authorization", sut.bearer("cm-fault", "channel-manager"))
                .contentType(io.restassured.http.ContentType.JSON)
                .body(Map.of("code", "e2e-fault-" + uniq, "name", "Fault test commission", "effectiveFrom", "2020-01-01T00:00:00Z",
                        "rules", List.of(Map.of("key", "commission", "name", "Commission", "kind", "commission",
                                "eligibility", Map.of("customerCountries", List.of("FO")),
                                "commission", Map.of("rates", List.of(Map.of("tier", "*", "category", "*", "sourced", "0.10",
                                        "influenced", "0.05")))))))
                .post("/programs").then().statusCode(201);
        int deals = 40;
        Instant closed = Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
        Map<String, String> amounts = new HashMap<>();
        List<List<Map<String, Object>>> deliveries = new ArrayList<>();
        for (int d = 0; d < deals; d++) {
            String crm = "FI-" + uniq + "-D" + d;
            String amount = new BigDecimal("1000.00").add(new BigDecimal(d).movePointLeft(2)).add(new BigDecimal(d * 17)).toPlainString();
            amounts.put(crm, amount);
            List<Map<String, Object>> events = new ArrayList<>();
            for (int t = 0; t < 3; t++) {
                events.add(Crm.event(crm + "-T" + t, "touchpoint.recorded", 1, Crm.touch(crm + "-T" + t, crm, accounts.get(t),
                        t == 0 ? "referral" : "demo", closed.minus(Duration.ofDays(10 - t)))));
            }
            Map<String, Object> won = Crm.wonDeal(crm, "USD", closed, "SKU-1", "software", amount);
            won.put("customer", Map.of("name", "Torshavn Fisk " + uniq + " " + d, "country", "FO"));
            events.add(Crm.event(crm + "-v1", "deal.upserted", 1, won));
            deliveries.add(events);
        }

        long killedPid = -1;
        long killedPayout = -1;
        for (int d = 0; d < deals; d++) {
            int status = Crm.deliver(sut, "fi-" + uniq + "-" + d, deliveries.get(d)).statusCode();
            assertEquals(202, status, "delivery " + d);
            if (d == deals / 3) {
                killedPid = sut.kill9("attribution");
            }
            if (d == 2 * deals / 3) {
                killedPayout = sut.kill9("payout"); // the end of the chain too: the ledger must not lose or double a line
            }
            Thread.sleep(50);
        }
        // duplicate burst: the same deliveries again, concurrently
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<Integer>> dups = new ArrayList<>();
        for (int d = 0; d < 20; d++) {
            int i = d;
            dups.add(pool.submit(() -> Crm.deliver(sut, "fi-" + uniq + "-" + i, deliveries.get(i)).statusCode()));
        }
        for (Future<Integer> f : dups) {
            int s = f.get(60, TimeUnit.SECONDS);
            assertTrue(s == 200 || s == 202, "a duplicate delivery is acknowledged, got " + s);
        }
        pool.shutdown();
        // poison on deal.events: not JSON at all
        String poisonKey = "poison-" + uniq;
        Crm.produceRaw(sut, "deal.events", poisonKey, "{not json", Map.of("ce_id", UUID.randomUUID().toString(),
                "ce_type", "partnerflow.deal.closed-won.v1", "ce_source", "fault-test", "ce_specversion", "1.0"));

        // the supervisor brought attribution-service back (a new process)
        long killed = killedPid;
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1)).ignoreExceptions().until(() -> {
            long pid = sut.pid("attribution");
            return pid > 0 && pid != killed && given().baseUri(sut.url("attribution")).get("/q/health/ready").statusCode() == 200;
        });

        // every deal attributed exactly once: one distinct event id per deal, credits summing to the amount
        Set<String> ours = amounts.keySet();
        List<ConsumerRecord<String, String>> attributed = Crm.read(sut, "attribution.events",
                r -> "partnerflow.deal.attributed.v1".equals(Crm.header(r, "ce_type")) && ours.stream().anyMatch(r.value()::contains),
                deals, Duration.ofSeconds(180));
        Map<String, Set<String>> eventIdsByDeal = new HashMap<>();
        for (ConsumerRecord<String, String> r : attributed) {
            JsonNode a = DemoClient.JSON.readTree(r.value());
            String crm = a.path("deal").path("crmDealId").asText();
            eventIdsByDeal.computeIfAbsent(crm, k -> new HashSet<>()).add(Crm.header(r, "ce_id"));
            BigDecimal sum = BigDecimal.ZERO;
            for (JsonNode c : a.path("credits")) {
                sum = sum.add(new BigDecimal(c.path("amount").path("amount").asText()));
            }
            assertEquals(new BigDecimal(amounts.get(crm)), sum, "credits of " + crm + " sum to the deal");
        }
        assertEquals(ours, eventIdsByDeal.keySet(), "every accepted deal was attributed");
        eventIdsByDeal.forEach((crm, ids) -> assertEquals(1, ids.size(), crm + " attributed once, got " + ids));

        // the poison went to attribution-service's dead-letter topic with the reason and origin; (partner-service
        // skips closed-won types it has no use for, so it acknowledges the record: its lag below still reaches 0)
        List<ConsumerRecord<String, String>> dlq = Crm.read(sut, "deal.events.dlq.attribution-service",
                r -> poisonKey.equals(r.key()), 1, Duration.ofSeconds(90));
        assertEquals(1, dlq.size(), "poison dead-lettered by attribution-service");
        assertNotNull(Crm.header(dlq.get(0), "dead-letter-reason"), "reason header");
        assertEquals("deal.events", Crm.header(dlq.get(0), "dead-letter-topic"));

        // every accepted deal reached the ledger exactly once: per partner, payout-service's lines are exactly the
        // earnings incentive-service published (same ids, same amounts), one per deal
        String finance = sut.bearer("fin-fault", "finance");
        for (String partner : partnerIds) {
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
                List<Map<String, Object>> published = given().baseUri(sut.url("incentive")).header("Authorization", finance)
                        .get("/partners/" + partner + "/earnings").then().statusCode(200).extract().jsonPath().getList("$");
                List<Map<String, Object>> ledger = given().baseUri(sut.url("payout")).header("Authorization", finance)
                        .get("/partners/" + partner + "/earnings").then().statusCode(200).extract().jsonPath().getList("$");
                assertEquals(deals, published.size(), "one earning per deal for " + partner);
                Map<String, BigDecimal> expected = new HashMap<>();
                published.forEach(e -> expected.put(String.valueOf(e.get("earningId")),
                        new BigDecimal(String.valueOf(((Map<?, ?>) e.get("amount")).get("amount")))));
                Map<String, BigDecimal> booked = new HashMap<>();
                ledger.forEach(e -> booked.merge(String.valueOf(e.get("earningId")),
                        new BigDecimal(String.valueOf(((Map<?, ?>) e.get("amount")).get("amount"))), BigDecimal::add));
                assertEquals(expected.keySet(), booked.keySet(), "the ledger holds exactly the published earnings");
                expected.forEach((id, amount) -> assertEquals(0, amount.compareTo(booked.get(id)), "amount of " + id));
            });
        }

        // produced = processed + dead-lettered: every group's committed offsets reach the end of its topics
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            Map<String, Long> lag = lag(List.of("deal-service", "attribution-service", "partner-service", "incentive-service",
                    "payout-service", "analytics-service"));
            lag.forEach((group, l) -> assertEquals(0L, l, "lag of " + group + ": " + lag));
        });
        assertNotEquals(-1, killedPid);
        assertNotEquals(-1, killedPayout);
    }

    private static Map<String, Long> lag(List<String> groups) throws Exception {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, sut.kafka());
        Map<String, Long> lag = new HashMap<>();
        try (Admin admin = Admin.create(p)) {
            for (String g : groups) {
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(g).partitionsToOffsetAndMetadata()
                        .get(10, TimeUnit.SECONDS);
                Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
                committed.keySet().forEach(tp -> latest.put(tp, OffsetSpec.latest()));
                var ends = admin.listOffsets(latest).all().get(10, TimeUnit.SECONDS);
                long l = 0;
                for (var e : committed.entrySet()) {
                    if (e.getValue() != null) {
                        l += Math.max(0, ends.get(e.getKey()).offset() - e.getValue().offset());
                    }
                }
                lag.put(g, l);
            }
        }
        return lag;
    }
}
