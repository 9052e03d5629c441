package io.partnerflow.incentive.application;

import io.partnerflow.contracts.EventType;
import io.partnerflow.contracts.analytics.ChallengeCompleted;
import io.partnerflow.contracts.attribution.Credit;
import io.partnerflow.contracts.attribution.DealAttributed;
import io.partnerflow.contracts.incentive.EarningAccrued;
import io.partnerflow.contracts.incentive.EarningSource;
import io.partnerflow.contracts.incentive.ProgramRef;
import io.partnerflow.contracts.incentive.RuleRef;
import io.partnerflow.core.ids.NameBasedIds;
import io.partnerflow.incentive.config.IncentiveConfig;
import io.partnerflow.incentive.domain.Calculation;
import io.partnerflow.incentive.domain.Facts;
import io.partnerflow.incentive.domain.Outcome;
import io.partnerflow.incentive.domain.Periods;
import io.partnerflow.incentive.domain.RewardCalculator;
import io.partnerflow.incentive.domain.calc.Basis;
import io.partnerflow.incentive.domain.calc.EarningCalculator;
import io.partnerflow.incentive.domain.calc.EarningCalculator.Applied;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static io.partnerflow.incentive.application.EarningWriter.dealSource;
import static io.partnerflow.incentive.application.EarningWriter.forEach;
import static io.partnerflow.incentive.application.EarningWriter.fx;
import static io.partnerflow.incentive.application.EarningWriter.programRef;
import static io.partnerflow.incentive.application.EarningWriter.ruleRef;

/** Accruals: per-deal rules on an attribution, training/activity rewards, challenge awards. */
@ApplicationScoped
class AccrualWork {
    /** The program and rule an award earning names: challenges are analytics-service's, not a program's rules. */
    static final UUID CHALLENGES_PROGRAM = NameBasedIds.of("incentive.program", "analytics-challenges");

    private final EarningWriter writer;
    private final IncentiveConfig config;
    private final Clock clock;

    AccrualWork(EarningWriter writer, IncentiveConfig config, Clock clock) {
        this.writer = writer;
        this.config = config;
        this.clock = clock;
    }

    Uni<Wait> accrue(DealAttributed a, Facts.Partner partner, EventReads reads) {
        Credit credit = creditOf(a, partner.partnerId());
        if (credit == null) {
            return Uni.createFrom().nullItem();
        }
        return WorkInputs.load(partner, a.deal().closedAt(), reads, config.periodZone()).chain(ctx -> {
            Accrued done = accrued(a, credit, ctx);
            if (done.waiting() != null) {
                return Uni.createFrom().item(done.waiting());
            }
            return forEach(done.earnings(), e -> writer.write(e.row(), EventType.EARNING_ACCRUED, e.event())).replaceWith((Wait) null);
        });
    }

    static Credit creditOf(DealAttributed a, String partnerId) {
        return a.credits().stream().filter(c -> c.partnerId().equals(partnerId)).findFirst().orElse(null);
    }

    /** An accrual computed, not yet written: its earnings (row + wire event) in rule order, or why it has to wait. */
    record Accrued(Wait waiting, List<Earning> earnings) {
    }

    record Earning(EarningWriter.Row row, EarningAccrued event) {
    }

    /**
     * The per-deal rules applied to one partner's credit of an attribution (the pure core, {@link EarningCalculator#perDeal})
     * and mapped to the rows and events to write — no I/O: the one-event path ({@link #accrue}) and the per-chunk path
     * ({@link AttributedRun}) both write exactly this.
     */
    Accrued accrued(DealAttributed a, Credit credit, WorkInputs.Loaded ctx) {
        Facts.Partner partner = ctx.inputs().partner();
        Facts.CreditOnDeal c = new Facts.CreditOnDeal(a.attributionId(), a.deal(), a.model() == null ? null : a.model().kind(), credit);
        List<Applied> applied = EarningCalculator.perDeal(ctx.inputs(), c);
        Optional<Outcome.MissingFx> missing = EarningCalculator.firstMissing(applied);
        if (missing.isPresent()) {
            return new Accrued(Wait.fx(missing.get()), List.of());
        }
        String booking = Periods.bookingMonth(a.deal().closedAt(), config.periodZone(), ctx.closed());
        List<Earning> out = new ArrayList<>(applied.size());
        for (Applied ap : applied) {
            Calculation calc = ap.calculation();
            UUID id = NameBasedIds.of("incentive." + calc.kind().wire(), a.attributionId(), ap.rule().ruleId(),
                    ap.rule().version(), partner.partnerId());
            EarningAccrued e = new EarningAccrued(id.toString(), partner.partnerId(), programRef(ap.program()),
                    ruleRef(ap.rule()), calc.kind().wire(), calc.payout(), calc.original(), fx(calc), dealSource(a.deal(), a.attributionId(), null),
                    booking, clock.instant(), calc.explanation());
            out.add(new Earning(new EarningWriter.Row(id, "accrued", partner.partnerId(), calc.kind().wire(), ap.program().programId(),
                    ap.rule().ruleId(), ap.rule().version(), a.dealId(), a.attributionId(), a.attributionId(), calc.payout(),
                    calc.original(), calc.fx(), booking, null, Basis.of(calc)), e));
        }
        return new Accrued(null, out);
    }

    /** Training (cert != null) or activity (activity != null) rewards of the programs in force at the time. */
    Uni<Wait> reward(RewardCalculator.Certification cert, RewardCalculator.Activity activity, Facts.Partner partner, EventReads reads) {
        Instant at = cert != null ? cert.completedAt() : activity.occurredAt();
        return WorkInputs.load(partner, at, reads, config.periodZone()).chain(ctx -> {
            List<Applied> applied = EarningCalculator.rewards(ctx.inputs(), cert, activity);
            Optional<Outcome.MissingFx> missing = EarningCalculator.firstMissing(applied);
            if (missing.isPresent()) {
                return Uni.createFrom().item(Wait.fx(missing.get()));
            }
            String booking = Periods.bookingMonth(at, config.periodZone(), ctx.closed());
            return forEach(applied, ap -> {
                Calculation calc = ap.calculation();
                UUID id = cert != null
                        ? NameBasedIds.of("incentive.training_reward", ap.rule().ruleId(), cert.personId(), cert.code())
                        : NameBasedIds.of("incentive.activity_reward", ap.rule().ruleId(), activity.activityId());
                EarningSource source = cert != null
                        ? new EarningSource("certification", null, null, null, null, null, null, null, null, null,
                        cert.certificationId(), cert.personId(), null)
                        : EarningSource.activity(activity.activityId());
                EarningAccrued e = new EarningAccrued(id.toString(), partner.partnerId(), programRef(ap.program()), ruleRef(ap.rule()),
                        calc.kind().wire(), calc.payout(), calc.original(), fx(calc), source, booking, clock.instant(), calc.explanation());
                String sourceKey = cert != null ? cert.certificationId() : activity.activityId();
                return writer.write(new EarningWriter.Row(id, "accrued", partner.partnerId(), calc.kind().wire(), ap.program().programId(),
                        ap.rule().ruleId(), ap.rule().version(), null, null, sourceKey, calc.payout(), calc.original(), calc.fx(),
                        booking, null, null), EventType.EARNING_ACCRUED, e);
            }).replaceWith((Wait) null);
        });
    }

    Uni<Wait> award(ChallengeCompleted c, Facts.Partner partner, EventReads reads) {
        return WorkInputs.load(partner, c.completedAt(), reads, config.periodZone()).chain(ctx -> {
            Outcome o = RewardCalculator.challenge(c, partner, ctx.fx(), config.periodZone());
            if (o instanceof Outcome.MissingFx m) {
                return Uni.createFrom().item(Wait.fx(m));
            }
            Calculation calc = ((Outcome.Earned) o).calculation();
            String booking = Periods.bookingMonth(c.completedAt(), config.periodZone(), ctx.closed());
            UUID id = NameBasedIds.of("incentive.challenge_award", c.challengeId(), c.partnerId());
            UUID ruleId = UUID.fromString(c.challengeId());
            EarningAccrued e = new EarningAccrued(id.toString(), partner.partnerId(),
                    new ProgramRef(CHALLENGES_PROGRAM.toString(), "analytics-challenges", "Analytics challenges"),
                    new RuleRef(ruleId.toString(), 1, c.challengeName()), calc.kind().wire(), calc.payout(), calc.original(), fx(calc),
                    EarningSource.challenge(c.challengeId()), booking, clock.instant(), calc.explanation());
            return writer.write(new EarningWriter.Row(id, "accrued", partner.partnerId(), calc.kind().wire(), CHALLENGES_PROGRAM, ruleId, 1,
                    null, null, c.challengeId(), calc.payout(), calc.original(), calc.fx(), booking, null, null), EventType.EARNING_ACCRUED, e)
                    .replaceWith((Wait) null);
        });
    }
}
