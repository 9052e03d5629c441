package io.partnerflow.deal;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import static org.hamcrest.Matchers.equalTo;

/**
 * The intake's producer points at a port where no broker listens (everything else uses the real broker): a
 * correctly signed delivery is NOT acknowledged — 503, not 2xx — because crm.webhooks never confirmed it.
 */
@QuarkusTest
@TestProfile(KafkaUnavailableTest.DeadIntakeBroker.class)
class KafkaUnavailableTest {

    public static class DeadIntakeBroker implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            int port;
            try (ServerSocket s = new ServerSocket(0)) {
                port = s.getLocalPort(); // free now, nobody listening after close
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            return Map.of(
                    "mp.messaging.outgoing.crm-webhooks-out.bootstrap.servers", "localhost:" + port,
                    "mp.messaging.outgoing.crm-webhooks-out.max.block.ms", "2000",
                    "mp.messaging.outgoing.crm-webhooks-out.request.timeout.ms", "1000",
                    "mp.messaging.outgoing.crm-webhooks-out.delivery.timeout.ms", "3000",
                    "deal.webhooks.publish-timeout", "PT8S");
        }
    }

    @Test
    void aDeliveryIsNotAcknowledgedWhenCrmWebhooksCannotStoreIt() throws Exception {
        String id = "msg_" + UUID.randomUUID();
        Crm.post(id, Instant.now().getEpochSecond(), Crm.delivery(Crm.deal("D-" + UUID.randomUUID(), 1, "Open", "10.00")),
                        WebhookTestConfig.ACME_NEW)
                .then().statusCode(503).contentType("application/problem+json")
                .body("type", equalTo("urn:partnerflow:problem:intake-unavailable"));
        GenericWebhookTest.assertNothingWritten(id);
    }
}
