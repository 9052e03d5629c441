package io.partnerflow.payout.application;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/** Approves earnings whose hold window ended, at {@code payout.earnings.approval-every}; once across replicas. */
@ApplicationScoped
public class EarningApprovalJob {
    private static final Logger LOG = Logger.getLogger(EarningApprovalJob.class);

    private final EarningService earnings;

    public EarningApprovalJob(EarningService earnings) {
        this.earnings = earnings;
    }

    @Scheduled(identity = "earning-approval", every = "${payout.earnings.approval-every}", delayed = "30s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public Uni<Void> run() {
        return earnings.approveDue().invoke(n -> {
            if (n > 0) {
                LOG.infof("approved %d earnings whose hold window ended", n);
            }
        }).replaceWithVoid();
    }
}
