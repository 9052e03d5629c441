package io.partnerflow.incentive.application;

import io.partnerflow.contracts.EventType;
import io.partnerflow.contracts.attribution.DealAttributionReversed;
import io.partnerflow.contracts.incentive.EarningAdjusted;
import io.partnerflow.contracts.incentive.Explanation;
import io.partnerflow.contracts.incentive.ProgramRef;
import io.partnerflow.contracts.incentive.RuleRef;
import io.partnerflow.core.money.Money;
import io.partnerflow.incentive.config.IncentiveConfig;
import io.partnerflow.incentive.domain.calc.ActiveProgram;
import io.partnerflow.incentive.domain.calc.ActiveRule;
import io.partnerflow.incentive.domain.period.CalendarPeriod;
import io.partnerflow.incentive.domain.period.Granularity;
import io.partnerflow.incentive.domain.period.PeriodEarningIds;
import io.partnerflow.incentive.domain.period.PeriodResettlement;
import io.partnerflow.incentive.domain.period.Periods;
import io.partnerflow.platform.persistence.Db;
import io.partnerflow.platform.problem.ProblemException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

import static io.partnerflow.incentive.application.EarningWriter.forEach;

/**
 * Period re-settlement (issue #19): a refund, cancellation or correction of a deal whose month, quarter or year is
 * already closed settles that period's volume rebates and accelerators again for the partner — the same computation
 * as the close ({@link PeriodService#compute}, nothing written by it) — and posts only the difference from what was
 * posted for each rule so far ({@link PeriodResettlement}) as one {@code earning.adjusted} (reason
 * {@code period_settlement}) in the next open month, in the consumer's transaction. The delta's id is name-based from
 * the period earning and the reversal, so redelivery posts nothing; the closed period itself is never edited.
 * Not re-settled (README): caps of per-deal rules and MDF balances.
 */
@ApplicationScoped
class PeriodResettleWork {
    private final PeriodService periods;
    private final EarningWriter writer;
    private final ProgramCatalog catalog;
    private final Reference ref;
    private final IncentiveConfig config;
    private final Clock clock;

    PeriodResettleWork(PeriodService periods, EarningWriter writer, ProgramCatalog catalog, Reference ref, IncentiveConfig config,
                       Clock clock) {
        this.periods = periods;
        this.writer = writer;
        this.catalog = catalog;
        this.ref = ref;
        this.config = config;
        this.clock = clock;
    }

    /** What one period rule paid, or pays now, for the partner. */
    private record Figure(Money amount, UUID programId, String programCode, UUID ruleId, int ruleVersion, String kind, String summary,
                          boolean posted) {
    }

    /** Re-settles every closed period (month, quarter, year) the reversed deal closed in. */
    Uni<Void> afterReversal(DealAttributionReversed r, String partnerId) {
        Instant closedAt = r.deal().closedAt();
        Instant at = r.reversedAt() == null ? clock.instant() : r.reversedAt();
        return ref.closedPeriods().chain(closed -> {
            List<CalendarPeriod> affected = new ArrayList<>();
            for (Granularity g : List.of(Granularity.MONTH, Granularity.QUARTER, Granularity.YEAR)) {
                CalendarPeriod p = Periods.periodOf(closedAt, config.periodZone(), g);
                if (closed.contains(p.id())) {
                    affected.add(p);
                }
            }
            String booking = io.partnerflow.incentive.domain.Periods.bookingMonth(at, config.periodZone(), closed);
            return forEach(affected, p -> resettle(p, partnerId, r.reversalId(), r.kind(), booking)
                    .onFailure(t -> t instanceof ProblemException pe && pe.status() == 422).recoverWithUni(t -> note(r, partnerId, p, t)));
        });
    }

    /** A period that cannot be settled again (a period-end rate is missing): recorded on the reversal, never guessed. */
    private Uni<Void> note(DealAttributionReversed r, String partnerId, CalendarPeriod p, Throwable t) {
        String detail = "period " + p.id() + " not re-settled: " + t.getMessage();
        return Db.exec("""
                        insert into reversal_record (reversal_id, partner_id, deal_id, kind, outcome, detail, recorded_at)
                        values (?1, ?2, ?3, ?4, 'resettlement_blocked', ?5, ?6)
                        on conflict (reversal_id, partner_id) do update set detail = reversal_record.detail || '; ' || excluded.detail""",
                r.reversalId(), partnerId, r.dealId(), r.kind(), detail, clock.instant()).replaceWithVoid();
    }

    private Uni<Void> resettle(CalendarPeriod p, String partnerId, String triggerId, String triggerKind, String booking) {
        return posted(p, partnerId).chain(posted -> periods.compute(p, false, partnerId).chain(fresh -> catalog.all().chain(programs -> {
            Map<UUID, Figure> now = new TreeMap<>();
            for (PeriodService.Settlement s : fresh) {
                UUID id = periodEarningId(s.kind(), s.ruleId(), partnerId, p.id());
                if (id != null) {
                    ActiveProgram program = programs.stream().filter(x -> x.code().equals(s.programCode())
                            && x.rules().stream().anyMatch(rule -> rule.ruleId().toString().equals(s.ruleId()) && rule.version() == s.ruleVersion()))
                            .findFirst().orElseThrow();
                    now.put(id, new Figure(EarningWriter.money(new java.math.BigDecimal(s.amount()), s.currency()), program.programId(),
                            program.code(), UUID.fromString(s.ruleId()), s.ruleVersion(), s.kind(), s.summary(), false));
                }
            }
            Set<UUID> ids = new java.util.TreeSet<>(posted.keySet());
            ids.addAll(now.keySet());
            return forEach(List.copyOf(ids), id -> {
                Figure was = posted.get(id);
                Figure is = now.get(id);
                Money wasAmount = was != null ? was.amount() : Money.zero(is.amount().currencyCode());
                Money isAmount = is != null ? is.amount() : Money.zero(was.amount().currencyCode());
                String summary = is != null ? is.summary() : "the rule pays nothing for " + p.id() + " any more";
                Optional<PeriodResettlement.Delta> delta = PeriodResettlement.plan(id, wasAmount, isAmount, summary, triggerId);
                Figure f = is != null ? is : was;
                return delta.isEmpty() ? Uni.createFrom().voidItem()
                        : post(p, partnerId, f, delta.get(), was != null && was.posted(), triggerId, triggerKind, booking, programs);
            });
        })));
    }

    /** What was posted per period earning (settlement + earlier re-settlement deltas), keyed by the period earning id. */
    private Uni<Map<UUID, Figure>> posted(CalendarPeriod p, String partnerId) {
        return Db.rows("""
                        select coalesce(related_earning_id, earning_id), event_type, program_id, rule_id, rule_version, kind, amount, currency
                        from earning where partner_id = ?1 and source_key = ?2 and kind in ('volume_rebate', 'accelerator')
                        and event_type in ('accrued', 'adjusted') order by created_at, earning_id""", partnerId, p.id())
                .map(rows -> {
                    Map<UUID, Figure> out = new TreeMap<>();
                    for (Object[] x : rows) {
                        Money amount = EarningWriter.money(Db.decimal(x[6]), Db.str(x[7]));
                        boolean accrued = "accrued".equals(Db.str(x[1]));
                        out.merge((UUID) x[0], new Figure(amount, (UUID) x[2], null, (UUID) x[3], ((Number) x[4]).intValue(), Db.str(x[5]),
                                null, accrued), (a, b) -> new Figure(a.amount().plus(b.amount()), a.programId(), null, a.ruleId(),
                                a.ruleVersion(), a.kind(), null, a.posted() || b.posted()));
                    }
                    return out;
                });
    }

    private static UUID periodEarningId(String kind, String ruleId, String partnerId, String period) {
        return switch (kind) {
            case "volume_rebate" -> PeriodEarningIds.rebate(ruleId, partnerId, period);
            case "accelerator" -> PeriodEarningIds.accelerator(ruleId, partnerId, period);
            default -> null; // caps of per-deal rules are not re-settled (README)
        };
    }

    private Uni<Void> post(CalendarPeriod p, String partnerId, Figure f, PeriodResettlement.Delta d, boolean earningPosted, String triggerId, String triggerKind,
                           String booking, List<ActiveProgram> programs) {
        ActiveProgram program = programs.stream().filter(x -> x.programId().equals(f.programId())).findFirst().orElse(null);
        ActiveRule rule = program == null ? null : program.rules().stream()
                .filter(x -> x.ruleId().equals(f.ruleId()) && x.version() == f.ruleVersion()).findFirst().orElse(null);
        ProgramRef programRef = program != null ? EarningWriter.programRef(program) : new ProgramRef(f.programId().toString(), f.programCode(), null);
        RuleRef ruleRef = rule != null ? EarningWriter.ruleRef(rule) : new RuleRef(f.ruleId().toString(), f.ruleVersion(), f.kind());
        String ccy = d.amount().currencyCode();
        Explanation ex = new Explanation(d.explanation(), "settlement of the rule on the period's deals now - what was posted for the rule and period so far",
                List.of(new Explanation.Input("posted_so_far", d.was().amountString(), ccy, "earning:" + d.adjustsEarningId()),
                        new Explanation.Input("settled_now", d.isNow().amountString(), ccy, "period:" + p.id()),
                        new Explanation.Input("trigger", triggerKind, null, "reversal:" + triggerId)),
                List.of(new Explanation.Step("difference", d.isNow().amountString() + " - " + d.was().amountString(), d.amount().amountString(), ccy)),
                d.amount());
        Instant now = clock.instant();
        EarningAdjusted e = new EarningAdjusted(d.id().toString(), earningPosted ? d.adjustsEarningId().toString() : null, partnerId, programRef,
                ruleRef, f.kind(), "period_settlement", "re-settled after the close of " + p.id() + " (" + triggerKind + ")", d.amount(),
                d.amount(), null, PeriodService.periodSource(p), null, booking, now, ex);
        return writer.write(new EarningWriter.Row(d.id(), "adjusted", partnerId, f.kind(), f.programId(), f.ruleId(), f.ruleVersion(), null, null,
                p.id(), d.amount(), d.amount(), null, booking, d.adjustsEarningId(), null), EventType.EARNING_ADJUSTED, e);
    }
}
