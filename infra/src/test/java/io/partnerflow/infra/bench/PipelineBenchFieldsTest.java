package io.partnerflow.infra.bench;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The observers' cheap JSON reads must find exactly what the former full-tree reads found. */
class PipelineBenchFieldsTest {

    @Test
    void readsTopLevelFieldsAndIgnoresSameNamesDeeper() throws Exception {
        String closedWon = "{\"eventId\":\"e1\",\"lines\":[{\"dealId\":\"no\",\"crmDealId\":\"no\"}],"
                + "\"customer\":{\"dealId\":\"no\",\"crmDealId\":\"no\"},\"dealId\":\"d-1\",\"amount\":12000.00,\"crmDealId\":\"CRM-1\"}";
        assertArrayEquals(new String[]{"d-1", "CRM-1"}, JsonFields.of(closedWon, "dealId", "crmDealId"));
    }

    @Test
    void readsNestedPathsAfterSkippedSiblings() throws Exception {
        String attributed = "{\"credits\":[{\"deal\":{\"crmDealId\":\"no\"}}],\"other\":{\"deal\":{\"crmDealId\":\"no\"}},"
                + "\"deal\":{\"dealId\":\"d-2\",\"meta\":{\"crmDealId\":\"no\"},\"crmDealId\":\"CRM-2\"},\"crmDealId\":\"top\"}";
        assertArrayEquals(new String[]{"CRM-2"}, JsonFields.of(attributed, "deal.crmDealId"));
        String earning = "{\"dealId\":\"no\",\"source\":{\"type\":\"deal\",\"dealId\":\"d-3\"},\"amount\":{\"dealId\":\"no\"}}";
        assertArrayEquals(new String[]{"d-3"}, JsonFields.of(earning, "source.dealId"));
    }

    @Test
    void missingOrNonStringValuesAreNull() throws Exception {
        assertNull(JsonFields.of("{\"deal\":{\"dealId\":\"x\"}}", "deal.crmDealId")[0]);
        assertNull(JsonFields.of("{\"dealId\":7}", "dealId")[0]);
        assertNull(JsonFields.of("[1,2]", "dealId")[0]);
    }
}
