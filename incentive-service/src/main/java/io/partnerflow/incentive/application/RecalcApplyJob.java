package io.partnerflow.incentive.application;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * Applies approved recalculation runs in the background (issue #19): a scheduled tick takes the oldest run in
 * {@code applying}, re-plans it (what was already posted nets out, so after a restart only the rest is left — the
 * run resumes by itself) and posts the remaining deltas in chunks of {@link #CHUNK}, each chunk in one transaction
 * with the run's {@code processed}; between chunks a cancel stops it (what was posted stays posted, each delta being
 * exact on its own). Delta ids are name-based (run + deal + rule + partner, run + period earning), so two replicas
 * posting the same chunk post it once.
 */
@ApplicationScoped
public class RecalcApplyJob {
    static final int CHUNK = 200;
    private static final Logger LOG = Logger.getLogger(RecalcApplyJob.class);

    private final RecalcService recalc;

    public RecalcApplyJob(RecalcService recalc) {
        this.recalc = recalc;
    }

    @Scheduled(identity = "incentive-recalc-apply", every = "1s", delayed = "5s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public Uni<Void> tick() {
        return recalc.nextApplying()
                .chain(a -> a == null ? Uni.createFrom().voidItem() : chunks(a, 0))
                .onFailure().recoverWithUni(t -> {
                    LOG.warnf("applying a recalculation run failed (retried on the next tick): %s", t.toString());
                    return Uni.createFrom().voidItem();
                });
    }

    private Uni<Void> chunks(RecalcService.Applying a, int from) {
        int size = a.remaining().size();
        if (from >= size) {
            return recalc.finishApplying(a.runId());
        }
        int to = Math.min(size, from + CHUNK);
        return recalc.postChunk(a, from, to).chain(goOn -> goOn ? chunks(a, to) : Uni.createFrom().voidItem());
    }
}
