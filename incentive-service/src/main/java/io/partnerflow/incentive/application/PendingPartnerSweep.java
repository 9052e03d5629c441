package io.partnerflow.incentive.application;

import io.partnerflow.platform.jobs.Rounds;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * Drains the queues of work whose head can run by now ({@link EarningEngine#runnableQueues}), at
 * {@code incentive.pending.sweep-every}, a chunk per transaction until none is left (at most 1,000 rounds a run).
 */
@ApplicationScoped
public class PendingPartnerSweep {
    private static final Logger LOG = Logger.getLogger(PendingPartnerSweep.class);

    private final EarningEngine engine;

    public PendingPartnerSweep(EarningEngine engine) {
        this.engine = engine;
    }

    @Scheduled(identity = "incentive-pending-sweep", every = "${incentive.pending.sweep-every}", delayed = "10s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public Uni<Void> run() {
        return Rounds.sweep("pending work", engine.runnableQueues(), 1000).invoke(s -> {
                    if (s.done() > 0 || s.skipped() > 0) {
                        LOG.infof("ran %d queues of work that can run by now; %d failed (left for the next run)", s.done(), s.skipped());
                    }
                }).onFailure().invoke(t -> LOG.warnf("waiting work not run (the next run retries): %s", t.toString()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }
}
