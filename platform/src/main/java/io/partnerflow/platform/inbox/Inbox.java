package io.partnerflow.platform.inbox;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The consumer inbox: records {@code (consumer, event_id)} in the SAME transaction as the consumer's
 * effect. The first delivery inserts the row and applies the effect; a redelivery finds the row and
 * does nothing. A concurrent duplicate blocks on the primary key until the first commits, then skips.
 */
@ApplicationScoped
public class Inbox {
    private static final String MARK = """
            insert into processed_event (consumer, event_id, event_type, topic)
            values (?1, ?2, ?3, ?4) on conflict do nothing""";

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
}
