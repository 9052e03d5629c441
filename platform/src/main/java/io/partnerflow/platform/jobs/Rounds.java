package io.partnerflow.platform.jobs;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

import java.util.function.Supplier;
import java.util.stream.Collectors;

/** A scheduled job's work done in rounds, each in a transaction of its own, so that no transaction grows with the backlog. */
public final class Rounds {
    private Rounds() {
    }

    /**
     * Runs {@code round} — which answers how much it did — in a transaction of its own, again while it did something,
     * at most {@code maxRounds} times; answers the total.
     */
    public static Uni<Integer> untilNone(Supplier<Uni<Integer>> round, int maxRounds) {
        return Multi.createBy().repeating().uni(() -> Panache.withTransaction(round)).whilst(n -> n > 0)
                .select().first(maxRounds)
                .collect().with(Collectors.summingInt(Integer::intValue));
    }
}
