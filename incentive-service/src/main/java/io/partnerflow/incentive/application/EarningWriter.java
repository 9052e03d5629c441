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
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.math.BigDecimal;
import java.time.Clock;
import java.util.List;
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
