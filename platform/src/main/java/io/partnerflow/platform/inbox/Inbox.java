package io.partnerflow.platform.inbox;

import io.partnerflow.platform.persistence.Pg;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The consumer inbox: records {@code (consumer, event_id)} in the SAME transaction as the consumer's
 * effect. The first delivery inserts the row and applies the effect; a redelivery finds the row and
 * does nothing. A concurrent duplicate blocks on the primary key until the first commits, then skips.
 */
@ApplicationScoped
public class Inbox {
    /** Rows per INSERT (its arrays stay a few hundred KB). */
    static final int ROWS_PER_STATEMENT = 1000;
    private static final String MARK = """
            insert into processed_event (consumer, event_id, event_type, topic)
            values (?1, ?2, ?3, ?4) on conflict do nothing""";

    /** An event to record: its id, type and topic. */
    public record Entry(String eventId, String eventType, String topic) {
    }

    /** True when this is the first time {@code consumer} sees {@code eventId}. Must run in a transaction. */
    public Uni<Boolean> firstDelivery(String consumer, String eventId, String eventType, String topic) {
        return Panache.getSession().chain(s -> s.createNativeQuery(MARK)
                        .setParameter(1, consumer)
                        .setParameter(2, eventId)
                        .setParameter(3, eventType)
                        .setParameter(4, topic)
                        .executeUpdate())
                .map(rows -> rows == 1);
    }

    /**
     * Records all {@code entries} at once ({@code INSERT … ON CONFLICT DO NOTHING RETURNING event_id}) and answers the
     * ids seen for the FIRST time — the ones to apply; the others were applied before (or appear twice in
     * {@code entries}: only one copy is new). Must run in the transaction of the effects.
     */
    public Uni<Set<String>> firstDeliveries(String consumer, List<Entry> entries) {
        Set<String> fresh = new HashSet<>();
        Uni<Void> all = Uni.createFrom().voidItem();
        for (int from = 0; from < entries.size(); from += ROWS_PER_STATEMENT) {
            List<Entry> part = entries.subList(from, Math.min(entries.size(), from + ROWS_PER_STATEMENT));
            all = all.chain(() -> markAll(consumer, part).invoke(fresh::addAll).replaceWithVoid());
        }
        return all.replaceWith(() -> fresh);
    }

    /**
     * One statement text whatever the number of entries (arrays, not one VALUES tuple per entry): PostgreSQL parses and
     * plans it once per connection (the prepared-statement cache), not once per batch size.
     */
    static final String MARK_ALL = "insert into processed_event (consumer, event_id, event_type, topic)"
            + " select cast($1 as text), x.i, x.y, x.t from unnest($2::text[], $3::text[], $4::text[]) as x(i, y, t)"
            + " on conflict do nothing returning event_id";

    /** On the session's connection without Hibernate's query machinery ({@link Pg}): this runs for every batch. */
    private Uni<List<String>> markAll(String consumer, List<Entry> entries) {
        String[] ids = new String[entries.size()];
        String[] types = new String[entries.size()];
        String[] topics = new String[entries.size()];
        for (int r = 0; r < entries.size(); r++) {
            Entry e = entries.get(r);
            ids[r] = e.eventId();
            types[r] = e.eventType();
            topics[r] = e.topic();
        }
        return Pg.strings(MARK_ALL, consumer, ids, types, topics);
    }
}
