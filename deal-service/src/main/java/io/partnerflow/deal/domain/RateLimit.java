package io.partnerflow.deal.domain;

import java.time.Duration;
import java.time.Instant;

/**
 * A rate limit of {@code limit} requests per {@code period} with bursts up to {@code limit} (the generic cell rate
 * algorithm: one "theoretical arrival time" per source, no timers). Not thread-safe: callers serialise per source.
 */
public final class RateLimit {
    private final long intervalNanos;
    private final long burstNanos;
    private Instant theoreticalArrival;

    public RateLimit(int limit, Duration period) {
        if (limit < 1 || period == null || period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException("a rate limit needs a positive count and period, got " + limit + " per " + period);
        }
        this.intervalNanos = Math.max(1, period.toNanos() / limit);
        this.burstNanos = period.toNanos() - intervalNanos;
    }

    /** Takes one request at {@code now}: {@link Duration#ZERO} when admitted, else how long until one would be. */
    public Duration take(Instant now) {
        Instant tat = theoreticalArrival == null || theoreticalArrival.isBefore(now) ? now : theoreticalArrival;
        long ahead = Duration.between(now, tat).toNanos();
        if (ahead > burstNanos) {
            return Duration.ofNanos(ahead - burstNanos);
        }
        theoreticalArrival = tat.plusNanos(intervalNanos);
        return Duration.ZERO;
    }

    /** Whole seconds to announce in {@code Retry-After}: rounded up, at least 1. */
    public static long retryAfterSeconds(Duration wait) {
        long s = wait.getSeconds() + (wait.getNano() > 0 ? 1 : 0);
        return Math.max(1, s);
    }
}
