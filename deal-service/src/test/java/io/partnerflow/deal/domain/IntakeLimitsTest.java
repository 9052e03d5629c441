package io.partnerflow.deal.domain;

import io.partnerflow.deal.domain.signature.SecretRotation;
import io.partnerflow.deal.domain.signature.StandardWebhooks;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Pure rules of the webhook intake: rotation grace and the rate limit. */
class IntakeLimitsTest {
    private static final Instant T0 = Instant.parse("2026-12-04T10:00:00Z");

    @Test
    void previousSecretsAreAcceptedUntilRotationPlusGraceAndNeverWithoutARotationTime() {
        SecretRotation r = new SecretRotation("acme", List.of("new"), List.of("old"), T0, Duration.ofDays(1));
        assertEquals(List.of("acme#1", "acme#previous-1"), r.accepted(T0.plusSeconds(86_399)).stream().map(StandardWebhooks.Secret::keyId).toList());
        assertEquals(List.of(), r.retired(T0.plusSeconds(86_399)));
        assertEquals(List.of("acme#1"), r.accepted(T0.plusSeconds(86_400)).stream().map(StandardWebhooks.Secret::keyId).toList());
        assertEquals(List.of("acme#previous-1"), r.retired(T0.plusSeconds(86_400)).stream().map(StandardWebhooks.Secret::keyId).toList());
        assertFalse(new SecretRotation("acme", List.of("new"), List.of("old"), null, Duration.ofDays(1)).previousAccepted(T0));
    }

    @Test
    void aRateLimitAdmitsItsBurstThenAsksToWaitForTheNextSlot() {
        RateLimit limit = new RateLimit(3, Duration.ofSeconds(60));
        for (int i = 0; i < 3; i++) {
            assertEquals(Duration.ZERO, limit.take(T0));
        }
        Duration wait = limit.take(T0);
        assertEquals(Duration.ofSeconds(20), wait);
        assertEquals(20, RateLimit.retryAfterSeconds(wait));
        assertTrue(limit.take(T0.plusSeconds(19)).compareTo(Duration.ZERO) > 0);
        assertEquals(Duration.ZERO, limit.take(T0.plusSeconds(20)));
        assertEquals(1, RateLimit.retryAfterSeconds(Duration.ofMillis(1)));
    }
}
