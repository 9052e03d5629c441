package io.partnerflow.portal.web;

import io.smallrye.mutiny.infrastructure.Infrastructure;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

/**
 * Independent service calls of one page, made at the same time (a page's time is then its slowest call, not their sum).
 * Runs them on Quarkus' worker pool; {@link #join} rethrows a call's own exception (a {@code ServiceError} stays one).
 */
final class Parallel {
    private Parallel() {
    }

    static <T> CompletableFuture<T> async(Supplier<T> call) {
        return CompletableFuture.supplyAsync(call, Infrastructure.getDefaultWorkerPool());
    }

    static <T> T join(CompletableFuture<T> f) {
        try {
            return f.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw e;
        }
    }
}
