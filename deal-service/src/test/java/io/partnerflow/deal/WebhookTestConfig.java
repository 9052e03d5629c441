package io.partnerflow.deal;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

/**
 * Test-only webhook secrets (production secrets come from the environment). Two secrets for the "acme" source
 * (a rotation in progress) and one for "globex".
 */
@QuarkusTestResource(WebhookTestConfig.class)
public class WebhookTestConfig implements QuarkusTestResourceLifecycleManager {
    public static final String ACME_OLD = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    public static final String ACME_NEW = "whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD";
    public static final String GLOBEX = "whsec_dGVzdC1nbG9iZXgtc2VjcmV0LTEyMzQ1Njc4OTA=";
    public static final String WRONG = "whsec_d3Jvbmctc2VjcmV0LW5vdC1jb25maWd1cmVkISE=";
    public static final String SF_URL_SECRET = "sf-test-url-secret-5b1c";
    public static final String SF_ORG = "00D5g000004ABCDEAA";
    public static final String HUBSPOT_SECRET = "hs-test-client-secret-9f3e";
    /** Source "rotating": NEW replaced OLD at {@link #ROTATED_AT}, OLD accepted for 7 days more. */
    public static final String ROTATING_OLD = "whsec_cm90YXRpbmctb2xkLXNlY3JldC0xMjM0NTY3ODkw";
    public static final String ROTATING_NEW = "whsec_cm90YXRpbmctbmV3LXNlY3JldC0wOTg3NjU0MzIx";
    public static final String ROTATED_AT = "2030-01-01T00:00:00Z";
    public static final String HUBSPOT_ROTATING_OLD = "hs-rotating-old-secret-71aa";
    public static final String HUBSPOT_ROTATING_NEW = "hs-rotating-new-secret-82bb";
    public static final String SF_OLD_URL_SECRET = "sf-test-old-url-secret-3c9d";
    /** Source "limited": at most 2 deliveries per hour. */
    public static final String LIMITED = "whsec_bGltaXRlZC1zb3VyY2Utc2VjcmV0LTU1NTU1NTU1";

    @Override
    public Map<String, String> start() {
        return Map.ofEntries(
                Map.entry("deal.webhooks.generic.acme.secrets", ACME_OLD + "," + ACME_NEW),
                Map.entry("deal.webhooks.generic.globex.secrets", GLOBEX),
                Map.entry("deal.webhooks.generic.rotating.secrets", ROTATING_NEW),
                Map.entry("deal.webhooks.generic.rotating.previous-secrets", ROTATING_OLD),
                Map.entry("deal.webhooks.generic.rotating.rotated-at", ROTATED_AT),
                Map.entry("deal.webhooks.generic.rotating.rotation-grace", "P7D"),
                Map.entry("deal.webhooks.generic.limited.secrets", LIMITED),
                Map.entry("deal.webhooks.generic.limited.rate-limit", "2"),
                Map.entry("deal.webhooks.generic.limited.rate-limit-period", "PT1H"),
                Map.entry("deal.webhooks.hubspot.rotating-hs.client-secrets", HUBSPOT_ROTATING_NEW),
                Map.entry("deal.webhooks.hubspot.rotating-hs.previous-secrets", HUBSPOT_ROTATING_OLD),
                Map.entry("deal.webhooks.hubspot.rotating-hs.rotated-at", ROTATED_AT),
                Map.entry("deal.webhooks.hubspot.rotating-hs.rotation-grace", "P7D"),
                Map.entry("deal.webhooks.salesforce.acme-sf.url-secret", SF_URL_SECRET),
                Map.entry("deal.webhooks.salesforce.acme-sf.previous-secrets", SF_OLD_URL_SECRET),
                Map.entry("deal.webhooks.salesforce.acme-sf.rotated-at", ROTATED_AT),
                Map.entry("deal.webhooks.salesforce.acme-sf.rotation-grace", "P7D"),
                // the 15-character form of the org id is enough
                Map.entry("deal.webhooks.salesforce.acme-sf.organization-ids", SF_ORG.substring(0, 15)),
                Map.entry("deal.webhooks.salesforce.acme-sf.deal-fields.customer-name", "Customer_Name__c"),
                Map.entry("deal.webhooks.salesforce.acme-sf.default-category", "software"),
                Map.entry("deal.webhooks.hubspot.acme-hs.client-secrets", HUBSPOT_SECRET),
                Map.entry("deal.webhooks.hubspot.acme-hs.default-currency", "USD"),
                Map.entry("deal.webhooks.hubspot.acme-hs.default-country", "US"),
                Map.entry("deal.webhooks.hubspot.acme-hs.default-category", "software"),
                Map.entry("deal.webhooks.hubspot.acme-hs.deal-fields.customer-domain", "company_domain"));
    }

    @Override
    public void stop() {
    }
}
