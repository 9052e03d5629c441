package io.partnerflow.deal.application;

import io.partnerflow.deal.config.DealConfig;
import io.partnerflow.deal.domain.RateLimit;
import io.partnerflow.deal.domain.signature.SecretRotation;
import io.partnerflow.deal.domain.signature.StandardWebhooks;
import io.partnerflow.platform.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Per configured webhook source: which secrets are accepted now (rotation with a grace period) and its rate limit.
 * The rate limit is kept in this replica's memory: with N replicas behind a load balancer a source gets up to N
 * times its limit (docs/crm-webhooks.md).
 */
@ApplicationScoped
public class WebhookSources {
    private final DealConfig config;
    private final Map<String, RateLimit> limits = new ConcurrentHashMap<>();

    public WebhookSources(DealConfig config) {
        this.config = config;
    }

    public static SecretRotation rotation(String source, List<String> current, DealConfig.Intake intake) {
        return new SecretRotation(source, current, intake.previousSecrets().orElse(List.of()),
                intake.rotatedAt().orElse(null), intake.rotationGrace());
    }

    /** Every generic source's secrets accepted at {@code now}. */
    public List<StandardWebhooks.Secret> genericAccepted(Instant now) {
        List<StandardWebhooks.Secret> out = new ArrayList<>();
        config.webhooks().generic().forEach((source, g) -> out.addAll(rotation(source, g.secrets(), g).accepted(now)));
        return out;
    }

    /** Every generic source's previous secrets whose grace period is over at {@code now}. */
    public List<StandardWebhooks.Secret> genericRetired(Instant now) {
        List<StandardWebhooks.Secret> out = new ArrayList<>();
        config.webhooks().generic().forEach((source, g) -> out.addAll(rotation(source, g.secrets(), g).retired(now)));
        return out;
    }

    /**
     * Counts one authenticated delivery of {@code source} ({@code kind} = generic / salesforce / hubspot) against its
     * rate limit; over it → 429 with Retry-After, before anything is written or sent to Kafka.
     */
    public void admit(String kind, String source, DealConfig.Intake intake, Instant now) {
        if (intake == null || intake.rateLimit().isEmpty()) {
            return;
        }
        int limit = intake.rateLimit().getAsInt();
        Duration period = intake.rateLimitPeriod();
        String key = kind + "/" + source + "/" + limit + "/" + period;
        RateLimit bucket = limits.computeIfAbsent(key, k -> new RateLimit(limit, period));
        Duration wait;
        synchronized (bucket) {
            wait = bucket.take(now);
        }
        if (!wait.isZero()) {
            throw new RateLimitedException(source, limit, period, RateLimit.retryAfterSeconds(wait));
        }
    }

    /** 429: the source sent more than its configured rate. Nothing was written or sent. */
    public static final class RateLimitedException extends ProblemException {
        private final long retryAfterSeconds;

        RateLimitedException(String source, int limit, Duration period, long retryAfterSeconds) {
            super(429, "Too Many Requests", "source '" + source + "' is limited to " + limit + " deliveries per " + period
                            + "; nothing was accepted — retry after " + retryAfterSeconds + " s",
                    "urn:partnerflow:problem:rate-limited",
                    List.of(new io.partnerflow.platform.problem.Problem.FieldError("source",
                            "at most " + limit + " deliveries per " + period)));
            this.retryAfterSeconds = retryAfterSeconds;
        }

        public long retryAfterSeconds() {
            return retryAfterSeconds;
        }
    }
}
