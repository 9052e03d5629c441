package io.partnerflow.payout.persistence;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Database steps run one after the other on the current session, as a flat stream. Chaining one {@code Uni} per row
 * ({@code chain = chain.chain(...)} in a loop) nests a subscription per row: with thousands of rows (a payout run over
 * every approved earning, the approval of every due earning) that overflows the event loop's stack and the request
 * never completes. This runs any number of steps with constant stack depth.
 */
public final class Steps {
    private final List<Supplier<? extends Uni<?>>> steps = new ArrayList<>();

    private Steps() {
    }

    public static Steps start() {
        return new Steps();
    }

    public static Steps start(Supplier<? extends Uni<?>> first) {
        return new Steps().chain(first);
    }

    /** Appends a step (runs after the previous ones completed). */
    public Steps chain(Supplier<? extends Uni<?>> step) {
        steps.add(step);
        return this;
    }

    public int size() {
        return steps.size();
    }

    public Uni<Void> run() {
        if (steps.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return Multi.createFrom().iterable(steps)
                .onItem().transformToUniAndConcatenate(s -> s.get().replaceWith(Boolean.TRUE))
                .collect().last().replaceWithVoid();
    }
}
