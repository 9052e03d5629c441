package io.partnerflow.deal.application;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Clock;

/** Expires registrations after their protection period; once across replicas (advisory lock in the service). */
@ApplicationScoped
public class RegistrationExpiryJob {
    private static final Logger LOG = Logger.getLogger(RegistrationExpiryJob.class);

    private final RegistrationService registrations;
    private final Clock clock;

    public RegistrationExpiryJob(RegistrationService registrations, Clock clock) {
        this.registrations = registrations;
        this.clock = clock;
    }

    @Scheduled(identity = "registration-expiry", every = "${deal.registration.expiry-every}", delayed = "10s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> run() {
        return registrations.expireDue(clock.instant())
                .invoke(r -> {
                    if (r.expired() > 0) {
                        LOG.infof("expired %d deal registration(s)", r.expired());
                    }
                })
                .onFailure().invoke(e -> LOG.warn("registration expiry run failed; the next run retries", e))
                .onFailure().recoverWithNull().replaceWithVoid();
    }
}
