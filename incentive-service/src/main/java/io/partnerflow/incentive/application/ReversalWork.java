package io.partnerflow.incentive.application;

import io.partnerflow.contracts.EventJson;
import io.partnerflow.contracts.EventType;
import io.partnerflow.contracts.attribution.Credit;
import io.partnerflow.contracts.attribution.DealAttributed;
import io.partnerflow.contracts.attribution.DealAttributionReversed;
import io.partnerflow.contracts.attribution.DealReattributed;
import io.partnerflow.contracts.incentive.EarningAccrued;
import io.partnerflow.contracts.incentive.EarningAdjusted;
import io.partnerflow.contracts.incentive.EarningReversed;
import io.partnerflow.core.ids.NameBasedIds;
import io.partnerflow.core.money.Money;
import io.partnerflow.incentive.config.IncentiveConfig;
import io.partnerflow.incentive.domain.Facts;
import io.partnerflow.incentive.domain.Periods;
import io.partnerflow.incentive.domain.calc.ActiveProgram;
import io.partnerflow.incentive.domain.calc.ActiveRule;
import io.partnerflow.incentive.domain.calc.Basis;
import io.partnerflow.incentive.domain.calc.ClawbackCalculator;
import io.partnerflow.incentive.domain.calc.CorrectionCalculator;
import io.partnerflow.incentive.domain.calc.EarningCalculator;
import io.partnerflow.platform.persistence.Db;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

import static io.partnerflow.incentive.application.EarningWriter.dealSource;
import static io.partnerflow.incentive.application.EarningWriter.forEach;
import static io.partnerflow.incentive.application.EarningWriter.fxOf;
import static io.partnerflow.incentive.application.EarningWriter.fxRate;

/**
 * Attribution reversals: refunds and cancellations claw back ({@link ClawbackCalculator}), corrections post exact
 * deltas ({@link CorrectionCalculator}). This class only loads and writes around the two pure calculators.
 */
@ApplicationScoped
class ReversalWork {
    private final EarningWriter writer;
    private final ProgramCatalog catalog;
    private final Reference ref;
    private final IncentiveConfig config;
    private final Clock clock;
    private final PeriodResettleWork resettle;

    ReversalWork(EarningWriter writer, ProgramCatalog catalog, Reference ref, IncentiveConfig config, Clock clock, PeriodResettleWork resettle) {
        this.resettle = resettle;
        this.writer = writer;
        this.catalog = catalog;
        this.ref = ref;
        this.config = config;
        this.clock = clock;
    }

    /**
     * The per-deal part (clawback or correction) and then, when the deal's month, quarter or year is closed, the
     * re-settlement of that period's rebates and accelerators ({@link PeriodResettleWork}) — same transaction.
     */
    Uni<Wait> reverse(DealAttributionReversed r, Facts.Partner partner) {
        boolean involved = r.credits().stream().anyMatch(c -> c.partnerId().equals(partner.partnerId()));
        boolean outsideWindow = !"correction".equals(r.kind()) && r.reversedAt() != null
                && r.reversedAt().isAfter(r.deal().closedAt().plus(config.clawbackWindow()));
        return perDeal(r, partner).chain(wait -> wait != null || !involved || outsideWindow ? Uni.createFrom().item(wait)
                : resettle.afterReversal(r, partner.partnerId()).replaceWith((Wait) null));
    }

    private Uni<Wait> perDeal(DealAttributionReversed r, Facts.Partner partner) {
        Credit delta = r.credits().stream().filter(c -> c.partnerId().equals(partner.partnerId())).findFirst().orElse(null);
        if (delta == null) {
            return Uni.createFrom().nullItem();
        }
        if ("correction".equals(r.kind())) {
            return correct(r, delta, partner);
        }
        Instant closedAt = r.deal().closedAt();
        Instant windowEnd = closedAt.plus(config.clawbackWindow());
        if (r.reversedAt() != null && r.reversedAt().isAfter(windowEnd)) {
            return record(r, partner, "outside_window", r.kind() + " on " + r.reversedAt() + " is after the clawback window ("
                    + config.clawbackWindow() + " from the close " + closedAt + "): recorded, nothing clawed back");
        }
        return calcEarnings(r.attributionId(), partner.partnerId()).chain(originals -> {
            if (originals.isEmpty()) {
                return record(r, partner, "nothing_earned", "no earning on attribution " + r.attributionId() + " to claw back");
            }
            Map<Integer, BigDecimal> current = new TreeMap<>();
            delta.lines().forEach(l -> current.merge(l.lineNumber(), l.amount().amount().abs(), BigDecimal::add));
            return ref.closedPeriods().chain(closed -> {
                String booking = Periods.bookingMonth(r.reversedAt() == null ? clock.instant() : r.reversedAt(), config.periodZone(), closed);
                return forEach(originals, o -> clawback(r, partner, o, current, booking));
            }).replaceWith((Wait) null);
        });
    }

    private Uni<Wait> record(DealAttributionReversed r, Facts.Partner partner, String outcome, String detail) {
        return Db.exec("""
                        insert into reversal_record (reversal_id, partner_id, deal_id, kind, outcome, detail, recorded_at)
                        values (?1, ?2, ?3, ?4, ?5, ?6, ?7) on conflict do nothing""",
                r.reversalId(), partner.partnerId(), r.dealId(), r.kind(), outcome, detail, clock.instant()).replaceWith((Wait) null);
    }

    /** A stored earning that carries a calculation basis (accruals; re-attribution adjustments and carried bases). */
    record Stored(UUID earningId, String kind, UUID programId, UUID ruleId, int ruleVersion, Money payout, Money original,
                  Basis basis, String payload, String eventType, UUID related) {
        /** The published earning a clawback of this one names (a carried basis names the accrual it carries). */
        UUID published() {
            return "carried".equals(eventType) && related != null ? related : earningId;
        }
    }

    private Uni<List<Stored>> calcEarnings(String attributionId, String partnerId) {
        return Db.rows("""
                        select earning_id, kind, program_id, rule_id, rule_version, amount, currency, original_amount, original_currency,
                               basis, payload, event_type, related_earning_id
                        from earning where attribution_id = ?1 and partner_id = ?2 and basis is not null and event_type <> 'reversed'
                        order by rule_id""", attributionId, partnerId)
                .map(rows -> rows.stream().map(ReversalWork::stored).toList());
    }

    private static Stored stored(Object[] x) {
        return new Stored((UUID) x[0], Db.str(x[1]), (UUID) x[2], (UUID) x[3], ((Number) x[4]).intValue(),
                EarningWriter.money(Db.decimal(x[5]), Db.str(x[6])), EarningWriter.money(Db.decimal(x[7]), Db.str(x[8])),
                EventJson.readString(Db.str(x[9]), Basis.class), Db.str(x[10]), Db.str(x[11]), (UUID) x[12]);
    }

    private Uni<Void> clawback(DealAttributionReversed r, Facts.Partner partner, Stored o, Map<Integer, BigDecimal> current, String booking) {
        return Db.rows("select amount, original_amount, basis from earning where related_earning_id = ?1 and event_type = 'reversed'", o.earningId())
                .chain(rows -> {
                    List<ClawbackCalculator.Prior> prior = rows.stream().map(p -> new ClawbackCalculator.Prior(Db.decimal(p[0]), Db.decimal(p[1]),
                            EventJson.readString(Db.str(p[2]), Basis.class).reversedLines())).toList();
                    ClawbackCalculator.Result c = ClawbackCalculator.compute(o.earningId().toString(), o.kind(), o.payout(), o.basis(), current, prior,
                            new ClawbackCalculator.Context(r.kind(), r.reversalId(), r.attributionId(), partner.partnerId(), r.deal().name(),
                                    r.deal().amount().currencyCode(), r.deal().closedAt(), r.reversedAt(), config.clawbackWindow()));
                    if (c == null) {
                        return Uni.createFrom().voidItem();
                    }
                    UUID id = NameBasedIds.of("incentive.clawback", o.earningId(), r.reversalId());
                    EarningAccrued orig = EventJson.readString(o.payload(), EarningAccrued.class);
                    EarningReversed e = new EarningReversed(id.toString(), o.published().toString(), partner.partnerId(), orig.program(),
                            orig.rule(), o.kind(), r.kind(), r.reason(), c.payout(), c.original(), fxOf(o.basis()),
                            dealSource(r.deal(), r.attributionId(), r.reversalId()), booking, clock.instant(), c.explanation());
                    return writer.write(new EarningWriter.Row(id, "reversed", partner.partnerId(), o.kind(), o.programId(), o.ruleId(), o.ruleVersion(),
                            r.dealId(), r.attributionId(), r.reversalId(), c.payout(), c.original(), fxRate(o.basis()), booking, o.earningId(),
                            Basis.reversed(current)), EventType.EARNING_REVERSED, e);
                });
    }

    /** A correction: exact deltas, always (no window) — recomputed on the corrected credit, minus the previous figure. */
    private Uni<Wait> correct(DealAttributionReversed r, Credit delta, Facts.Partner partner) {
        return calcEarnings(r.attributionId(), partner.partnerId()).chain(originals -> originals.isEmpty()
                ? record(r, partner, "nothing_earned", "no earning on attribution " + r.attributionId() + " to correct")
                : Db.rows("select event_key, payload, event_kind from attribution_event where attribution_id = ?1 order by received_at, event_key",
                        r.attributionId()).chain(events -> {
                    Credit base = null;
                    String modelKind = null;
                    List<Credit> earlierCorrections = new ArrayList<>();
                    for (Object[] ev : events) {
                        String k = Db.str(ev[2]);
                        if (EarningEngine.ATTRIBUTED.equals(k)) {
                            DealAttributed a = EventJson.readString(Db.str(ev[1]), DealAttributed.class);
                            base = a.credits().stream().filter(c -> c.partnerId().equals(partner.partnerId())).findFirst().orElse(null);
                            modelKind = a.model() == null ? null : a.model().kind();
                        } else if (EarningEngine.REATTRIBUTED.equals(k)) {
                            DealReattributed a = EventJson.readString(Db.str(ev[1]), DealReattributed.class);
                            base = a.credits().stream().filter(c -> c.partnerId().equals(partner.partnerId())).findFirst().orElse(null);
                            modelKind = a.model() == null ? null : a.model().kind();
                        } else if (EarningEngine.REVERSED.equals(k) && !Db.str(ev[0]).equals(r.reversalId())) {
                            DealAttributionReversed x = EventJson.readString(Db.str(ev[1]), DealAttributionReversed.class);
                            if ("correction".equals(x.kind())) {
                                x.credits().stream().filter(c -> c.partnerId().equals(partner.partnerId())).findFirst().ifPresent(earlierCorrections::add);
                            }
                        }
                    }
                    if (base == null) {
                        return record(r, partner, "nothing_earned", "no credit of the partner on attribution " + r.attributionId());
                    }
                    Credit before = EarningCalculator.plus(base, earlierCorrections);
                    List<Credit> all = new ArrayList<>(earlierCorrections);
                    all.add(delta);
                    Credit after = EarningCalculator.plus(base, all);
                    String mk = modelKind;
                    return ref.tierAsOf(partner.partnerId(), r.deal().closedAt()).chain(tier -> catalog.all().chain(programs -> ref.closedPeriods().chain(closed -> {
                        String booking = Periods.bookingMonth(r.reversedAt() == null ? clock.instant() : r.reversedAt(), config.periodZone(), closed);
                        return forEach(originals, o -> {
                            Optional<ActiveRule> rule = programs.stream().flatMap(p -> p.rules().stream())
                                    .filter(x -> x.ruleId().equals(o.ruleId()) && x.version() == o.ruleVersion()).findFirst();
                            if (rule.isEmpty() || o.basis().exactOriginal() == null) {
                                return Uni.createFrom().voidItem();
                            }
                            ActiveProgram program = programs.stream().filter(p -> p.programId().equals(o.programId())).findFirst().orElseThrow();
                            CorrectionCalculator.Result c = CorrectionCalculator.compute(program, rule.get(),
                                    new CorrectionCalculator.Original(o.earningId().toString(), o.kind(), o.payout(), o.original(), o.basis()),
                                    r.attributionId(), r.deal(), mk, before, after, delta, r.reversalId(), partner, tier, config.periodZone());
                            if (c == null) {
                                return Uni.createFrom().voidItem();
                            }
                            UUID id = NameBasedIds.of("incentive.correction", o.earningId(), r.reversalId());
                            EarningAccrued orig = EventJson.readString(o.payload(), EarningAccrued.class);
                            EarningAdjusted e = new EarningAdjusted(id.toString(), o.published().toString(), partner.partnerId(), orig.program(),
                                    orig.rule(), o.kind(), "correction", r.reason(), c.deltaPayout(), c.deltaOriginal(), fxOf(o.basis()),
                                    dealSource(r.deal(), r.attributionId(), r.reversalId()), null, booking, clock.instant(), c.explanation());
                            return writer.write(new EarningWriter.Row(id, "adjusted", partner.partnerId(), o.kind(), o.programId(), o.ruleId(),
                                    o.ruleVersion(), r.dealId(), r.attributionId(), r.reversalId(), c.deltaPayout(), c.deltaOriginal(),
                                    fxRate(o.basis()), booking, o.earningId(), null), EventType.EARNING_ADJUSTED, e);
                        });
                    })));
                }).replaceWith((Wait) null));
    }
}
