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
 * EventConsumer) rows are collected instead and written together — one multi-row INSERT per
 * {@value #ROWS_PER_STATEMENT} rows — just before the batch's single commit. Each row keeps the trace context that
 * was current when it was appended (the event that caused it).
 */
@ApplicationScoped
public class OutboxWriter {
    static final int ROWS_PER_STATEMENT = 500;
    private static final String BATCH_KEY = "partnerflow.outbox.batch";
    private static final String COLUMNS = """
            insert into outbox_event (id, aggregate_type, aggregate_id, topic, type, source, subject,
                                      occurred_at, payload, traceparent, tracestate)
            values\s""";
    private static final int PARAMS = 11;

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
        return new Row(e, EventJson.writeString(e.data()), trace.traceparent(), trace.tracestate());
    }

    /** One INSERT with one VALUES tuple per row ({@code $n} parameters: it runs on the raw connection, {@link Pg}). */
    static String insertSql(int rows) {
        StringBuilder sql = new StringBuilder(COLUMNS);
        for (int r = 0; r < rows; r++) {
            int p = r * PARAMS;
            sql.append(r == 0 ? "" : ", ").append("($").append(p + 1).append(", $").append(p + 2).append(", $").append(p + 3)
                    .append(", $").append(p + 4).append(", $").append(p + 5).append(", $").append(p + 6)
                    .append(", $").append(p + 7).append(", $").append(p + 8)
                    .append(", cast(cast($").append(p + 9).append(" as text) as jsonb), $").append(p + 10)
                    .append(", $").append(p + 11).append(')');
        }
        return sql.toString();
    }

    private Uni<Void> insert(List<Row> rows) {
        Object[] params = new Object[rows.size() * PARAMS];
        for (int r = 0; r < rows.size(); r++) {
            Row row = rows.get(r);
            OutboxEvent e = row.event();
            int p = r * PARAMS;
            params[p] = e.id();
            params[p + 1] = e.aggregateType();
            params[p + 2] = e.aggregateId();
            params[p + 3] = e.topic();
            params[p + 4] = e.type();
            params[p + 5] = source;
            params[p + 6] = e.subject() == null ? e.aggregateId() : e.subject();
            params[p + 7] = OffsetDateTime.ofInstant(e.occurredAt(), ZoneOffset.UTC);
            params[p + 8] = row.payload();
            params[p + 9] = row.traceparent();
            params[p + 10] = row.tracestate();
        }
        return Pg.exec(insertSql(rows.size()), params).replaceWithVoid();
    }

    private record Row(OutboxEvent event, String payload, String traceparent, String tracestate) {
    }
}
