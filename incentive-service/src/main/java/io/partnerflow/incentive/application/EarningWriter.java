package io.partnerflow.incentive.application;

import io.partnerflow.contracts.EventJson;
import io.partnerflow.contracts.EventType;
import io.partnerflow.contracts.Topics;
import io.partnerflow.contracts.attribution.DealContext;
import io.partnerflow.contracts.incentive.EarningSource;
import io.partnerflow.contracts.incentive.FxConversion;
import io.partnerflow.contracts.incentive.ProgramRef;
import io.partnerflow.contracts.incentive.RuleRef;
import io.partnerflow.core.money.Money;
import io.partnerflow.incentive.domain.Calculation;
import io.partnerflow.incentive.domain.Facts;
import io.partnerflow.incentive.domain.calc.ActiveProgram;
import io.partnerflow.incentive.domain.calc.ActiveRule;
import io.partnerflow.incentive.domain.calc.Basis;
import io.partnerflow.platform.outbox.OutboxEvent;
import io.partnerflow.platform.outbox.OutboxWriter;
import io.partnerflow.platform.persistence.Db;
import io.partnerflow.platform.persistence.Pg;
import io.partnerflow.platform.trace.TraceContext;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.math.BigDecimal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/** Writes earnings: the row and, only for a new earning id, its outbox event — plus the mappings to the wire types. */
@ApplicationScoped
public class EarningWriter {
    private final OutboxWriter outbox;
    private final Clock clock;

    public EarningWriter(OutboxWriter outbox, Clock clock) {
        this.outbox = outbox;
        this.clock = clock;
    }

    /** The columns of an earning row. */
    public record Row(UUID id, String eventType, String partnerId, String kind, UUID programId, UUID ruleId, int ruleVersion,
                      String dealId, String attributionId, String sourceKey, Money payout, Money original, Facts.FxRate fx,
                      String booking, UUID related, Basis basis) {
    }

    /** Stores the earning and, only if it is new, appends it to the outbox (one event per earning id, ever). */
    public Uni<Void> write(Row row, EventType type, Object data) {
        return Db.exec("""
                        insert into earning (earning_id, event_type, partner_id, kind, program_id, rule_id, rule_version, deal_id, attribution_id,
                            source_key, amount, currency, original_amount, original_currency, fx_rate, fx_date, booking_period,
                            related_earning_id, basis, payload, created_at)
                        values (?1, ?2, ?3, ?4, ?5, ?6, ?7, cast(?8 as text), cast(?9 as text), cast(?10 as text), ?11, ?12, ?13, ?14,
                            cast(?15 as numeric), cast(?16 as date), ?17, cast(?18 as uuid), cast(?19 as text), ?20, ?21)
                        on conflict (earning_id) do nothing""",
                row.id(), row.eventType(), row.partnerId(), row.kind(), row.programId(), row.ruleId(), row.ruleVersion(),
                row.dealId(), row.attributionId(), row.sourceKey(), row.payout().amount(), row.payout().currencyCode(),
                row.original().amount(), row.original().currencyCode(),
                row.fx() == null ? null : row.fx().rate(), row.fx() == null ? null : row.fx().date(),
                row.booking(), row.related(),
                row.basis() == null ? null : EventJson.writeString(row.basis()), EventJson.writeString(data), clock.instant())
                .chain(n -> n == 0 ? Uni.createFrom().voidItem()
                        : outbox.append(new OutboxEvent(row.id(), Topics.INCENTIVE_EARNINGS, type.type(), "partner", row.partnerId(),
                        row.partnerId(), clock.instant(), data)));
    }

    /** An earning to write, with the trace context its outbox event continues (the event that caused it). */
    public record Pending(Row row, EventType type, Object data, TraceContext trace) {
    }

    static final int ROWS_PER_STATEMENT = 200;
    private static final int PARAMS = 21;

    /**
     * {@link #write} for many earnings at once (a consumer chunk): multi-row INSERTs of {@value #ROWS_PER_STATEMENT}
     * rows ({@code on conflict do nothing returning} the ids that are new), then — in the given order, for each NEW
     * id only, once — its outbox event, with its own trace. An id given twice is written as its first occurrence,
     * as two {@link #write} calls in a row would.
     */
    public Uni<Void> writeAll(List<Pending> items) {
        Map<UUID, Pending> first = new LinkedHashMap<>();
        items.forEach(p -> first.putIfAbsent(p.row().id(), p));
        List<Pending> unique = List.copyOf(first.values());
        List<List<Pending>> parts = new ArrayList<>();
        for (int from = 0; from < unique.size(); from += ROWS_PER_STATEMENT) {
            parts.add(unique.subList(from, Math.min(unique.size(), from + ROWS_PER_STATEMENT)));
        }
        Set<UUID> fresh = new HashSet<>();
        return Multi.createFrom().iterable(parts)
                .onItem().transformToUniAndConcatenate(part -> insert(part).invoke(fresh::addAll))
                .collect().last()
                .chain(() -> Multi.createFrom().iterable(unique.stream().filter(p -> fresh.contains(p.row().id())).toList())
                        .onItem().transformToUniAndConcatenate(p -> outbox.append(new OutboxEvent(p.row().id(), Topics.INCENTIVE_EARNINGS,
                                p.type().type(), "partner", p.row().partnerId(), p.row().partnerId(), clock.instant(), p.data()), p.trace()))
                        .collect().last())
                .replaceWithVoid();
    }

    /** One multi-row INSERT; the ids it inserted (on the session's connection, {@code $n} parameters). */
    private Uni<List<UUID>> insert(List<Pending> part) {
        StringBuilder sql = new StringBuilder("""
                insert into earning (earning_id, event_type, partner_id, kind, program_id, rule_id, rule_version, deal_id, attribution_id,
                    source_key, amount, currency, original_amount, original_currency, fx_rate, fx_date, booking_period,
                    related_earning_id, basis, payload, created_at)
                values\s""");
        Object[] params = new Object[part.size() * PARAMS];
        for (int i = 0; i < part.size(); i++) {
            Row row = part.get(i).row();
            int n = i * PARAMS;
            sql.append(i == 0 ? "" : ", ").append(String.format(
                    "($%d, $%d, $%d, $%d, $%d, $%d, $%d, cast($%d as text), cast($%d as text), cast($%d as text), $%d, $%d, $%d, $%d,"
                            + " cast($%d as numeric), cast($%d as date), $%d, cast($%d as uuid), cast($%d as text), $%d, $%d)",
                    n + 1, n + 2, n + 3, n + 4, n + 5, n + 6, n + 7, n + 8, n + 9, n + 10, n + 11, n + 12, n + 13, n + 14,
                    n + 15, n + 16, n + 17, n + 18, n + 19, n + 20, n + 21));
            Object[] v = {row.id(), row.eventType(), row.partnerId(), row.kind(), row.programId(), row.ruleId(), row.ruleVersion(),
                    row.dealId(), row.attributionId(), row.sourceKey(), row.payout().amount(), row.payout().currencyCode(),
                    row.original().amount(), row.original().currencyCode(),
                    row.fx() == null ? null : row.fx().rate(), row.fx() == null ? null : row.fx().date(),
                    row.booking(), row.related(),
                    row.basis() == null ? null : EventJson.writeString(row.basis()), EventJson.writeString(part.get(i).data()), clock.instant()};
            System.arraycopy(v, 0, params, n, PARAMS);
        }
        sql.append(" on conflict (earning_id) do nothing returning earning_id");
        return Pg.rows(sql.toString(), params).map(rows -> rows.stream().map(r -> (UUID) r[0]).toList());
    }

    public static ProgramRef programRef(ActiveProgram p) {
        return new ProgramRef(p.programId().toString(), p.code(), p.name());
    }

    public static RuleRef ruleRef(ActiveRule r) {
        return new RuleRef(r.ruleId().toString(), r.version(), r.spec().name());
    }

    public static FxConversion fx(Calculation c) {
        return c.fx() == null ? null : new FxConversion(c.fx().from(), c.fx().to(), c.fx().rate(), c.fx().date(), c.fx().path());
    }

    public static FxConversion fxOf(Basis b) {
        return b.fxRate() == null ? null : new FxConversion(b.originalCurrency(), b.payoutCurrency(), b.fxRate(), b.fxDate());
    }

    public static Facts.FxRate fxRate(Basis b) {
        return b.fxRate() == null ? null : new Facts.FxRate(b.originalCurrency(), b.payoutCurrency(), b.fxRate(), b.fxDate());
    }

    public static EarningSource dealSource(DealContext d, String attributionId, String reversalId) {
        return new EarningSource("deal", d.dealId(), d.name(), d.customer() == null ? null : d.customer().name(), d.closedAt(),
                attributionId, reversalId, null, null, null, null, null, null);
    }

    public static Money money(BigDecimal amount, String ccy) {
        return Money.of(amount.setScale(Money.scaleOf(Money.currencyOf(ccy))), ccy);
    }

    /** Runs {@code f} for each item, one after the other, in the current session. */
    public static <T> Uni<Void> forEach(List<T> items, Function<T, Uni<Void>> f) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (T t : items) {
            chain = chain.chain(() -> f.apply(t));
        }
        return chain;
    }
}
