package io.partnerflow.contracts;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TopicsTest {

    @Test
    void deadLetterTopicIsTopicDotDlqDotConsumer() {
        assertEquals("partner.events.dlq.deal-service", Topics.deadLetter(Topics.PARTNER_EVENTS, Services.DEAL));
        assertEquals("attribution.events.dlq.incentive-service",
                Topics.deadLetter(Topics.ATTRIBUTION_EVENTS, Services.INCENTIVE));
        assertTrue(Topics.isDeadLetter("crm.webhooks.dlq.deal-service"));
        assertFalse(Topics.isDeadLetter(Topics.CRM_WEBHOOKS));
    }

    @Test
    void deadLetterNamesAreNotGuessed() {
        assertThrows(IllegalArgumentException.class, () -> Topics.deadLetter("partner.events.dlq.deal-service", "x"));
        assertThrows(IllegalArgumentException.class, () -> Topics.deadLetter(Topics.DEAL_EVENTS, "Deal Service"));
        assertThrows(IllegalArgumentException.class, () -> Topics.deadLetter(" ", Services.DEAL));
    }

    @Test
    void everyTopicCarriesSomeType() {
        for (String topic : Topics.ALL) {
            assertFalse(EventType.onTopic(topic).isEmpty(), topic);
        }
    }
}
