package io.partnerflow.analytics.application;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * Awards the "top 10 % of the quarter" badges of the quarter that ended last, on the segment evaluation's cadence
 * ({@code analytics.segments.evaluation.every}; {@code off} disables it). Idempotent: a badge already held is skipped
 * by its primary key, so replicas running it at once award and publish nothing twice.
 */
@ApplicationScoped
public class QuarterBadgeJob {
    private static final Logger LOG = Logger.getLogger(QuarterBadgeJob.class);

    private final ChallengeService service;

    public QuarterBadgeJob(ChallengeService service) {
        this.service = service;
    }

    @Scheduled(identity = "quarter-badges", every = "${analytics.segments.evaluation.every}", delayed = "90s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public Uni<Void> run() {
        var quarter = service.previousQuarter();
        return service.evaluateQuarter(quarter)
                .invoke(n -> LOG.infof("quarter badges of %s: %d new", quarter.key(), n))
                .replaceWithVoid();
    }
}
