package io.partnerflow.incentive.application;

import io.partnerflow.incentive.config.IncentiveConfig;
import io.partnerflow.incentive.domain.period.CalendarPeriod;
import io.partnerflow.incentive.domain.period.Granularity;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;

/**
 * Scheduled period close (when {@code incentive.period-close.scheduled=true}): once the previous month (and, at
 * their ends, its quarter and year) is over by {@code incentive.period-close.grace}, it is closed — once across
 * replicas (the close takes the platform advisory lock; a concurrent run gets 409 and skips).
 */
@ApplicationScoped
public class PeriodCloseJob {
    private static final Logger LOG = Logger.getLogger(PeriodCloseJob.class);
    private final PeriodService periods;
    private final IncentiveConfig config;
    private final Clock clock;

    public PeriodCloseJob(PeriodService periods, IncentiveConfig config, Clock clock) {
        this.periods = periods;
        this.config = config;
        this.clock = clock;
    }

    @Scheduled(identity = "incentive-period-close", every = "1h", delayed = "60s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public Uni<Void> run() {
        if (!config.periodClose().scheduled()) {
            return Uni.createFrom().voidItem();
        }
        Instant asOf = clock.instant().minus(config.periodClose().grace());
        CalendarPeriod month = io.partnerflow.incentive.domain.period.Periods.periodOf(asOf, config.periodZone(), Granularity.MONTH).previous();
        Uni<Void> chain = closeQuietly(month);
        if (month.number() % 3 == 0) {
            chain = chain.chain(() -> closeQuietly(CalendarPeriod.quarter(month.year(), month.number() / 3)));
        }
        if (month.number() == 12) {
            chain = chain.chain(() -> closeQuietly(CalendarPeriod.year(month.year())));
        }
        return chain;
    }

    private Uni<Void> closeQuietly(CalendarPeriod p) {
        return periods.close(p.id(), "period-close-job")
                .invoke(r -> {
                    if (!r.alreadyClosed()) {
                        LOG.infof("closed period %s: %d settlement(s)", r.period(), r.settlements().size());
                    }
                })
                .replaceWithVoid()
                .onFailure().recoverWithUni(t -> {
                    LOG.warnf("period %s not closed: %s", p.id(), t.getMessage());
                    return Uni.createFrom().voidItem();
                });
    }
}
