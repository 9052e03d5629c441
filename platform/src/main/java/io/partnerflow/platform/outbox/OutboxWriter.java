package io.partnerflow.platform.outbox;

import io.partnerflow.contracts.EventJson;
import io.partnerflow.platform.PlatformConfig;
import io.partnerflow.platform.persistence.Pg;
import io.partnerflow.platform.trace.TraceContext;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Appends an event to the service's {@code outbox_event} table INSIDE the caller's Hibernate Reactive
 * transaction ({@code Panache.withTransaction}); it refuses to run outside one. If the business
 * transaction rolls back, the row is gone and nothing is published; once it commits, Debezium relays
 * it to Kafka. Business code never talks to a Kafka emitter directly.
 *
 * <p>Inside a consumer batch ({@link #beginBatch()} … {@link #flushBatch()}, driven by the platform's
 * EventConsumer) rows are collected instead and written together — one INSERT per
 * {@value #ROWS_PER_STATEMENT} rows — just before the batch's single commit. Each row keeps the trace context that
 * was current when it was appended (the event that caused it).
 */
@ApplicationScoped
public class OutboxWriter {
    static final int ROWS_PER_STATEMENT = 500;
    private static final String BATCH_KEY = "partnerflow.outbox.batch";

    private final String source;

    public OutboxWriter(PlatformConfig config) {
        this.source = "/partnerflow/" + config.serviceName();
    }

    public Uni<Void> append(OutboxEvent e) {
        return append(e, null);
    }

    /**
     * As {@link #append(OutboxEvent)}, with the trace context the row continues given explicitly (null: the current
     * one) — for work that handles several events at once, where "current" is not the event that caused the row.
     */
    public Uni<Void> append(OutboxEvent e, TraceContext trace) {
        return Panache.currentTransaction().chain(tx -> {
            if (tx == null) {
                return Uni.createFrom().failure(new IllegalStateException(
                        "OutboxWriter.append must run inside the business transaction (Panache.withTransaction)"));
            }
            Row row = row(e, trace == null ? TraceContext.current() : trace);
            List<Row> batch = currentBatch();
            if (batch != null) {
                batch.add(row);
                return Uni.createFrom().voidItem();
            }
            return insert(List.of(row));
        });
    }

    /** Starts collecting appended rows on the current Vert.x context (a consumer batch's transaction). */
    public void beginBatch() {
        Context ctx = Vertx.currentContext();
        if (ctx == null) {
            throw new IllegalStateException("a consumer batch runs on a Vert.x context");
        }
        ctx.putLocal(BATCH_KEY, new ArrayList<Row>());
    }

    /** Writes every row collected since {@link #beginBatch()} (still inside the transaction) and stops collecting. */
    public Uni<Void> flushBatch() {
        List<Row> rows = currentBatch();
        discardBatch();
        if (rows == null || rows.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<Uni<Void>> statements = new ArrayList<>();
        for (int from = 0; from < rows.size(); from += ROWS_PER_STATEMENT) {
            List<Row> part = rows.subList(from, Math.min(rows.size(), from + ROWS_PER_STATEMENT));
            statements.add(Uni.createFrom().deferred(() -> insert(part)));
        }
        Uni<Void> all = Uni.createFrom().voidItem();
        for (Uni<Void> s : statements) {
            all = all.chain(() -> s);
        }
        return all;
    }

    /** Forgets the collected rows (the batch's transaction failed and rolled back). */
    public void discardBatch() {
        Context ctx = Vertx.currentContext();
        if (ctx != null) {
            ctx.removeLocal(BATCH_KEY);
        }
    }

    public String source() {
        return source;
    }

    private static List<Row> currentBatch() {
        Context ctx = Vertx.currentContext();
        return ctx == null ? null : ctx.getLocal(BATCH_KEY);
    }

    private Row row(OutboxEvent e, TraceContext trace) {
        String payload = e.data() instanceof RenderedJson json ? json.text() : EventJson.writeString(e.data());
        return new Row(e, payload, trace.traceparent(), trace.tracestate());
    }

    /**
     * One INSERT for any number of rows, in append order: one array per column (the same text whatever the number of
     * rows, so PostgreSQL parses and plans it once per connection — the prepared-statement cache — instead of once per
     * batch size, #16). It runs on the raw connection ({@link Pg}).
     */
    static final String INSERT = """
            insert into outbox_event (id, aggregate_type, aggregate_id, topic, type, source, subject,
                                      occurred_at, payload, traceparent, tracestate)
            select x.id, x.aggregate_type, x.aggregate_id, x.topic, x.type, x.source, x.subject, x.occurred_at,
                   cast(x.payload as jsonb), x.traceparent, x.tracestate
              from unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[],
                          $8::timestamptz[], $9::text[], $10::text[], $11::text[])
                   with ordinality as x(id, aggregate_type, aggregate_id, topic, type, source, subject, occurred_at,
                                        payload, traceparent, tracestate, ord)
             order by x.ord""";

    private Uni<Void> insert(List<Row> rows) {
        int n = rows.size();
        java.util.UUID[] id = new java.util.UUID[n];
        String[] aggregateType = new String[n], aggregateId = new String[n], topic = new String[n], type = new String[n],
                sources = new String[n], subject = new String[n], payload = new String[n], traceparent = new String[n],
                tracestate = new String[n];
        OffsetDateTime[] occurredAt = new OffsetDateTime[n];
        for (int r = 0; r < n; r++) {
            Row row = rows.get(r);
            OutboxEvent e = row.event();
            id[r] = e.id();
            aggregateType[r] = e.aggregateType();
            aggregateId[r] = e.aggregateId();
            topic[r] = e.topic();
            type[r] = e.type();
            sources[r] = source;
            subject[r] = e.subject() == null ? e.aggregateId() : e.subject();
            occurredAt[r] = OffsetDateTime.ofInstant(e.occurredAt(), ZoneOffset.UTC);
            payload[r] = row.payload();
            traceparent[r] = row.traceparent();
            tracestate[r] = row.tracestate();
        }
        return Pg.exec(INSERT, id, aggregateType, aggregateId, topic, type, sources, subject, occurredAt, payload,
                traceparent, tracestate).replaceWithVoid();
    }

    private record Row(OutboxEvent event, String payload, String traceparent, String tracestate) {
    }
}
