package io.partnerflow.platform.outbox;

import io.partnerflow.platform.jobs.AdvisoryLock;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Outbox retention: relayed rows are kept {@code partnerflow.outbox.retention} (default 7 days — audit, and a window to
 * re-relay by hand) and then deleted, {@value #CHUNK} rows per transaction, once across replicas (advisory lock).
 * Debezium reads the WAL, not the table, so deleting never loses an event the relay has not read yet: a row
 * that old was decoded long ago or its slot is gone. The publication publishes INSERTs only: the deletes are not relayed.
 */
@ApplicationScoped
public class OutboxPurge {
    private static final Logger LOG = Logger.getLogger(OutboxPurge.class);
    static final int CHUNK = 5000;
    private static final String DELETE = """
            delete from outbox_event where id in (
                select id from outbox_event where created_at < ?1 order by created_at limit %d)""".formatted(CHUNK);

    private final AdvisoryLock lock;
    private final Duration retention;

    public OutboxPurge(AdvisoryLock lock,
                       @ConfigProperty(name = "partnerflow.outbox.retention", defaultValue = "P7D") Duration retention) {
        this.lock = lock;
        this.retention = retention;
    }

    @Scheduled(identity = "outbox-purge", every = "${partnerflow.outbox.purge-every:1h}", delayed = "${partnerflow.outbox.purge-delay:120s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public Uni<Void> run() {
        return purgeOlderThan(OffsetDateTime.now(ZoneOffset.UTC).minus(retention))
                .invoke(n -> {
                    if (n > 0) {
                        LOG.infof("outbox purge: %d relayed rows older than %s deleted", n, retention);
                    }
                })
                .onFailure().invoke(t -> LOG.warnf("outbox purge failed (next run retries): %s", t.toString()))
                .onFailure().recoverWithItem(0L)
                .replaceWithVoid();
    }

    /** Deletes outbox rows created before {@code cutoff}; answers how many. */
    public Uni<Long> purgeOlderThan(OffsetDateTime cutoff) {
        return chunk(cutoff, 0L);
    }

    private Uni<Long> chunk(OffsetDateTime cutoff, long sofar) {
        return Panache.withTransaction(() -> lock.tryLock("outbox-purge").chain(mine -> !mine
                        ? Uni.createFrom().item(-1)
                        : Panache.getSession().chain(s -> s.createNativeQuery(DELETE).setParameter(1, cutoff).executeUpdate())))
                .chain(n -> n < CHUNK ? Uni.createFrom().item(sofar + Math.max(0, n)) : chunk(cutoff, sofar + n));
    }
}
