package io.partnerflow.platform.time;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The one clock of a service (DESIGN.md "Time"): UTC, running with the system clock plus an offset
 * that tests and demos can move to replay history. Production keeps the offset at zero.
 */
public final class AdjustableClock extends Clock {
    private final Clock base;
    private final AtomicReference<Duration> offset;

    public AdjustableClock(Clock base, Duration offset) {
        this.base = base;
        this.offset = new AtomicReference<>(offset);
    }

    public static AdjustableClock systemUtc() {
        return new AdjustableClock(Clock.systemUTC(), Duration.ZERO);
    }

    /** From now on, time reads {@code instant} and runs forward from there. */
    public void setInstant(Instant instant) {
        offset.set(Duration.between(base.instant(), instant));
    }

    public void advance(Duration d) {
        offset.updateAndGet(o -> o.plus(d));
    }

    public void reset() {
        offset.set(Duration.ZERO);
    }

    @Override
    public Instant instant() {
        return base.instant().plus(offset.get());
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("Partnerflow instants are UTC; convert periods explicitly");
    }
}
