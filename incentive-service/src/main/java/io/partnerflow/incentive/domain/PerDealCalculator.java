package io.partnerflow.incentive.domain;

import io.partnerflow.contracts.attribution.Credit;
import io.partnerflow.contracts.deal.DealLine;
import io.partnerflow.contracts.incentive.Explanation;
import io.partnerflow.contracts.incentive.Explanation.Input;
import io.partnerflow.contracts.incentive.Explanation.Step;
import io.partnerflow.core.money.Money;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Per-deal rules (commission, referral bounty, SPIFF) applied to one partner's credit on one won deal. Pure: the
 * caller supplies the partner, the tier as of the close and the FX table. Arithmetic is exact until the one
 * HALF_EVEN rounding at the end of each figure.
 */
public final class PerDealCalculator {
    private PerDealCalculator() {
    }

    /** The rule as referenced on the wire. */
    public record RuleId(String programId, String programName, String ruleId, int ruleVersion, String ruleName) {
    }

    public static Outcome apply(RuleId id, RuleSpec rule, Facts.CreditOnDeal c, Facts.Partner partner, Facts.Tier tier,
                                Facts.FxTable fx, ZoneId zone) {
        LocalDate closeDate = c.deal().closedAt().atZone(zone).toLocalDate();
        Optional<Outcome> ineligible = eligibility(rule.eligibility(), c, partner, tier, fx, closeDate);
        if (ineligible.isPresent()) {
            return ineligible.get();
        }
        return switch (rule.kind()) {
            case COMMISSION -> commission(id, rule, c, partner, tier, fx, closeDate);
            case REFERRAL_BOUNTY -> bounty(id, rule, c, partner, tier, fx, closeDate);
            case SPIFF -> spiff(id, rule, c, partner, tier, fx, closeDate);
            default -> new Outcome.NotEligible(rule.kind().wire() + " is not a per-deal rule");
        };
    }

    public static Optional<Outcome> eligibility(RuleSpec.Eligibility e, Facts.CreditOnDeal c, Facts.Partner p, Facts.Tier tier,
                                         Facts.FxTable fx, LocalDate closeDate) {
        if (!e.partnerTypes().isEmpty() && !e.partnerTypes().contains(p.type())) {
            return Optional.of(new Outcome.NotEligible("partner type " + p.type() + " not in " + e.partnerTypes()));
        }
        if (!e.tiers().isEmpty() && !e.tiers().contains(tier.code())) {
            return Optional.of(new Outcome.NotEligible("tier " + tier.code() + " not in " + e.tiers()));
        }
        if (!e.partnerCountries().isEmpty() && !e.partnerCountries().contains(p.country())) {
            return Optional.of(new Outcome.NotEligible("partner country " + p.country() + " not in " + e.partnerCountries()));
        }
        String customerCountry = c.deal().customer() == null ? null : c.deal().customer().country();
        if (!e.customerCountries().isEmpty() && !e.customerCountries().contains(customerCountry)) {
            return Optional.of(new Outcome.NotEligible("customer country " + customerCountry + " not in " + e.customerCountries()));
        }
        if (!e.dealTypes().isEmpty() && !e.dealTypes().contains(c.deal().dealType())) {
            return Optional.of(new Outcome.NotEligible("deal type " + c.deal().dealType() + " not in " + e.dealTypes()));
        }
        if (e.sourcedOnlyOrFalse() && !"sourced".equals(c.role())) {
            return Optional.of(new Outcome.NotEligible("sourced credit only"));
        }
        if (e.minDealAmount() != null) {
            Money deal = c.deal().amount();
            Money min = e.minDealAmount();
            BigDecimal dealInMin;
            if (deal.currencyCode().equals(min.currencyCode())) {
                dealInMin = deal.amount();
            } else {
                Optional<Facts.FxRate> r = fx.latestOnOrBefore(deal.currencyCode(), min.currencyCode(), closeDate);
                if (r.isEmpty()) {
                    return Optional.of(new Outcome.MissingFx(deal.currencyCode(), min.currencyCode(), closeDate));
                }
                dealInMin = deal.amount().multiply(r.get().rate());
            }
            if (dealInMin.compareTo(min.amount()) < 0) {
                return Optional.of(new Outcome.NotEligible("deal amount " + deal + " below the minimum " + min));
            }
        }
        return Optional.empty();
    }

    // ---------------------------------------------------------------------------------------------- commission

    static Outcome commission(RuleId id, RuleSpec rule, Facts.CreditOnDeal c, Facts.Partner p, Facts.Tier tier,
                              Facts.FxTable fx, LocalDate closeDate) {
        String role = c.role();
        List<Calculation.Bucket> buckets = new ArrayList<>();
        // (category, rate) → [credited amount, lines]
        Map<String, BigDecimal> baseByCell = new LinkedHashMap<>();
        Map<String, BigDecimal> rateByCell = new LinkedHashMap<>();
        Map<String, List<Integer>> linesByCell = new LinkedHashMap<>();
        BigDecimal exact = BigDecimal.ZERO;
        for (Credit.LineCredit l : c.lines()) {
            String category = c.categoryOf(l);
            if (!rule.eligibility().categoryAllowed(category)) {
                continue;
            }
            Optional<RuleSpec.Rate> cell = rule.commission().lookup(tier.code(), category);
            BigDecimal rate = cell.map(r -> r.forRole(role)).orElse(null);
            if (rate == null || rate.signum() == 0 || l.amount().isZero()) {
                continue;
            }
            BigDecimal contribution = l.amount().amount().multiply(rate);
            exact = exact.add(contribution);
            buckets.add(new Calculation.Bucket(List.of(l.lineNumber()), l.amount().amount(), contribution));
            String key = category + "|" + rate.toPlainString();
            baseByCell.merge(key, l.amount().amount(), BigDecimal::add);
            rateByCell.put(key, rate);
            linesByCell.computeIfAbsent(key, k -> new ArrayList<>()).add(l.lineNumber());
        }
        if (buckets.isEmpty()) {
            return new Outcome.NotEligible("no credited line with a " + role + " rate for tier " + tier.code());
        }
        String dealCcy = c.deal().amount().currencyCode();
        Conversion conv = convert(exact, dealCcy, p.payoutCurrency(), fx, closeDate);
        if (conv.missing != null) {
            return conv.missing;
        }
        List<Input> inputs = new ArrayList<>(commonInputs(c, tier));
        List<Step> steps = new ArrayList<>();
        List<String> parts = new ArrayList<>();
        for (String key : baseByCell.keySet()) {
            String category = key.substring(0, key.indexOf('|'));
            BigDecimal base = baseByCell.get(key);
            BigDecimal rate = rateByCell.get(key);
            String lines = linesByCell.get(key).stream().map(String::valueOf).collect(Collectors.joining(","));
            inputs.add(new Input("credited_" + category + "_amount", base.toPlainString(), dealCcy,
                    "attribution:" + c.attributionId() + "/credit:" + p.partnerId() + "/lines:" + lines));
            inputs.add(new Input("commission_rate_" + category, rate.toPlainString(), "ratio",
                    "rule:" + id.ruleId() + "@v" + id.ruleVersion() + "/rates[" + tier.code() + "," + category + "," + role + "]"));
            steps.add(new Step("commission on credited " + category, base.toPlainString() + " x " + rate.toPlainString(),
                    base.multiply(rate).toPlainString(), dealCcy));
            parts.add(Texts.percent(rate) + " " + tier.name() + " commission on " + Texts.money(base, dealCcy) + " of " + category);
        }
        String sentence = String.join(" and ", parts) + " credited to you (" + Texts.percent(c.credit().weight())
                + ", " + Texts.model(c.modelKind()) + ", " + role + ") on deal " + c.deal().name();
        Explanation ex = explanation(sentence, "sum over credited lines (line amount x rate(tier as of close, category, "
                + role + ")) x fx_rate(close date), rounded HALF_EVEN once", inputs, steps, exact, dealCcy, conv);
        return new Outcome.Earned(new Calculation(RuleKind.COMMISSION, exact, round(exact, dealCcy), conv.payout,
                conv.rate, buckets, ex));
    }

    // ---------------------------------------------------------------------------------------------- bounty

    static Outcome bounty(RuleId id, RuleSpec rule, Facts.CreditOnDeal c, Facts.Partner p, Facts.Tier tier,
                          Facts.FxTable fx, LocalDate closeDate) {
        if (!"sourced".equals(c.role()) || !c.credit().touchTypes().contains("referral")) {
            return new Outcome.NotEligible("a referral bounty needs sourced credit through a referral touch");
        }
        List<Integer> lines = new ArrayList<>();
        BigDecimal creditBase = BigDecimal.ZERO;
        for (Credit.LineCredit l : c.lines()) {
            if (rule.eligibility().categoryAllowed(c.categoryOf(l))) {
                lines.add(l.lineNumber());
                creditBase = creditBase.add(l.amount().amount());
            }
        }
        if (creditBase.signum() <= 0) {
            return new Outcome.NotEligible("no credited amount in the eligible categories");
        }
        RuleSpec.Bounty b = rule.bounty();
        List<Input> inputs = new ArrayList<>(commonInputs(c, tier));
        inputs.add(new Input("referral_touch", "referral", null, "attribution:" + c.attributionId() + "/credit:" + p.partnerId()));
        List<Step> steps = new ArrayList<>();
        String ccy;
        BigDecimal exact;
        String sentence;
        String formula;
        if (b.fixed() != null) {
            ccy = b.fixed().currencyCode();
            exact = b.fixed().amount();
            inputs.add(new Input("bounty_fixed", exact.toPlainString(), ccy, "rule:" + id.ruleId() + "@v" + id.ruleVersion()));
            sentence = "Referral bounty of " + Texts.money(b.fixed()) + " for sourcing deal " + c.deal().name() + " through your referral";
            formula = "fixed bounty x fx_rate(close date), rounded HALF_EVEN once";
        } else {
            ccy = c.deal().amount().currencyCode();
            BigDecimal dealBase = BigDecimal.ZERO;
            for (DealLine l : c.deal().lines()) {
                if (rule.eligibility().categoryAllowed(l.category())) {
                    dealBase = dealBase.add(l.amount().amount());
                }
            }
            exact = dealBase.multiply(b.percent());
            inputs.add(new Input("deal_eligible_amount", dealBase.toPlainString(), ccy, "deal:" + c.deal().dealId()));
            inputs.add(new Input("bounty_percent", b.percent().toPlainString(), "ratio", "rule:" + id.ruleId() + "@v" + id.ruleVersion()));
            steps.add(new Step("bounty in deal currency", dealBase.toPlainString() + " x " + b.percent().toPlainString(),
                    exact.toPlainString(), ccy));
            sentence = Texts.percent(b.percent()) + " referral bounty on " + Texts.money(dealBase, ccy) + " of deal "
                    + c.deal().name() + ", which you sourced through your referral";
            formula = "eligible deal amount x bounty percent x fx_rate(close date), rounded HALF_EVEN once";
        }
        Conversion conv = convert(exact, ccy, p.payoutCurrency(), fx, closeDate);
        if (conv.missing != null) {
            return conv.missing;
        }
        Explanation ex = explanation(sentence, formula, inputs, steps, exact, ccy, conv);
        return new Outcome.Earned(new Calculation(RuleKind.REFERRAL_BOUNTY, exact, round(exact, ccy), conv.payout, conv.rate,
                List.of(new Calculation.Bucket(lines, creditBase, exact)), ex));
    }

    // ---------------------------------------------------------------------------------------------- SPIFF

    static Outcome spiff(RuleId id, RuleSpec rule, Facts.CreditOnDeal c, Facts.Partner p, Facts.Tier tier,
                         Facts.FxTable fx, LocalDate closeDate) {
        RuleSpec.Spiff s = rule.spiff();
        if (c.deal().closedAt().isBefore(s.from()) || !c.deal().closedAt().isBefore(s.to())) {
            return new Outcome.NotEligible("closed outside the SPIFF window");
        }
        List<Input> inputs = new ArrayList<>(commonInputs(c, tier));
        inputs.add(new Input("spiff_window", s.from() + "/" + s.to(), null, "rule:" + id.ruleId() + "@v" + id.ruleVersion()));
        List<Step> steps = new ArrayList<>();
        String ccy;
        BigDecimal exact;
        String sentence;
        String formula;
        List<Calculation.Bucket> buckets = new ArrayList<>();
        if (s.perDeal() != null) {
            List<Integer> lines = new ArrayList<>();
            BigDecimal base = BigDecimal.ZERO;
            for (Credit.LineCredit l : c.lines()) {
                if (rule.eligibility().categoryAllowed(c.categoryOf(l)) && (s.skus().isEmpty() || s.skus().contains(c.skuOf(l)))) {
                    lines.add(l.lineNumber());
                    base = base.add(l.amount().amount());
                }
            }
            if (base.signum() <= 0) {
                return new Outcome.NotEligible("no credited line qualifies for the SPIFF");
            }
            ccy = s.perDeal().currencyCode();
            exact = s.perDeal().amount();
            buckets.add(new Calculation.Bucket(lines, base, exact));
            inputs.add(new Input("spiff_per_deal", exact.toPlainString(), ccy, "rule:" + id.ruleId() + "@v" + id.ruleVersion()));
            sentence = "SPIFF of " + Texts.money(s.perDeal()) + " for deal " + c.deal().name() + " closed inside the promotion window";
            formula = "fixed SPIFF per qualifying deal x fx_rate(close date), rounded HALF_EVEN once";
        } else {
            ccy = s.perUnit().currencyCode();
            exact = BigDecimal.ZERO;
            BigDecimal units = BigDecimal.ZERO;
            for (Credit.LineCredit l : c.lines()) {
                String sku = c.skuOf(l);
                Optional<DealLine> dl = c.dealLine(l.lineNumber());
                if (!s.skus().contains(sku) || dl.isEmpty() || dl.get().amount().isZero() || l.amount().isZero()
                        || !rule.eligibility().categoryAllowed(c.categoryOf(l))) {
                    continue;
                }
                // the partner's credited units: quantity x (credited line amount / line amount), at 34 digits
                BigDecimal share = l.amount().amount().divide(dl.get().amount().amount(), MathContext.DECIMAL128);
                BigDecimal creditedUnits = dl.get().quantity().multiply(share);
                BigDecimal contribution = creditedUnits.multiply(s.perUnit().amount());
                units = units.add(creditedUnits);
                exact = exact.add(contribution);
                buckets.add(new Calculation.Bucket(List.of(l.lineNumber()), l.amount().amount(), contribution));
                inputs.add(new Input("credited_units_" + sku, Texts.plain(creditedUnits), "count",
                        "deal:" + c.deal().dealId() + "/line:" + l.lineNumber() + " quantity " + Texts.plain(dl.get().quantity())
                                + " x credited " + l.amount().amountString() + "/" + dl.get().amount().amountString()));
            }
            if (buckets.isEmpty()) {
                return new Outcome.NotEligible("no credited units of the listed SKUs");
            }
            inputs.add(new Input("spiff_per_unit", s.perUnit().amountString(), ccy, "rule:" + id.ruleId() + "@v" + id.ruleVersion()));
            steps.add(new Step("SPIFF on credited units", Texts.plain(units) + " x " + s.perUnit().amountString(), Texts.plain(exact), ccy));
            sentence = "SPIFF of " + Texts.money(s.perUnit()) + " per unit on " + Texts.plain(units) + " credited units of "
                    + String.join(", ", s.skus()) + " on deal " + c.deal().name();
            formula = "credited units of listed SKUs x SPIFF per unit x fx_rate(close date), rounded HALF_EVEN once";
        }
        Conversion conv = convert(exact, ccy, p.payoutCurrency(), fx, closeDate);
        if (conv.missing != null) {
            return conv.missing;
        }
        Explanation ex = explanation(sentence, formula, inputs, steps, exact, ccy, conv);
        return new Outcome.Earned(new Calculation(RuleKind.SPIFF, exact, round(exact, ccy), conv.payout, conv.rate, buckets, ex));
    }

    // ---------------------------------------------------------------------------------------------- helpers

    static List<Input> commonInputs(Facts.CreditOnDeal c, Facts.Tier tier) {
        String ref = "attribution:" + c.attributionId() + "/credit:" + c.credit().partnerId();
        return List.of(
                new Input("credit_weight", c.credit().weight().toPlainString(), "ratio", ref),
                new Input("credit_role", c.role(), null, ref),
                new Input("attribution_model", Texts.model(c.modelKind()), null, ref),
                new Input("tier_as_of_close", tier.code(), null,
                        "partner:" + c.credit().partnerId() + "/tier@" + c.deal().closedAt() + " (" + tier.why() + ")"));
    }

    /** The result of converting an exact amount: either the payout (rounded once) and the rate, or "missing". */
    public record Conversion(Money payout, Facts.FxRate rate, BigDecimal exactPayout, Outcome.MissingFx missing) {
    }

    public static Conversion convert(BigDecimal exact, String from, String to, Facts.FxTable fx, LocalDate date) {
        if (from.equals(to)) {
            return new Conversion(round(exact, to), null, exact, null);
        }
        Optional<Facts.FxRate> r = fx.latestOnOrBefore(from, to, date);
        if (r.isEmpty()) {
            return new Conversion(null, null, null, new Outcome.MissingFx(from, to, date));
        }
        BigDecimal payout = exact.multiply(r.get().rate());
        return new Conversion(round(payout, to), r.get(), payout, null);
    }

    public static Money round(BigDecimal exact, String currency) {
        int scale = Money.scaleOf(Money.currencyOf(currency));
        return Money.of(exact.setScale(scale, RoundingMode.HALF_EVEN), currency);
    }

    /** Builds the explanation, adding the FX input/step, the rounding step and the paid-as clause. */
    public static Explanation explanation(String sentence, String formula, List<Input> inputs, List<Step> steps,
                                          BigDecimal exact, String originalCcy, Conversion conv) {
        List<Input> in = new ArrayList<>(inputs);
        List<Step> st = new ArrayList<>(steps);
        st.add(new Step("amount in " + originalCcy, "sum", exact.toPlainString(), originalCcy));
        String text = sentence;
        if (conv.rate() != null) {
            Facts.FxRate r = conv.rate();
            in.add(new Input("fx_rate", r.rate().toPlainString(), "ratio", "fx:" + r.describe()));
            st.add(new Step("converted to payout currency", exact.toPlainString() + " x " + r.rate().toPlainString(),
                    conv.exactPayout().toPlainString(), r.to()));
            text += ", paid as " + Texts.money(conv.payout()) + " at 1 " + r.from() + " = " + Texts.plain(r.rate()) + " "
                    + r.to() + " (rate of " + r.date() + ")";
        }
        BigDecimal toRound = conv.exactPayout();
        st.add(new Step("rounded HALF_EVEN to " + conv.payout().currencyCode() + " scale",
                "round(" + toRound.toPlainString() + ", " + conv.payout().amount().scale() + ")",
                conv.payout().amountString(), conv.payout().currencyCode()));
        return new Explanation(text, formula, in, st, conv.payout());
    }
}
