package io.partnerflow.incentive.application;

import io.partnerflow.contracts.EventJson;
import io.partnerflow.contracts.EventType;
import io.partnerflow.contracts.incentive.EarningAdjusted;
import io.partnerflow.contracts.incentive.Explanation;
import io.partnerflow.core.money.Money;
import io.partnerflow.incentive.domain.Facts;
import io.partnerflow.incentive.domain.PerDealCalculator;
import io.partnerflow.incentive.domain.Texts;
import io.partnerflow.incentive.domain.calc.ActiveProgram;
import io.partnerflow.incentive.domain.calc.ActiveRule;
import io.partnerflow.incentive.domain.period.CalendarPeriod;
import io.partnerflow.incentive.domain.period.CapSettlement;
import io.partnerflow.incentive.domain.period.PeriodEarningIds;
import io.partnerflow.platform.persistence.Db;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Caps per rule, partner and period at the period close ({@link CapSettlement}: min(0, cap − the rule's earnings in the
 * period), cut from the latest earnings first), posted as {@code earning.adjusted} (reason {@code period_settlement}).
 */
@ApplicationScoped
class PeriodCaps {
    private final EarningEngine engine;
    private final Clock clock;

    PeriodCaps(EarningEngine engine, Clock clock) {
        this.engine = engine;
        this.clock = clock;
    }

    Uni<Void> settle(CalendarPeriod p, ActiveProgram program, ActiveRule rule, PeriodService.Data data, boolean write, List<PeriodService.Settlement> out,
                          Set<String> missing, String onlyPartner) {
        List<String> months = p.months().stream().map(CalendarPeriod::id).toList();
        return Db.rows("""
                        select partner_id, earning_id, coalesce(deal_id, source_key), payload, amount, currency, created_at from earning
                        where rule_id = ?1 and event_type <> 'carried' and booking_period = any(string_to_array(?2, ','))
                        and not (event_type = 'adjusted' and payload like '%"reason":"period_settlement"%')""",
                        rule.ruleId(), String.join(",", months))
                .chain(rows -> {
                    Map<String, List<CapSettlement.CappedEarning>> byPartner = new TreeMap<>();
                    Map<String, String> ccy = new HashMap<>();
                    for (Object[] r : rows) {
                        String partnerId = Db.str(r[0]);
                        if (onlyPartner != null && !onlyPartner.equals(partnerId)) {
                            continue;
                        }
                        var src = EventJson.readTree(Db.str(r[3])).get("source");
                        Instant at = src != null && src.hasNonNull("closedAt") ? Instant.parse(src.get("closedAt").asText()) : Db.instant(r[6]);
                        ccy.put(partnerId, Db.str(r[5]));
                        byPartner.computeIfAbsent(partnerId, k -> new ArrayList<>()).add(new CapSettlement.CappedEarning(
                                Db.str(r[1]), Db.str(r[2]) == null ? Db.str(r[1]) : Db.str(r[2]), at, EarningWriter.money(Db.decimal(r[4]), Db.str(r[5]))));
                    }
                    List<Uni<Void>> writes = new ArrayList<>();
                    for (var e : byPartner.entrySet()) {
                        String partnerId = e.getKey();
                        Facts.Partner partner = data.partners().get(partnerId);
                        String payout = ccy.get(partnerId);
                        Money capMoney = rule.spec().cap();
                        Facts.FxRate capFx = null;
                        if (!capMoney.currencyCode().equals(payout)) {
                            Optional<Facts.FxRate> r = data.fxTable().latestOnOrBefore(capMoney.currencyCode(), payout, p.lastDay());
                            if (r.isEmpty()) {
                                missing.add(capMoney.currencyCode() + "/" + payout + " on or before " + p.lastDay());
                                continue;
                            }
                            capFx = r.get();
                            capMoney = PerDealCalculator.round(capMoney.amount().multiply(capFx.rate()), payout);
                        }
                        CapSettlement.CapResult result = CapSettlement.settle(capMoney, e.getValue());
                        if (!result.capped()) {
                            continue;
                        }
                        UUID id = PeriodEarningIds.capAdjustment(rule.ruleId().toString(), partnerId, p.id());
                        List<Explanation.Input> inputs = new ArrayList<>();
                        inputs.add(new Explanation.Input("cap", rule.spec().cap().amountString(), rule.spec().cap().currencyCode(),
                                "rule:" + rule.ruleId() + "@v" + rule.version() + "/cap per " + p.granularity().code()));
                        if (capFx != null) {
                            inputs.add(new Explanation.Input("fx_rate", capFx.rate().toPlainString(), "ratio", "fx:" + capFx.describe()));
                        }
                        inputs.add(new Explanation.Input("period_total", result.total().amountString(), payout, "period:" + p.id()));
                        result.cuts().forEach(c -> inputs.add(new Explanation.Input("cut", c.amount().amountString(), payout, "earning:" + c.earningId())));
                        Explanation ex = new Explanation(result.summary(), "min(0, cap - total of the rule's earnings in the period), cut from the latest earnings first",
                                inputs, PeriodService.steps(result.steps()), result.adjustment());
                        String first = result.cuts().isEmpty() ? null : result.cuts().get(0).earningId();
                        out.add(new PeriodService.Settlement(partnerId, program.code(), rule.ruleId().toString(), rule.version(), "cap",
                                result.adjustment().amountString(), payout, result.summary(), write ? id.toString() : null));
                        if (write && partner != null) {
                            EarningAdjusted adj = new EarningAdjusted(id.toString(), first, partnerId, EarningWriter.programRef(program),
                                    EarningWriter.ruleRef(rule), rule.spec().kind().wire(), "period_settlement",
                                    "cap of " + Texts.money(capMoney) + " per " + p.granularity().code() + " " + p.id(), result.adjustment(),
                                    result.adjustment(), null, PeriodService.periodSource(p), null, p.id(), clock.instant(), ex);
                            writes.add(engine.write(new EarningWriter.Row(id, "adjusted", partnerId, rule.spec().kind().wire(), program.programId(),
                                    rule.ruleId(), rule.version(), null, null, p.id(), result.adjustment(), result.adjustment(), null, p.id(),
                                    first == null ? null : UUID.fromString(first), null), EventType.EARNING_ADJUSTED, adj));
                        }
                    }
                    return PeriodService.sequence(writes);
                });
    }
}
