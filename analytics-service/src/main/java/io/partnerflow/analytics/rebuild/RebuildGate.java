package io.partnerflow.analytics.rebuild;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * Holds the live consumers while a rebuild runs: a batch that arrives while the gate is closed waits (its records stay
 * unacknowledged, Kafka keeps them) and is applied after the rebuild — the inbox then skips what the rebuild already
 * applied. {@link #close()} + {@link #awaitIdle(Duration)} let the batches in flight finish first.
 */
@ApplicationScoped
public class RebuildGate {
    private boolean closed;
    private int inFlight;
    private CompletableFuture<Void> opened = CompletableFuture.completedFuture(null);

    /** Runs {@code batch} now, or once the gate opens again (on the caller's Vert.x context). */
    public Uni<Void> guard(Supplier<Uni<Void>> batch) {
        Context context = Vertx.currentContext();
        return Uni.createFrom().deferred(() -> {
            CompletableFuture<Void> wait = enter();
            if (wait == null) {
                return Uni.createFrom().<Void>deferred(batch::get).onTermination().invoke(this::leave);
            }
            return Uni.createFrom().completionStage(wait)
                    .emitOn(task -> {
                        if (context == null) {
                            task.run();
                        } else {
                            context.runOnContext(ignored -> task.run());
                        }
                    })
                    .chain(() -> guard(batch));
        });
    }

    private synchronized CompletableFuture<Void> enter() {
        if (closed) {
            return opened;
        }
        inFlight++;
        return null;
    }

    private synchronized void leave() {
        inFlight--;
        notifyAll();
    }

    /** New batches wait from now on. */
    public synchronized void close() {
        if (!closed) {
            closed = true;
            opened = new CompletableFuture<>();
        }
    }

    /** Blocks until no batch is being applied; false when {@code max} passed first. */
    public synchronized boolean awaitIdle(Duration max) throws InterruptedException {
        long deadline = System.nanoTime() + max.toNanos();
        while (inFlight > 0) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return true;
    }

    /** The waiting batches go on. */
    public void open() {
        CompletableFuture<Void> release;
        synchronized (this) {
            closed = false;
            release = opened;
        }
        release.complete(null);
    }
}
