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
import io.partnerflow.platform.outbox.RenderedJson;
import io.partnerflow.platform.persistence.Db;
import io.partnerflow.platform.persistence.Pg;
import io.partnerflow.platform.trace.TraceContext;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.math.BigDecimal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
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

    /**
     * {@link #write} for many earnings at once (a consumer chunk): INSERTs of {@value #ROWS_PER_STATEMENT}
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
        Map<UUID, String> json = new HashMap<>(); // each earning's document written once: its row and its outbox event
        unique.forEach(p -> json.put(p.row().id(), EventJson.writeString(p.data())));
        return Multi.createFrom().iterable(parts)
                .onItem().transformToUniAndConcatenate(part -> insert(part, json).invoke(fresh::addAll))
                .collect().last()
                .chain(() -> Multi.createFrom().iterable(unique.stream().filter(p -> fresh.contains(p.row().id())).toList())
                        .onItem().transformToUniAndConcatenate(p -> outbox.append(new OutboxEvent(p.row().id(), Topics.INCENTIVE_EARNINGS,
                                p.type().type(), "partner", p.row().partnerId(), p.row().partnerId(), clock.instant(),
                                new RenderedJson(json.get(p.row().id()))), p.trace()))
                        .collect().last())
                .replaceWithVoid();
    }

    /**
     * The chunk's earnings in ONE statement text whatever their number (one array per column, exact amounts as text):
     * PostgreSQL parses and plans it once per connection, not once per chunk size (#16).
     */
    static final String INSERT_ALL = """
            insert into earning (earning_id, event_type, partner_id, kind, program_id, rule_id, rule_version, deal_id,
                attribution_id, source_key, amount, currency, original_amount, original_currency, fx_rate, fx_date,
                booking_period, related_earning_id, basis, payload, created_at)
            select x.id, x.event_type, x.partner_id, x.kind, x.program_id, x.rule_id, x.rule_version, x.deal_id,
                   x.attribution_id, x.source_key, cast(x.amount as numeric), x.currency, cast(x.original_amount as numeric),
                   x.original_currency, cast(x.fx_rate as numeric), x.fx_date, x.booking_period, x.related, x.basis,
                   x.payload, cast($21 as timestamptz)
              from unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::uuid[], $6::uuid[], $7::int[], $8::text[],
                          $9::text[], $10::text[], $11::text[], $12::text[], $13::text[], $14::text[], $15::text[],
                          $16::date[], $17::text[], $18::uuid[], $19::text[], $20::text[])
                   as x(id, event_type, partner_id, kind, program_id, rule_id, rule_version, deal_id, attribution_id,
                        source_key, amount, currency, original_amount, original_currency, fx_rate, fx_date,
                        booking_period, related, basis, payload)
            on conflict (earning_id) do nothing returning earning_id""";

    /** One INSERT of a chunk's earnings; the ids it inserted (on the session's connection, {@code $n} parameters). */
    private Uni<List<UUID>> insert(List<Pending> part, Map<UUID, String> json) {
        int n = part.size();
        UUID[] id = new UUID[n], programId = new UUID[n], ruleId = new UUID[n], related = new UUID[n];
        String[] eventType = new String[n], partnerId = new String[n], kind = new String[n], dealId = new String[n],
                attributionId = new String[n], sourceKey = new String[n], amount = new String[n], currency = new String[n],
                originalAmount = new String[n], originalCurrency = new String[n], fxRate = new String[n],
                booking = new String[n], basis = new String[n], payload = new String[n];
        Integer[] ruleVersion = new Integer[n];
        java.time.LocalDate[] fxDate = new java.time.LocalDate[n];
        for (int i = 0; i < n; i++) {
            Row row = part.get(i).row();
            id[i] = row.id();
            eventType[i] = row.eventType();
            partnerId[i] = row.partnerId();
            kind[i] = row.kind();
            programId[i] = row.programId();
            ruleId[i] = row.ruleId();
            ruleVersion[i] = row.ruleVersion();
            dealId[i] = row.dealId();
            attributionId[i] = row.attributionId();
            sourceKey[i] = row.sourceKey();
            amount[i] = row.payout().amount().toPlainString();
            currency[i] = row.payout().currencyCode();
            originalAmount[i] = row.original().amount().toPlainString();
            originalCurrency[i] = row.original().currencyCode();
            fxRate[i] = row.fx() == null ? null : row.fx().rate().toPlainString();
            fxDate[i] = row.fx() == null ? null : row.fx().date();
            booking[i] = row.booking();
            related[i] = row.related();
            basis[i] = row.basis() == null ? null : EventJson.writeString(row.basis());
            payload[i] = json.get(row.id());
        }
        return Pg.rows(INSERT_ALL, id, eventType, partnerId, kind, programId, ruleId, ruleVersion, dealId, attributionId,
                        sourceKey, amount, currency, originalAmount, originalCurrency, fxRate, fxDate, booking, related, basis,
                        payload, clock.instant())
                .map(rows -> rows.stream().map(r -> (UUID) r[0]).toList());
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
