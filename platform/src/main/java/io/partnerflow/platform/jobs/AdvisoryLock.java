package io.partnerflow.platform.jobs;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * "Run once across replicas" for scheduled jobs (DESIGN.md "Scheduled jobs"): a PostgreSQL transaction-scoped
 * advisory lock named after the job. Call {@link #tryLock} first thing in the job's transaction: the replica that
 * gets {@code true} runs the job, the others skip; the lock is released when that transaction commits or rolls
 * back, so a crashed replica never leaves it held.
 */
@ApplicationScoped
public class AdvisoryLock {
    private static final String TRY = "select pg_try_advisory_xact_lock(hashtextextended(cast(?1 as text), 0))";

    /** True when this transaction now holds the lock {@code name}; false when another transaction holds it. */
    public Uni<Boolean> tryLock(String name) {
        return Panache.currentTransaction().chain(tx -> {
            if (tx == null) {
                return Uni.createFrom().failure(new IllegalStateException(
                        "AdvisoryLock.tryLock must run inside a transaction (Panache.withTransaction)"));
            }
            return Panache.getSession().chain(s -> s.createNativeQuery(TRY, Boolean.class)
                    .setParameter(1, name).getSingleResult());
        });
    }
}
