package io.partnerflow.incentive.application;

import io.partnerflow.contracts.EventJson;
import io.partnerflow.contracts.EventType;
import io.partnerflow.contracts.attribution.Credit;
import io.partnerflow.contracts.attribution.DealReattributed;
import io.partnerflow.contracts.incentive.EarningAccrued;
import io.partnerflow.contracts.incentive.EarningAdjusted;
import io.partnerflow.contracts.incentive.ProgramRef;
import io.partnerflow.contracts.incentive.RuleRef;
import io.partnerflow.core.ids.NameBasedIds;
import io.partnerflow.core.money.Money;
import io.partnerflow.incentive.config.IncentiveConfig;
import io.partnerflow.incentive.domain.Calculation;
import io.partnerflow.incentive.domain.Facts;
import io.partnerflow.incentive.domain.Outcome;
import io.partnerflow.incentive.domain.Periods;
import io.partnerflow.incentive.domain.calc.ActiveProgram;
import io.partnerflow.incentive.domain.calc.Basis;
import io.partnerflow.incentive.domain.calc.DeltaCalculator;
import io.partnerflow.incentive.domain.calc.EarningCalculator;
import io.partnerflow.incentive.domain.calc.EarningCalculator.Applied;
import io.partnerflow.platform.persistence.Db;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static io.partnerflow.incentive.application.EarningWriter.dealSource;
import static io.partnerflow.incentive.application.EarningWriter.forEach;
import static io.partnerflow.incentive.application.EarningWriter.fx;
import static io.partnerflow.incentive.application.EarningWriter.money;
import static io.partnerflow.incentive.application.EarningWriter.programRef;
import static io.partnerflow.incentive.application.EarningWriter.ruleRef;

/** Re-attribution: per rule, the figure under the new attribution minus the net under the superseded one ({@link DeltaCalculator}). */
@ApplicationScoped
class ReattributionWork {
    private final EarningWriter writer;
    private final IncentiveConfig config;
    private final Clock clock;

    ReattributionWork(EarningWriter writer, IncentiveConfig config, Clock clock) {
        this.writer = writer;
        this.config = config;
        this.clock = clock;
    }

    Uni<Wait> reattribute(DealReattributed r, Facts.Partner partner, EventReads reads) {
        Credit credit = r.credits().stream().filter(c -> c.partnerId().equals(partner.partnerId())).findFirst().orElse(null);
        return WorkInputs.load(partner, r.deal().closedAt(), reads, config.periodZone()).chain(ctx -> {
            List<Applied> applied = credit == null ? List.of()
                    : EarningCalculator.perDeal(ctx.inputs(), new Facts.CreditOnDeal(r.attributionId(), r.deal(),
                    r.model() == null ? null : r.model().kind(), credit));
            Optional<Outcome.MissingFx> missing = EarningCalculator.firstMissing(applied);
            if (missing.isPresent()) {
                return Uni.createFrom().item(Wait.fx(missing.get()));
            }
            return Db.rows("""
                            select rule_id, program_id, kind, currency, sum(amount), original_currency, sum(original_amount),
                                   max(rule_version), min(case when event_type = 'accrued' then earning_id::text end)
                            from earning where deal_id = ?1 and partner_id = ?2 and event_type <> 'carried'
                            group by rule_id, program_id, kind, currency, original_currency""", r.dealId(), partner.partnerId())
                    .chain(rows -> {
                        Map<UUID, Object[]> net = new LinkedHashMap<>();
                        rows.forEach(x -> net.put((UUID) x[0], x));
                        Map<UUID, Applied> next = new LinkedHashMap<>();
                        applied.forEach(a -> next.put(a.rule().ruleId(), a));
                        LinkedHashSet<UUID> rules = new LinkedHashSet<>(net.keySet());
                        rules.addAll(next.keySet());
                        String booking = Periods.bookingMonth(r.attributedAt() == null ? clock.instant() : r.attributedAt(), config.periodZone(), ctx.closed());
                        return forEach(List.copyOf(rules), ruleId -> adjust(r, partner, ruleId, net.get(ruleId), next.get(ruleId),
                                ctx.inputs().programs(), booking));
                    }).replaceWith((Wait) null);
        });
    }

    private Uni<Void> adjust(DealReattributed r, Facts.Partner partner, UUID ruleId, Object[] net, Applied next,
                             List<ActiveProgram> programs, String booking) {
        Calculation calc = next == null ? null : next.calculation();
        String payoutCcy = calc != null ? calc.payout().currencyCode() : Db.str(net[3]);
        String origCcy = calc != null ? calc.original().currencyCode() : Db.str(net[5]);
        Money netPayout = net == null ? Money.zero(payoutCcy) : money(Db.decimal(net[4]), payoutCcy);
        Money netOrig = net == null ? Money.zero(origCcy) : money(Db.decimal(net[6]), origCcy);
        String kind = calc != null ? calc.kind().wire() : Db.str(net[2]);
        UUID programId = next != null ? next.program().programId() : (UUID) net[1];
        ActiveProgram program = next != null ? next.program()
                : programs.stream().filter(p -> p.programId().equals(programId)).findFirst().orElse(null);
        int ruleVersion = next != null ? next.rule().version() : ((Number) net[7]).intValue();
        String ruleName = next != null ? next.rule().spec().name() : kind;
        UUID adjusts = net == null || net[8] == null ? null : UUID.fromString(Db.str(net[8]));
        DeltaCalculator.Result d = DeltaCalculator.compute(kind, netPayout, netOrig, calc, new DeltaCalculator.Wording(
                "Re-attribution of deal " + r.deal().name() + (r.reason() == null ? "" : " (" + r.reason() + ")"),
                "attribution:" + r.supersedesAttributionId(), "attribution:" + r.attributionId(),
                "delta against what the superseded attribution earned",
                "figure under the new attribution - net earned under the superseded one"));
        if (d.isZero()) {
            if (calc == null) {
                return Uni.createFrom().voidItem();
            }
            // nothing to pay, but later clawbacks on the new attribution need its basis: carried, never published
            UUID id = NameBasedIds.of("incentive.carried", r.attributionId(), ruleId, partner.partnerId());
            return Db.exec("""
                            insert into earning (earning_id, event_type, partner_id, kind, program_id, rule_id, rule_version, deal_id, attribution_id,
                                source_key, amount, currency, original_amount, original_currency, booking_period, related_earning_id, basis, payload, created_at)
                            values (?1, 'carried', ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8, 0, ?9, 0, ?10, ?11, cast(?12 as uuid), ?13, ?14, ?15)
                            on conflict do nothing""",
                    id, partner.partnerId(), kind, programId, ruleId, ruleVersion, r.dealId(), r.attributionId(), payoutCcy, origCcy,
                    booking, adjusts, EventJson.writeString(Basis.of(calc)),
                    EventJson.writeString(accruedFor(r, partner, next, calc, booking)), clock.instant()).replaceWithVoid();
        }
        UUID id = NameBasedIds.of("incentive.reattribution", r.attributionId(), ruleId, partner.partnerId());
        EarningAdjusted e = new EarningAdjusted(id.toString(), adjusts == null ? null : adjusts.toString(), partner.partnerId(),
                program == null ? new ProgramRef(programId.toString(), null, "program " + programId) : programRef(program),
                new RuleRef(ruleId.toString(), ruleVersion, ruleName), kind, "reattribution", r.reason(), d.delta(), d.deltaOriginal(),
                calc == null ? null : fx(calc), dealSource(r.deal(), r.attributionId(), null), r.runId() == null ? null : safeUuid(r.runId()),
                booking, clock.instant(), d.explanation());
        return writer.write(new EarningWriter.Row(id, "adjusted", partner.partnerId(), kind, programId, ruleId, ruleVersion, r.dealId(),
                r.attributionId(), r.attributionId(), d.delta(), d.deltaOriginal(), calc == null ? null : calc.fx(), booking, adjusts,
                calc == null ? null : Basis.of(calc)), EventType.EARNING_ADJUSTED, e);
    }

    private EarningAccrued accruedFor(DealReattributed r, Facts.Partner partner, Applied next, Calculation calc, String booking) {
        return new EarningAccrued(UUID.randomUUID().toString(), partner.partnerId(), programRef(next.program()), ruleRef(next.rule()),
                calc.kind().wire(), calc.payout(), calc.original(), fx(calc), dealSource(r.deal(), r.attributionId(), null), booking,
                clock.instant(), calc.explanation());
    }

    private static String safeUuid(String s) {
        try {
            return UUID.fromString(s).toString();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
