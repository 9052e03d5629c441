package io.partnerflow.deal;

import io.partnerflow.deal.domain.signature.StandardWebhooks;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.net.Socket;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import static io.partnerflow.deal.PartnerEventsConsumerTest.count;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A webhook over {@code deal.webhooks.max-body-size} (256 KiB here) is answered 413 problem+json before anything
 * is sent to Kafka — 2 MB and 5 MB used to be 503 (the broker's 1 MiB record limit), 20 MB a connection reset.
 */
@QuarkusTest
class OversizedWebhookTest {
    @TestHTTPResource("/webhooks/crm/generic")
    URL genericUrl;

    /** A signed, otherwise valid generic delivery padded to about {@code bytes} (the padding is an unknown field). */
    static String padded(String crmId, int bytes) {
        String event = Crm.deal(crmId, 1, "Open", "10.00");
        String padding = "p".repeat(Math.max(0, bytes - event.length() - 40));
        return "{\"padding\":\"" + padding + "\",\"events\":[" + event + "]}";
    }

    @Test
    void oversizedWebhooksAre413ProblemsAndNothingReachesCrmWebhooks() throws Exception {
        List<String> ids = new ArrayList<>();
        for (int size : new int[]{300 * 1024, 2_000_000, 5_000_000, 20_000_000}) {
            String id = "msg_" + UUID.randomUUID();
            ids.add(id);
            long started = System.nanoTime();
            Crm.post(id, Instant.now().getEpochSecond(), padded("O-" + UUID.randomUUID(), size), WebhookTestConfig.ACME_NEW)
                    .then().statusCode(413).contentType("application/problem+json")
                    .body("type", equalTo("urn:partnerflow:problem:payload-too-large"))
                    .body("errors[0].field", equalTo("body"))
                    .body("detail", containsString("at most 262144"));
            System.out.printf("oversized webhook of %d bytes: 413 in %d ms%n", size, (System.nanoTime() - started) / 1_000_000);
            assertEquals(0, count("select count(*) from crm_delivery where delivery_id = ?", id));
        }
        // a body sent without Content-Length (chunked) is counted by the endpoint: 413 too
        String chunkedId = "msg_" + UUID.randomUUID();
        ids.add(chunkedId);
        byte[] body = padded("O-" + UUID.randomUUID(), 400 * 1024).getBytes(StandardCharsets.UTF_8);
        long ts = Instant.now().getEpochSecond();
        HttpResponse<String> chunked = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(HttpRequest.newBuilder(URI.create(genericUrl.toString()))
                .header("content-type", "application/json").header("webhook-id", chunkedId)
                .header("webhook-timestamp", Long.toString(ts))
                .header("webhook-signature", StandardWebhooks.sign(WebhookTestConfig.ACME_NEW, chunkedId, ts, body))
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(413, chunked.statusCode(), chunked.body());
        assertTrue(chunked.headers().firstValue("content-type").orElse("").startsWith("application/problem+json"));

        // a sender that asks "Expect: 100-continue" gets the 413 without sending its 20 MB at all
        try (Socket socket = new Socket(genericUrl.getHost(), genericUrl.getPort())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("POST /webhooks/crm/generic HTTP/1.1\r\nHost: localhost\r\n"
                    + "Content-Type: application/json\r\nContent-Length: 20000000\r\nExpect: 100-continue\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(answer.startsWith("HTTP/1.1 413"), answer);
            assertTrue(answer.contains("application/problem+json") && answer.contains("payload-too-large"), answer);
        }

        // just under the limit is accepted (the limit is the body, not the JSON envelope around it)
        String fits = "msg_" + UUID.randomUUID();
        Crm.post(fits, Instant.now().getEpochSecond(), padded("O-" + UUID.randomUUID(), 250 * 1024), WebhookTestConfig.ACME_NEW)
                .then().statusCode(202);

        List<ConsumerRecord<String, String>> all = Topics.everything("crm.webhooks");
        Set<String> keys = all.stream().map(ConsumerRecord::key).collect(Collectors.toSet());
        assertTrue(ids.stream().noneMatch(keys::contains), "an oversized delivery reached crm.webhooks");
        assertTrue(keys.contains(fits));
        assertTrue(all.stream().allMatch(r -> r.value().length() < 900 * 1024), "a record over the record limit");
    }

    @Test
    void theOtherCrmEndpointsHaveTheSameLimit() {
        byte[] big = new byte[2_000_000];
        java.util.Arrays.fill(big, (byte) 'x');
        given().contentType("text/xml").body(big).post("/webhooks/crm/salesforce/acme-sf/" + WebhookTestConfig.SF_URL_SECRET)
                .then().statusCode(413).contentType("application/problem+json");
        given().contentType("application/json").body(big).post("/webhooks/crm/hubspot")
                .then().statusCode(413).contentType("application/problem+json");
    }
}
