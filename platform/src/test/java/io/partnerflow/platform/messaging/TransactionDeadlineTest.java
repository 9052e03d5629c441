package io.partnerflow.platform.messaging;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TransactionDeadlineTest {

    @Test
    void aTransactionThatNeverAnswersIsCancelledOnItsContextAndEndsAsAnOutage() throws Exception {
        Vertx vertx = Vertx.vertx();
        try {
            Context context = vertx.getOrCreateContext();
            CompletableFuture<Context> cancelledOn = new CompletableFuture<>();
            CompletableFuture<Throwable> outcome = new CompletableFuture<>();
            context.runOnContext(ignored -> TransactionDeadline.within(
                            Uni.createFrom().<String>nothing().onCancellation().invoke(() -> cancelledOn.complete(Vertx.currentContext())),
                            Duration.ofMillis(50))
                    .subscribe().with(item -> outcome.complete(null), outcome::complete));
            Throwable failure = outcome.get(5, TimeUnit.SECONDS);
            assertInstanceOf(TransactionDeadline.Expired.class, failure);
            assertTrue(Failures.isInfrastructure(failure), "an expired transaction is waited out, never dead-lettered");
            assertSame(context, cancelledOn.get(5, TimeUnit.SECONDS), "the hung transaction is cancelled on its own context");
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void anAnswerInTimeOrAFailurePassesThrough() throws Exception {
        Vertx vertx = Vertx.vertx();
        try {
            Context context = vertx.getOrCreateContext();
            CompletableFuture<String> item = new CompletableFuture<>();
            CompletableFuture<Throwable> failure = new CompletableFuture<>();
            IllegalStateException poison = new IllegalStateException("poison");
            context.runOnContext(ignored -> {
                TransactionDeadline.within(Uni.createFrom().item("done"), Duration.ofSeconds(5))
                        .subscribe().with(item::complete, item::completeExceptionally);
                TransactionDeadline.within(Uni.createFrom().<String>failure(poison), Duration.ofSeconds(5))
                        .subscribe().with(x -> failure.complete(null), failure::complete);
            });
            assertEquals("done", item.get(5, TimeUnit.SECONDS));
            assertSame(poison, failure.get(5, TimeUnit.SECONDS));
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void withoutAVertxContextTheBoundStillHolds() {
        Throwable failure = org.junit.jupiter.api.Assertions.assertThrows(TransactionDeadline.Expired.class,
                () -> TransactionDeadline.within(Uni.createFrom().nothing(), Duration.ofMillis(20))
                        .await().atMost(Duration.ofSeconds(5)));
        assertTrue(Failures.isInfrastructure(failure));
    }
}
