package io.partnerflow.platform.messaging;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * The order in which a poll's records are applied. A poll returns records partition by partition: all of one
 * partition, then all of the next. When a poll spans a few hundred milliseconds (fuller polls, ADR 0004), records
 * of different keys that arrived one after the other can therefore come back in the opposite order. Example: a
 * delivery that opens a deal, then a refund of it, keyed by delivery id and so on two partitions. This merges the
 * partitions by record timestamp (when the record was produced) and keeps each partition's own order untouched.
 * The head of each partition is compared, never a later record, so records of one key keep their offset order
 * whatever their timestamps say. On equal timestamps the partition seen first in the poll goes first. Pure.
 */
public final class ArrivalOrder {

    private ArrivalOrder() {
    }

    public static <T> List<T> merge(List<T> records, Function<T, ?> partition, ToLongFunction<T> timestamp) {
        Map<Object, ArrayDeque<T>> byPartition = new LinkedHashMap<>();
        for (T r : records) {
            byPartition.computeIfAbsent(partition.apply(r), k -> new ArrayDeque<>()).add(r);
        }
        if (byPartition.size() < 2) {
            return records;
        }
        List<ArrayDeque<T>> heads = new ArrayList<>(byPartition.values());
        List<T> out = new ArrayList<>(records.size());
        while (out.size() < records.size()) {
            ArrayDeque<T> first = null;
            for (ArrayDeque<T> q : heads) {
                if (!q.isEmpty() && (first == null
                        || timestamp.applyAsLong(q.peekFirst()) < timestamp.applyAsLong(first.peekFirst()))) {
                    first = q;
                }
            }
            out.add(first.pollFirst());
        }
        return out;
    }
}
