package io.partnerflow.platform.messaging;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Reads a consumer batch makes once instead of once per event (issue #16): reference data that no event of the batch
 * changes — a program catalog, the closed periods, an FX table — read at its first use inside the batch's transaction
 * and shared by the batch's later events. Lives from {@link #begin()} to {@link #end()} on the batch's Vert.x context
 * (the platform's {@link EventConsumer} opens it around each batch transaction, so a retried or bisected batch reads
 * afresh); outside a batch, {@link #get} simply reads.
 */
public final class BatchMemo {
    private static final String KEY = "partnerflow.batch.memo";

    private BatchMemo() {
    }

    static void begin() {
        Context ctx = Vertx.currentContext();
        if (ctx != null) {
            ctx.putLocal(KEY, new HashMap<String, Uni<?>>());
        }
    }

    static void end() {
        Context ctx = Vertx.currentContext();
        if (ctx != null) {
            ctx.removeLocal(KEY);
        }
    }

    /** The batch's one read of {@code key} (the same item for every event of the batch), or a fresh read outside one. */
    @SuppressWarnings("unchecked")
    public static <T> Uni<T> get(String key, Supplier<Uni<T>> read) {
        Context ctx = Vertx.currentContext();
        Map<String, Uni<?>> memo = ctx == null ? null : ctx.getLocal(KEY);
        if (memo == null) {
            return read.get();
        }
        return (Uni<T>) memo.computeIfAbsent(key, k -> read.get().memoize().indefinitely());
    }
}
