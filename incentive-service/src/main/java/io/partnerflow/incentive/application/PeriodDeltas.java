package io.partnerflow.incentive.application;

import io.partnerflow.contracts.EventType;
import io.partnerflow.contracts.incentive.EarningAdjusted;
import io.partnerflow.contracts.incentive.Explanation;
import io.partnerflow.contracts.incentive.ProgramRef;
import io.partnerflow.contracts.incentive.RuleRef;
import io.partnerflow.core.money.Money;
import io.partnerflow.incentive.domain.calc.ActiveProgram;
import io.partnerflow.incentive.domain.calc.ActiveRule;
import io.partnerflow.incentive.domain.period.CalendarPeriod;
import io.partnerflow.incentive.domain.period.PeriodEarningIds;
import io.partnerflow.incentive.domain.period.PeriodResettlement;
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
import java.util.TreeSet;
import java.util.UUID;

/**
 * The differences between what a closed period's rebates and accelerators posted so far (settlement + earlier deltas)
 * and what the close's own computation ({@link PeriodService#compute}) gives now — for a late reversal under the
 * versions in force (re-settlement) or under a chosen program version (recalculation, what-if). Each difference is one
 * {@link PeriodResettlement} delta; {@link #post} writes it as {@code earning.adjusted}. Caps of per-deal rules and MDF
 * balances are not re-settled.
 */
@ApplicationScoped
class PeriodDeltas {
    private final PeriodService periods;
    private final EarningWriter writer;
    private final ProgramCatalog catalog;
    private final Clock clock;

    PeriodDeltas(PeriodService periods, EarningWriter writer, ProgramCatalog catalog, Clock clock) {
        this.periods = periods;
        this.writer = writer;
        this.catalog = catalog;
        this.clock = clock;
    }

    /** What one period rule paid, or pays now, for one partner. */
    record Figure(String partnerId, Money amount, UUID programId, UUID ruleId, int ruleVersion, String ruleName, String kind,
                  String summary, boolean accrued) {
    }

    /** One planned difference. */
    record Planned(CalendarPeriod period, Figure figure, PeriodResettlement.Delta delta, boolean earningPosted) {
        String partnerId() {
            return figure.partnerId();
        }
    }

    /**
     * @param partnerId one partner, or null for all
     * @param version   null: the versions in force (re-settlement); else this version of its program, and only its rules
     * @param triggerId the reversal or run the deltas' ids are derived from
     */
    Uni<List<Planned>> plan(CalendarPeriod p, String partnerId, ActiveProgram version, String triggerId) {
        return posted(p, partnerId, version).chain(posted -> periods.compute(p, false, partnerId, version).chain(fresh -> catalog.all().map(all -> {
            Map<UUID, Figure> now = new TreeMap<>();
            for (PeriodService.Settlement s : fresh) {
                UUID id = periodEarningId(s.kind(), s.ruleId(), s.partnerId(), p.id());
                if (id == null || (version != null && !version.code().equals(s.programCode()))) {
                    continue;
                }
                ActiveProgram program = version != null ? version : all.stream().filter(x -> x.code().equals(s.programCode())
                        && x.rules().stream().anyMatch(r -> r.ruleId().toString().equals(s.ruleId()) && r.version() == s.ruleVersion()))
                        .findFirst().orElseThrow();
                ActiveRule rule = program.rules().stream().filter(r -> r.ruleId().toString().equals(s.ruleId())).findFirst().orElseThrow();
                now.put(id, new Figure(s.partnerId(), EarningWriter.money(new BigDecimal(s.amount()), s.currency()), program.programId(),
                        rule.ruleId(), rule.version(), rule.spec().name(), s.kind(), s.summary(), false));
            }
            TreeSet<UUID> ids = new TreeSet<>(posted.keySet());
            ids.addAll(now.keySet());
            List<Planned> out = new ArrayList<>();
            for (UUID id : ids) {
                Figure was = posted.get(id);
                Figure is = now.get(id);
                Money wasAmount = was != null ? was.amount() : Money.zero(is.amount().currencyCode());
                Money isAmount = is != null ? is.amount() : Money.zero(was.amount().currencyCode());
                String summary = is != null ? is.summary() : "the rule pays nothing for " + p.id() + " any more";
                Optional<PeriodResettlement.Delta> d = PeriodResettlement.plan(id, wasAmount, isAmount, summary, triggerId);
                d.ifPresent(delta -> out.add(new Planned(p, is != null ? is : was, delta, was != null && was.accrued())));
            }
            return out;
        })));
    }

    /** Posted per period earning id: the settlement plus every delta that names it. */
    private Uni<Map<UUID, Figure>> posted(CalendarPeriod p, String partnerId, ActiveProgram version) {
        return Db.rows("""
                        select coalesce(related_earning_id, earning_id), event_type, program_id, rule_id, rule_version, kind, amount, currency, partner_id
                        from earning where source_key = ?1 and kind in ('volume_rebate', 'accelerator') and event_type in ('accrued', 'adjusted')
                        and (cast(?2 as text) is null or partner_id = cast(?2 as text)) and (cast(?3 as uuid) is null or program_id = cast(?3 as uuid))
                        order by created_at, earning_id""", p.id(), partnerId, version == null ? null : version.programId())
                .map(rows -> {
                    Map<UUID, Figure> out = new TreeMap<>();
                    for (Object[] x : rows) {
                        Figure f = new Figure(Db.str(x[8]), EarningWriter.money(Db.decimal(x[6]), Db.str(x[7])), (UUID) x[2], (UUID) x[3],
                                ((Number) x[4]).intValue(), null, Db.str(x[5]), null, "accrued".equals(Db.str(x[1])));
                        out.merge((UUID) x[0], f, (a, b) -> new Figure(a.partnerId(), a.amount().plus(b.amount()), a.programId(), a.ruleId(),
                                a.ruleVersion(), null, a.kind(), null, a.accrued() || b.accrued()));
                    }
                    return out;
                });
    }

    private static UUID periodEarningId(String kind, String ruleId, String partnerId, String period) {
        return switch (kind) {
            case "volume_rebate" -> PeriodEarningIds.rebate(ruleId, partnerId, period);
            case "accelerator" -> PeriodEarningIds.accelerator(ruleId, partnerId, period);
            default -> null; // caps of per-deal rules are not re-settled
        };
    }

    /**
     * Writes one planned difference as {@code earning.adjusted} (its row names the period earning, so the next plan
     * counts it as posted). {@code trigger} describes the cause for the explanation ("refund", "recalculation run …").
     */
    Uni<Void> post(Planned x, String reason, String note, String runId, String trigger, String booking) {
        PeriodResettlement.Delta d = x.delta();
        Figure f = x.figure();
        return catalog.all().chain(all -> {
            ActiveProgram program = all.stream().filter(p -> p.programId().equals(f.programId())).findFirst().orElse(null);
            ProgramRef programRef = program != null ? EarningWriter.programRef(program) : new ProgramRef(f.programId().toString(), null, null);
            RuleRef ruleRef = new RuleRef(f.ruleId().toString(), f.ruleVersion(), f.ruleName() != null ? f.ruleName() : f.kind());
            String ccy = d.amount().currencyCode();
            Explanation ex = new Explanation(d.explanation(), "settlement of the rule on the period's deals now - what was posted for the rule and period so far",
                    List.of(new Explanation.Input("posted_so_far", d.was().amountString(), ccy, "earning:" + d.adjustsEarningId()),
                            new Explanation.Input("settled_now", d.isNow().amountString(), ccy, "period:" + x.period().id()),
                            new Explanation.Input("trigger", trigger, null, runId != null ? "recalculation:" + runId : "event")),
                    List.of(new Explanation.Step("difference", d.isNow().amountString() + " - " + d.was().amountString(), d.amount().amountString(), ccy)),
                    d.amount());
            Instant now = clock.instant();
            EarningAdjusted e = new EarningAdjusted(d.id().toString(), x.earningPosted() ? d.adjustsEarningId().toString() : null, f.partnerId(),
                    programRef, ruleRef, f.kind(), reason, note, d.amount(), d.amount(), null, PeriodService.periodSource(x.period()), runId, booking, now, ex);
            return writer.write(new EarningWriter.Row(d.id(), "adjusted", f.partnerId(), f.kind(), f.programId(), f.ruleId(), f.ruleVersion(), null, null,
                    x.period().id(), d.amount(), d.amount(), null, booking, d.adjustsEarningId(), null), EventType.EARNING_ADJUSTED, e);
        });
    }
}
