package io.partnerflow.infra;

import org.junit.jupiter.api.Test;

import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The connector configuration one relay engine gets: the file, ${db} replaced, its database's overrides applied. */
class OutboxRelayConfigTest {
    @Test
    void aQuietDatabaseGetsItsOwnPollIntervalAndNoOverrideKeyIsPassedOn() {
        Properties partner = OutboxRelay.connectorConfig("partner");
        Properties deal = OutboxRelay.connectorConfig("deal");
        assertEquals("250", partner.getProperty("poll.interval.ms"));
        assertEquals("250", OutboxRelay.connectorConfig("analytics").getProperty("poll.interval.ms"));
        assertEquals("250", OutboxRelay.connectorConfig("payout").getProperty("poll.interval.ms"));
        assertEquals("20", deal.getProperty("poll.interval.ms"));
        assertEquals("partnerflow_outbox_deal", deal.getProperty("slot.name"));
        for (Properties p : new Properties[] {partner, deal}) {
            assertTrue(p.stringPropertyNames().stream().noneMatch(k -> k.startsWith("override.")), p.toString());
        }
        // nothing else differs between the two but what names the database
        partner.stringPropertyNames().stream().filter(k -> !k.equals("poll.interval.ms"))
                .forEach(k -> assertEquals(partner.getProperty(k), deal.getProperty(k).replace("deal", "partner"), k));
    }
}
