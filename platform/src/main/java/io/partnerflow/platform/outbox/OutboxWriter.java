package io.partnerflow.platform.outbox;

import io.partnerflow.contracts.EventJson;
import io.partnerflow.platform.PlatformConfig;
import io.partnerflow.platform.trace.TraceContext;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Appends an event to the service's {@code outbox_event} table INSIDE the caller's Hibernate Reactive
 * transaction ({@code Panache.withTransaction}); it refuses to run outside one. If the business
 * transaction rolls back, the row is gone and nothing is published; once it commits, Debezium relays
 * it to Kafka. Business code never talks to a Kafka emitter directly.
 */
@ApplicationScoped
public class OutboxWriter {
    private static final String INSERT = """
            insert into outbox_event (id, aggregate_type, aggregate_id, topic, type, source, subject,
                                      occurred_at, payload, traceparent, tracestate)
            values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, cast(cast(?9 as text) as jsonb), ?10, ?11)""";

    private final String source;

    public OutboxWriter(PlatformConfig config) {
        this.source = "/partnerflow/" + config.serviceName();
    }

    public Uni<Void> append(OutboxEvent e) {
        return Panache.currentTransaction().chain(tx -> {
            if (tx == null) {
                return Uni.createFrom().failure(new IllegalStateException(
                        "OutboxWriter.append must run inside the business transaction (Panache.withTransaction)"));
            }
            String payload = EventJson.writeString(e.data());
            TraceContext trace = TraceContext.current();
            return Panache.getSession().chain(s -> s.createNativeQuery(INSERT)
                    .setParameter(1, e.id())
                    .setParameter(2, e.aggregateType())
                    .setParameter(3, e.aggregateId())
                    .setParameter(4, e.topic())
                    .setParameter(5, e.type())
                    .setParameter(6, source)
                    .setParameter(7, e.subject() == null ? e.aggregateId() : e.subject())
                    .setParameter(8, OffsetDateTime.ofInstant(e.occurredAt(), ZoneOffset.UTC))
                    .setParameter(9, payload)
                    .setParameter(10, trace.traceparent())
                    .setParameter(11, trace.tracestate())
                    .executeUpdate());
        }).replaceWithVoid();
    }

    public String source() {
        return source;
    }
}
