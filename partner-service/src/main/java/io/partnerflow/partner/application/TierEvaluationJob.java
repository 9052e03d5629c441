package io.partnerflow.partner.application;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * The scheduled tier evaluation of every partner, as of today, at {@code partner.tiers.evaluation.every}
 * ({@code off} disables it). Runs once across replicas (advisory lock in {@link TierService#evaluateAll}).
 */
@ApplicationScoped
public class TierEvaluationJob {
    private static final Logger LOG = Logger.getLogger(TierEvaluationJob.class);

    private final TierService tiers;

    public TierEvaluationJob(TierService tiers) {
        this.tiers = tiers;
    }

    @Scheduled(identity = "tier-evaluation", every = "${partner.tiers.evaluation.every}", delayed = "30s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public Uni<Void> run() {
        return tiers.evaluateAll(null, TierService.SYSTEM_ACTOR, false)
                .invoke(r -> LOG.infof("tier evaluation as of %s: %d evaluated, %d changed, %d proposed, %d pending, %d skipped",
                        r.asOf(), r.evaluated(), r.changed(), r.proposed(), r.pending(), r.skipped()))
                .replaceWithVoid();
    }
}
