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

    @Override
    public Map<String, String> start() {
        return Map.of(
                "deal.webhooks.generic.acme.secrets", ACME_OLD + "," + ACME_NEW,
                "deal.webhooks.generic.globex.secrets", GLOBEX);
    }

    @Override
    public void stop() {
    }
}
