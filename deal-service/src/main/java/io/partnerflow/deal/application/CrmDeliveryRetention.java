package io.partnerflow.deal.application;

import io.partnerflow.deal.config.DealConfig;
import io.partnerflow.deal.persistence.CrmDeliveryEntity;
import io.partnerflow.platform.jobs.AdvisoryLock;
import io.partnerflow.platform.problem.ProblemException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Retention of raw CRM deliveries: a delivery received more than {@code deal.webhooks.retention} ago (default 400
 * days) loses its raw payload (body and headers); its row stays as a tombstone (id, status, outcome, receipt and
 * purge times), so a redelivery of the same id is still answered "duplicate" and a replay answers 410 Gone. Runs
 * every {@code deal.webhooks.retention-every}, {@value #CHUNK} rows per transaction, once across replicas
 * (advisory lock).
 */
@ApplicationScoped
public class CrmDeliveryRetention {
    private static final Logger LOG = Logger.getLogger(CrmDeliveryRetention.class);
    static final int CHUNK = 1000;
    private static final String PURGE = """
            update crm_delivery set payload = null, purged_at = ?2 where delivery_id in (
                select delivery_id from crm_delivery where purged_at is null and received_at < ?1
                order by received_at limit %d)""".formatted(CHUNK);

    private final DealConfig config;
    private final AdvisoryLock lock;
    private final Clock clock;

    public CrmDeliveryRetention(DealConfig config, AdvisoryLock lock, Clock clock) {
        this.config = config;
        this.lock = lock;
        this.clock = clock;
    }

    @Scheduled(identity = "crm-delivery-retention", every = "${deal.webhooks.retention-every:1h}", delayed = "90s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> run() {
        return purge(clock.instant())
                .invoke(n -> {
                    if (n > 0) {
                        LOG.infof("CRM delivery retention: raw payload of %d deliveries older than %s purged", n,
                                config.webhooks().retention());
                    }
                })
                .onFailure().invoke(e -> LOG.warnf("CRM delivery retention failed (the next run retries): %s", e.toString()))
                .onFailure().recoverWithItem(0L).replaceWithVoid();
    }

    /** Purges every delivery received before {@code now - retention}; answers how many (-1 per chunk another replica ran). */
    public Uni<Long> purge(Instant now) {
        return chunk(now.minus(config.webhooks().retention()), now, 0L);
    }

    private Uni<Long> chunk(Instant cutoff, Instant now, long sofar) {
        return Panache.withTransaction(() -> lock.tryLock("crm-delivery-retention").chain(mine -> !mine
                        ? Uni.createFrom().item(-1)
                        : Panache.getSession().chain(s -> s.createNativeQuery(PURGE)
                        .setParameter(1, OffsetDateTime.ofInstant(cutoff, ZoneOffset.UTC))
                        .setParameter(2, OffsetDateTime.ofInstant(now, ZoneOffset.UTC)).executeUpdate())))
                .chain(n -> n < CHUNK ? Uni.createFrom().item(sofar + Math.max(0, n)) : chunk(cutoff, now, sofar + n));
    }

    /** 410: the delivery's raw payload is gone (retention); there is nothing left to replay. */
    static ProblemException gone(CrmDeliveryEntity row) {
        return new ProblemException(410, "Gone", "CRM delivery " + row.deliveryId + " was received at " + row.receivedAt
                + " and its raw payload was purged at " + row.purgedAt + " (retention "
                + "deal.webhooks.retention): it can no longer be replayed — ask the CRM to send the record again",
                "urn:partnerflow:problem:delivery-purged", null);
    }
}
