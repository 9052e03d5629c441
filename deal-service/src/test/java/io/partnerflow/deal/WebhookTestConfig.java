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

    @Override
    public Map<String, String> start() {
        return Map.ofEntries(
                Map.entry("deal.webhooks.generic.acme.secrets", ACME_OLD + "," + ACME_NEW),
                Map.entry("deal.webhooks.generic.globex.secrets", GLOBEX),
                Map.entry("deal.webhooks.salesforce.acme-sf.url-secret", SF_URL_SECRET),
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
