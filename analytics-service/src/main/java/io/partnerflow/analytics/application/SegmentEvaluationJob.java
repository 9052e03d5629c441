package io.partnerflow.analytics.application;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * The scheduled segment evaluation of the running quarter, at {@code analytics.segments.evaluation.every}
 * ({@code off} disables it). Runs once across replicas (advisory lock in {@link SegmentService#evaluate}).
 */
@ApplicationScoped
public class SegmentEvaluationJob {
    private static final Logger LOG = Logger.getLogger(SegmentEvaluationJob.class);

    private final SegmentService segments;

    public SegmentEvaluationJob(SegmentService segments) {
        this.segments = segments;
    }

    @Scheduled(identity = "segment-evaluation", every = "${analytics.segments.evaluation.every}", delayed = "60s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public Uni<Void> run() {
        return segments.evaluate(segments.currentQuarter())
                .invoke(o -> LOG.infof("segment evaluation of %s (rules v%d, as of %s): %d partners, %d changed%s", o.period(),
                        o.ruleSetVersion(), o.asOf(), o.evaluated(), o.changed(), o.skipped() ? " (skipped: another replica runs it)" : ""))
                .replaceWithVoid();
    }
}
