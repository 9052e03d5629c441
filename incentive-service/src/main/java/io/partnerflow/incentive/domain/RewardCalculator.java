package io.partnerflow.incentive.domain;

import io.partnerflow.contracts.incentive.Explanation.Input;
import io.partnerflow.core.money.Money;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Rewards that do not come from a deal: training (per person per certification) and reported activities. */
public final class RewardCalculator {
    private RewardCalculator() {
    }

    /** A certification completed by a person at the partner. */
    public record Certification(String certificationId, String code, String name, String personId, String personName,
                                Instant completedAt) {
    }

    /**
     * A partner activity reported over REST.
     *
     * @param type  {@code implementation_go_live}, {@code adoption_milestone}, {@code satisfaction_score} or
     *              {@code campaign_executed}
     * @param score the satisfaction score, for that type
     */
    public record Activity(String activityId, String type, Instant occurredAt, BigDecimal score, String description) {
    }

    static Optional<Outcome> partnerFilters(RuleSpec.Eligibility e, Facts.Partner p, Facts.Tier tier) {
        if (!e.partnerTypes().isEmpty() && !e.partnerTypes().contains(p.type())) {
            return Optional.of(new Outcome.NotEligible("partner type " + p.type() + " not in " + e.partnerTypes()));
        }
        if (!e.tiers().isEmpty() && !e.tiers().contains(tier.code())) {
            return Optional.of(new Outcome.NotEligible("tier " + tier.code() + " not in " + e.tiers()));
        }
        if (!e.partnerCountries().isEmpty() && !e.partnerCountries().contains(p.country())) {
            return Optional.of(new Outcome.NotEligible("partner country " + p.country() + " not in " + e.partnerCountries()));
        }
        return Optional.empty();
    }

    public static Outcome training(PerDealCalculator.RuleId id, RuleSpec rule, Certification c, Facts.Partner p, Facts.Tier tier,
                                   Facts.FxTable fx, ZoneId zone) {
        Optional<Outcome> no = partnerFilters(rule.eligibility(), p, tier);
        if (no.isPresent()) {
            return no.get();
        }
        RuleSpec.Training t = rule.training();
        if (!t.certificationCodes().isEmpty() && !t.certificationCodes().contains(c.code())) {
            return new Outcome.NotEligible("certification " + c.code() + " not rewarded by this rule");
        }
        LocalDate date = c.completedAt().atZone(zone).toLocalDate();
        Money amount = t.amount();
        PerDealCalculator.Conversion conv = PerDealCalculator.convert(amount.amount(), amount.currencyCode(), p.payoutCurrency(), fx, date);
        if (conv.missing() != null) {
            return conv.missing();
        }
        List<Input> inputs = new ArrayList<>();
        inputs.add(new Input("certification", c.code(), null, "certification:" + c.certificationId()));
        inputs.add(new Input("person", c.personId(), null, "certification:" + c.certificationId() + "/person"));
        inputs.add(new Input("reward_per_person_per_certification", amount.amountString(), amount.currencyCode(),
                "rule:" + id.ruleId() + "@v" + id.ruleVersion()));
        inputs.add(new Input("tier_at_completion", tier.code(), null, "partner:" + p.partnerId() + "/tier@" + c.completedAt() + " (" + tier.why() + ")"));
        String who = c.personName() == null ? c.personId() : c.personName();
        String sentence = "Training reward of " + Texts.money(amount) + " because " + who + " completed the "
                + (c.name() == null ? c.code() : c.name()) + " certification (once per person per certification)";
        return new Outcome.Earned(new Calculation(RuleKind.TRAINING_REWARD, amount.amount(), amount, conv.payout(), conv.rate(), List.of(),
                PerDealCalculator.explanation(sentence, "fixed reward per person per certification x fx_rate(completion date), rounded HALF_EVEN once",
                        inputs, List.of(), amount.amount(), amount.currencyCode(), conv)));
    }

    /** The award of a completed challenge, converted to the partner's payout currency at the completion date's rate. */
    public static Outcome challenge(io.partnerflow.contracts.analytics.ChallengeCompleted c, Facts.Partner p, Facts.FxTable fx,
                                    ZoneId zone) {
        Money m = c.award();
        LocalDate date = c.completedAt().atZone(zone).toLocalDate();
        PerDealCalculator.Conversion conv = PerDealCalculator.convert(m.amount(), m.currencyCode(), p.payoutCurrency(), fx, date);
        if (conv.missing() != null) {
            return conv.missing();
        }
        List<Input> inputs = new ArrayList<>();
        inputs.add(new Input("challenge", c.challengeName(), null, "challenge:" + c.challengeId()));
        inputs.add(new Input("goal", c.metric() + " >= " + c.target(), c.unit(), "challenge:" + c.challengeId() + "/goal"));
        inputs.add(new Input("achieved", c.progress(), c.unit(), "challenge:" + c.challengeId() + "/partner:" + p.partnerId()));
        inputs.add(new Input("award", m.amountString(), m.currencyCode(), "challenge:" + c.challengeId() + "/award"));
        String sentence = "Challenge award of " + Texts.money(m) + " for completing \"" + c.challengeName() + "\" ("
                + c.progress() + " of " + c.target() + " " + c.metric() + ", " + c.from() + " to " + c.to() + ")";
        return new Outcome.Earned(new Calculation(RuleKind.CHALLENGE_AWARD, m.amount(), m, conv.payout(), conv.rate(), List.of(),
                PerDealCalculator.explanation(sentence, "fixed challenge award x fx_rate(completion date), rounded HALF_EVEN once",
                        inputs, List.of(), m.amount(), m.currencyCode(), conv)));
    }

    public static Outcome activity(PerDealCalculator.RuleId id, RuleSpec rule, Activity a, Facts.Partner p, Facts.Tier tier,
                                   Facts.FxTable fx, ZoneId zone) {
        Optional<Outcome> no = partnerFilters(rule.eligibility(), p, tier);
        if (no.isPresent()) {
            return no.get();
        }
        RuleSpec.Activity spec = rule.activity();
        if (!spec.activityTypes().contains(a.type())) {
            return new Outcome.NotEligible("activity type " + a.type() + " not rewarded by this rule");
        }
        if ("satisfaction_score".equals(a.type()) && spec.minScore() != null
                && (a.score() == null || a.score().compareTo(spec.minScore()) < 0)) {
            return new Outcome.NotEligible("satisfaction score " + a.score() + " below " + spec.minScore());
        }
        Optional<Money> amount = spec.amountFor(tier.code());
        if (amount.isEmpty()) {
            return new Outcome.NotEligible("no reward amount for tier " + tier.code());
        }
        Money m = amount.get();
        LocalDate date = a.occurredAt().atZone(zone).toLocalDate();
        PerDealCalculator.Conversion conv = PerDealCalculator.convert(m.amount(), m.currencyCode(), p.payoutCurrency(), fx, date);
        if (conv.missing() != null) {
            return conv.missing();
        }
        List<Input> inputs = new ArrayList<>();
        inputs.add(new Input("activity_type", a.type(), null, "activity:" + a.activityId()));
        if (a.score() != null) {
            inputs.add(new Input("satisfaction_score", a.score().toPlainString(), null, "activity:" + a.activityId()));
            if (spec.minScore() != null) {
                inputs.add(new Input("min_score", spec.minScore().toPlainString(), null, "rule:" + id.ruleId() + "@v" + id.ruleVersion()));
            }
        }
        inputs.add(new Input("tier_at_activity", tier.code(), null, "partner:" + p.partnerId() + "/tier@" + a.occurredAt() + " (" + tier.why() + ")"));
        inputs.add(new Input("reward", m.amountString(), m.currencyCode(), "rule:" + id.ruleId() + "@v" + id.ruleVersion()
                + (spec.amount() != null ? "/amount" : "/amountsByTier[" + tier.code() + "]")));
        String what = switch (a.type()) {
            case "implementation_go_live" -> "the implementation go-live";
            case "adoption_milestone" -> "the customer adoption milestone";
            case "satisfaction_score" -> "a satisfaction score of " + (a.score() == null ? "?" : Texts.plain(a.score()));
            case "campaign_executed" -> "the executed campaign";
            default -> a.type();
        };
        String sentence = "Activity reward of " + Texts.money(m) + (spec.amount() != null ? "" : " (" + tier.name() + " rate)")
                + " for " + what + (a.description() == null ? "" : " (" + a.description() + ")");
        return new Outcome.Earned(new Calculation(RuleKind.ACTIVITY_REWARD, m.amount(), m, conv.payout(), conv.rate(), List.of(),
                PerDealCalculator.explanation(sentence, (spec.amount() != null ? "fixed reward" : "reward for the tier at the activity date")
                        + " x fx_rate(activity date), rounded HALF_EVEN once", inputs, List.of(), m.amount(), m.currencyCode(), conv)));
    }
}
