package io.partnerflow.payout;

import io.partnerflow.testing.TestSupport;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;

import static io.partnerflow.payout.Api.accrue;
import static io.partnerflow.payout.Api.awaitEarning;
import static io.partnerflow.payout.Api.count;
import static io.partnerflow.payout.Api.finance;
import static io.partnerflow.payout.Api.knownPartner;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A money channel that starts paused (what a rebuild from Kafka uses to read the partners first, docs/runbook.md):
 * partner.events is applied, incentive.earnings (two consumers) waits until an admin resumes it, then every earning is
 * booked.
 */
@QuarkusTest
@TestProfile(PausedConsumerTest.MoneyChannelPaused.class)
class PausedConsumerTest {

    public static class MoneyChannelPaused implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // two consumers: a channel with concurrency is several streams to SmallRye, paused and resumed together
            return Map.of("mp.messaging.incoming.incentive-earnings.pausable", "true",
                    "mp.messaging.incoming.incentive-earnings.pausable.initially-paused", "true",
                    "mp.messaging.incoming.incentive-earnings.concurrency", "2");
        }
    }

    @Test
    void theMoneyChannelWaitsPausedWhileThePartnersAreAppliedAndBooksEverythingOnceAnAdminResumesIt() throws Exception {
        String admin = TestSupport.bearer("ops-admin", "admin");
        given().header("Authorization", admin).get("/admin/consumers").then().statusCode(200)
                .body("find { it.channel == 'incentive-earnings' }.paused", equalTo(true))
                .body("find { it.channel == 'incentive-earnings' }.streams", equalTo(2))
                .body("find { it.channel == 'incentive-earnings' }.pausedStreams", equalTo(2));
        finance().get("/admin/consumers").then().statusCode(403);
        finance().post("/admin/consumers/incentive-earnings/resume").then().statusCode(403);
        given().header("Authorization", admin).post("/admin/consumers/no-such-channel/resume").then().statusCode(404)
                .contentType("application/problem+json");

        String p = knownPartner("DE", "EUR"); // partner.events is not paused
        String earning = accrue(p, "12.34", "EUR", Instant.parse("2020-01-01T00:00:00Z"));
        Thread.sleep(3000); // the earning is in Kafka; a running consumer books one within a second or two
        assertEquals(0, count("select count(*) from earning where partner_id = ?", p), "paused: nothing booked");
        assertEquals(0, count("select count(*) from waiting_earning where partner_id = ?", p), "paused: nothing parked either");

        given().header("Authorization", admin).post("/admin/consumers/incentive-earnings/resume").then().statusCode(200)
                .body("channel", equalTo("incentive-earnings")).body("paused", equalTo(false)).body("pausedStreams", equalTo(0));
        awaitEarning(earning);
        given().header("Authorization", admin).get("/admin/consumers").then().statusCode(200)
                .body("find { it.channel == 'incentive-earnings' }.paused", equalTo(false));
    }
}
