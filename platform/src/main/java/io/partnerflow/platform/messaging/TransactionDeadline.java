package io.partnerflow.platform.messaging;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.Cancellable;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A bound on one consumer transaction (issue #16). When PostgreSQL terminates the session while a COMMIT waits for its
 * answer (SQLSTATE 57P01, {@code pg_terminate_backend}, a restart), the Vert.x PG client / Hibernate Reactive may
 * never complete the transaction's Uni; without a bound the partition would stall for good. After {@code limit} the
 * transaction is cancelled — ON the Vert.x context it started on, so Quarkus closes and forgets the session there (a
 * retry opens a fresh session, never the one whose COMMIT outcome is unknown) — and fails with
 * {@link Expired}, which {@link Failures#isInfrastructure} counts as an outage: the chunk is retried from the inbox,
 * which makes a COMMIT that did happen safe (the retry finds the ids processed and applies nothing twice).
 */
public final class TransactionDeadline {
    private TransactionDeadline() {
    }

    /** {@code transaction}, failing with {@link Expired} if it gives no item or failure within {@code limit}. */
    public static <T> Uni<T> within(Uni<T> transaction, Duration limit) {
        Context context = Vertx.currentContext();
        if (context == null) {
            return transaction.ifNoItem().after(limit).failWith(() -> new Expired(limit));
        }
        return Uni.createFrom().emitter(emitter -> {
            AtomicBoolean settled = new AtomicBoolean();
            Cancellable[] subscription = new Cancellable[1];
            long timer = context.owner().setTimer(Math.max(1, limit.toMillis()), id -> context.runOnContext(ignored -> {
                if (settled.compareAndSet(false, true)) {
                    if (subscription[0] != null) {
                        subscription[0].cancel(); // Quarkus closes the session and forgets it on this context
                    }
                    emitter.fail(new Expired(limit));
                }
            }));
            subscription[0] = transaction.subscribe().with(item -> {
                if (settled.compareAndSet(false, true)) {
                    context.owner().cancelTimer(timer);
                    emitter.complete(item);
                }
            }, failure -> {
                if (settled.compareAndSet(false, true)) {
                    context.owner().cancelTimer(timer);
                    emitter.fail(failure);
                }
            });
            emitter.onTermination(() -> {
                if (settled.compareAndSet(false, true)) { // cancelled from downstream
                    context.owner().cancelTimer(timer);
                    if (subscription[0] != null) {
                        subscription[0].cancel();
                    }
                }
            });
        });
    }

    /** The transaction gave no answer in time: its outcome is unknown — an outage, retried from the inbox. */
    public static final class Expired extends RuntimeException {
        public Expired(Duration limit) {
            super("the consumer transaction gave no answer within " + limit.toMillis()
                    + " ms (partnerflow.consumer.transaction-timeout-millis): connection lost during COMMIT?");
        }
    }
}
