package io.partnerflow.platform.messaging;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * How a batch that fails on its data is taken apart: apply the whole list in one go; if that fails, split it in two
 * halves and apply the left half before the right one (so records keep their offset order), recursively, until the
 * failing record stands alone — that one is poison, everything else is applied. Pure: {@code apply} is the only
 * effect, and it is all-or-nothing (one database transaction) for the chunk it is given.
 *
 * <p>A poison record among n costs about 2·log2(n) extra attempts; k poison records about 2·k·log2(n/k).
 * Infrastructure outages must be waited out INSIDE {@code apply} (they are nobody's data): a failure that reaches
 * the bisection is taken as the chunk's fault.
 */
public final class Bisection {

    private Bisection() {
    }

    /** What became of a batch: the chunks applied (in order) and the records that failed alone, with the reason. */
    public record Outcome<T>(List<List<T>> applied, List<Poison<T>> poison) {
        public List<T> appliedItems() {
            return applied.stream().flatMap(List::stream).toList();
        }
    }

    public record Poison<T>(T item, Throwable reason) {
    }

    /**
     * Applies {@code items} through {@code apply}, bisecting on failure. The returned Uni fails only if
     * {@code apply} throws instead of returning a failed Uni (a programming error).
     */
    public static <T> Uni<Outcome<T>> run(List<T> items, Function<List<T>, Uni<Void>> apply) {
        List<List<T>> applied = new ArrayList<>();
        List<Poison<T>> poison = new ArrayList<>();
        if (items.isEmpty()) {
            return Uni.createFrom().item(new Outcome<>(applied, poison));
        }
        return process(List.copyOf(items), apply, applied, poison)
                .replaceWith(() -> new Outcome<>(List.copyOf(applied), List.copyOf(poison)));
    }

    private static <T> Uni<Void> process(List<T> chunk, Function<List<T>, Uni<Void>> apply,
                                         List<List<T>> applied, List<Poison<T>> poison) {
        return Uni.createFrom().deferred(() -> apply.apply(chunk))
                .onItem().invoke(() -> applied.add(chunk))
                .onFailure().recoverWithUni(failure -> {
                    if (chunk.size() == 1) {
                        poison.add(new Poison<>(chunk.get(0), failure));
                        return Uni.createFrom().voidItem();
                    }
                    int middle = chunk.size() / 2;
                    // left half fully settled before the right half starts: per-key offset order is kept
                    return Multi.createFrom().items(chunk.subList(0, middle), chunk.subList(middle, chunk.size()))
                            .onItem().transformToUniAndConcatenate(half -> process(half, apply, applied, poison))
                            .collect().last().replaceWithVoid();
                });
    }
}
