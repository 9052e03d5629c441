package io.partnerflow.payout.application;

import io.partnerflow.platform.jobs.Rounds;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * Books earnings left waiting for a partner that is known by now ({@link PartnerDirectory#stranded}), at
 * {@code payout.earnings.stranded-every}, a chunk per transaction until none is left (at most 1,000 rounds a run):
 * what a registration left to it (more than {@code payout.earnings.release-on-registration}), and the rare case where
 * a partner's registration and a chunk of its earnings committed at the same time, neither seeing the other.
 */
@ApplicationScoped
public class StrandedEarningsJob {
    private static final Logger LOG = Logger.getLogger(StrandedEarningsJob.class);

    private final PartnerDirectory partners;

    public StrandedEarningsJob(PartnerDirectory partners) {
        this.partners = partners;
    }

    @Scheduled(identity = "stranded-earnings", every = "${payout.earnings.stranded-every}", delayed = "10s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public Uni<Void> run() {
        return Rounds.sweep("stranded earnings", partners.stranded(), 1000).invoke(s -> {
                    if (s.done() > 0 || s.skipped() > 0) {
                        LOG.infof("booked %d earnings that waited for a partner known by now; the earnings of %d partners failed (left for the next run)",
                                s.done(), s.skipped());
                    }
                }).onFailure().invoke(t -> LOG.warnf("waiting earnings not booked (the next run retries): %s", t.toString()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }
}
