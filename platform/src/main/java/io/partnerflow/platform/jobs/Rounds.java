package io.partnerflow.platform.jobs;

import io.partnerflow.platform.messaging.Failures;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A scheduled job's work done in rounds, each in a transaction of its own, so that no transaction grows with the
 * backlog — and so that one item that always fails holds up only itself: when a round fails for a reason in the data,
 * its items are worked one per transaction, the failing ones are logged and left out of this run's later rounds (the
 * next run tries them again), the rest are done. A deadlock or serialization failure is tried again (up to three
 * times) before it counts as a failure; an outage ends the run.
 */
public final class Rounds {
    private static final Logger LOG = Logger.getLogger(Rounds.class);

    private Rounds() {
    }

    /** The work of a sweep, a chunk per round; both methods run inside the round's transaction. */
    public interface Chunked<K> {
        /** The next chunk of items to work, none of {@code skip} (items that failed earlier in this run). */
        Uni<List<K>> pick(Set<K> skip);

        /**
         * Works {@code items}; answers how many of them changed. An item that did not change must not be picked again
         * (or the rounds only end at their maximum).
         */
        Uni<Integer> work(List<K> items);

        static <K> Chunked<K> of(Function<Set<K>, Uni<List<K>>> pick, Function<List<K>, Uni<Integer>> work) {
            return new Chunked<>() {
                @Override
                public Uni<List<K>> pick(Set<K> skip) {
                    return pick.apply(skip);
                }

                @Override
                public Uni<Integer> work(List<K> items) {
                    return work.apply(items);
                }
            };
        }
    }

    /** What a run of {@link #sweep} did: items changed, and items that failed and were left for the next run. */
    public record Swept(int done, int skipped) {
    }

    /**
     * Runs rounds of {@code chunked} — pick, then work, in a transaction of its own — while a round changes or skips
     * something, at most {@code maxRounds} times. An outage (see {@link Failures#isInfrastructure}) ends the run with
     * that failure; the next run starts over.
     */
    public static <K> Uni<Swept> sweep(String name, Chunked<K> chunked, int maxRounds) {
        Set<K> skipped = new HashSet<>();
        AtomicInteger done = new AtomicInteger();
        return Multi.createBy().repeating().uni(() -> round(name, chunked, skipped, done)).whilst(n -> n > 0)
                .select().first(maxRounds)
                .collect().with(Collectors.counting())
                .map(rounds -> new Swept(done.get(), skipped.size()));
    }

    /** A deadlock or serialization failure is another transaction's timing: the same work again, a few times. */
    private static <T> Uni<T> againOnConflict(Uni<T> attempt) {
        return attempt.onFailure(Failures::isConcurrencyConflict).retry()
                .withBackOff(Duration.ofMillis(50), Duration.ofMillis(500)).atMost(3);
    }

    /** One round; answers its progress: the items it changed plus those it skipped. */
    private static <K> Uni<Integer> round(String name, Chunked<K> chunked, Set<K> skipped, AtomicInteger done) {
        List<K> picked = new ArrayList<>();
        return againOnConflict(Uni.createFrom().deferred(() -> {
                    picked.clear();
                    return Panache.withTransaction(() -> chunked.pick(Set.copyOf(skipped)).chain(items -> {
                        picked.addAll(items);
                        return items.isEmpty() ? Uni.createFrom().item(0) : chunked.work(items);
                    }));
                }))
                .invoke(done::addAndGet)
                .onFailure(t -> !picked.isEmpty() && !Failures.isInfrastructure(t))
                .recoverWithUni(t -> {
                    LOG.infof("%s: a round of %d items failed (%s); working them one per transaction", name, picked.size(), t.toString());
                    return oneByOne(name, chunked, picked, skipped, done);
                });
    }

    private static <K> Uni<Integer> oneByOne(String name, Chunked<K> chunked, List<K> items, Set<K> skipped, AtomicInteger done) {
        return Multi.createFrom().iterable(items).onItem().transformToUniAndConcatenate(item ->
                        againOnConflict(Uni.createFrom().deferred(() -> Panache.withTransaction(() -> chunked.work(List.of(item)))))
                                .invoke(done::addAndGet)
                                .onFailure(t -> !Failures.isInfrastructure(t)).recoverWithItem(t -> {
                                    LOG.warnf("%s: %s failed and is left for the next run: %s", name, item, t.toString());
                                    skipped.add(item);
                                    return 1;
                                }))
                .collect().with(Collectors.summingInt(Integer::intValue));
    }
}
