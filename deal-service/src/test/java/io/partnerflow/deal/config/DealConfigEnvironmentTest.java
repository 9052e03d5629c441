package io.partnerflow.deal.config;

import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Webhook secrets come from the environment in production: the per-source keys must work as env variables. */
class DealConfigEnvironmentTest {

    @Test
    void perSourceWebhookSecretsAndSalesforceSettingsCanBeGivenAsEnvironmentVariables() {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withMapping(DealConfig.class)
                .withConverter(io.quarkus.runtime.configuration.MemorySize.class, 100,
                        new io.quarkus.runtime.configuration.MemorySizeConverter())
                .withSources(new EnvConfigSource(Map.of(
                        "DEAL_WEBHOOKS_GENERIC_NORTHWIND_SECRETS", "whsec_a,whsec_b",
                        "DEAL_WEBHOOKS_SALESFORCE_PROD_URL_SECRET", "s3cret",
                        "DEAL_WEBHOOKS_SALESFORCE_PROD_ORGANIZATION_IDS", "00D5g000004ABCD",
                        "DEAL_WEBHOOKS_HUBSPOT_PORTAL_CLIENT_SECRETS", "hs",
                        "DEAL_WEBHOOKS_GENERIC_NORTHWIND_PREVIOUS_SECRETS", "whsec_old",
                        "DEAL_WEBHOOKS_GENERIC_NORTHWIND_ROTATED_AT", "2026-12-04T10:00:00Z",
                        "DEAL_WEBHOOKS_GENERIC_NORTHWIND_RATE_LIMIT", "600"), 300))
                .build();
        DealConfig deal = config.getConfigMapping(DealConfig.class);
        assertEquals(List.of("whsec_a", "whsec_b"), deal.webhooks().generic().get("northwind").secrets());
        assertEquals("s3cret", deal.webhooks().salesforce().get("prod").urlSecret());
        assertEquals(List.of("00D5g000004ABCD"), deal.webhooks().salesforce().get("prod").organizationIds());
        assertEquals(List.of("hs"), deal.webhooks().hubspot().get("portal").clientSecrets());
        assertEquals(2, deal.genericSecrets().size());
        var northwind = deal.webhooks().generic().get("northwind");
        assertEquals(List.of("whsec_old"), northwind.previousSecrets().orElseThrow());
        assertEquals(java.time.Instant.parse("2026-12-04T10:00:00Z"), northwind.rotatedAt().orElseThrow());
        assertEquals(java.time.Duration.ofDays(1), northwind.rotationGrace());
        assertEquals(600, northwind.rateLimit().getAsInt());
        assertEquals(java.time.Duration.ofDays(400), deal.webhooks().retention());
        // the size limits default below Kafka's 1 MiB record limit
        assertEquals(256 * 1024, deal.webhooks().maxBodySize().asLongValue());
        assertEquals(900 * 1024, deal.webhooks().maxRecordSize().asLongValue());
    }
}
