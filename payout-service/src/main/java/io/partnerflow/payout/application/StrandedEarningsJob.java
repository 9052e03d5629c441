package io.partnerflow.payout.application;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * Books earnings left waiting for a partner that is known by now ({@link PartnerDirectory#bookStranded}), at
 * {@code payout.earnings.stranded-every}: the rare case where a partner's registration and a chunk of its earnings
 * committed at the same time, neither seeing the other.
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
        return Panache.withTransaction(partners::bookStranded).invoke(n -> {
            if (n > 0) {
                LOG.warnf("booked the waiting earnings of %d partners whose registration committed beside them", n);
            }
        }).onFailure().invoke(t -> LOG.warnf("stranded earnings not booked (the next run retries): %s", t.toString()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }
}
