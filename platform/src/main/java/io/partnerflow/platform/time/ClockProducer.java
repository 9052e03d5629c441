package io.partnerflow.platform.time;

import io.partnerflow.platform.PlatformConfig;
import jakarta.enterprise.inject.Produces;
import jakarta.enterprise.inject.Typed;
import jakarta.inject.Singleton;

import java.time.Clock;

/**
 * Produces the service's one clock: inject {@code Clock} everywhere (never {@code Instant.now()});
 * tests and the clock endpoint inject {@link AdjustableClock}, the same instance.
 */
@Singleton
public class ClockProducer {
    private final AdjustableClock clock;

    public ClockProducer(PlatformConfig config) {
        this.clock = AdjustableClock.systemUtc();
        config.clock().start().ifPresent(clock::setInstant);
    }

    @Produces
    @Singleton
    @Typed(Clock.class)
    Clock clock() {
        return clock;
    }

    @Produces
    @Singleton
    @Typed(AdjustableClock.class)
    AdjustableClock adjustableClock() {
        return clock;
    }
}
