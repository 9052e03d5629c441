package io.partnerflow.incentive.domain;

import io.partnerflow.core.money.Money;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** Validation on write: every problem of a program version, as "field: message" (empty = valid). */
public final class ProgramValidator {
    private static final Pattern CODE = Pattern.compile("^[a-z0-9][a-z0-9-]{0,99}$");
    private static final Set<String> PERIODS = Set.of("month", "quarter", "year");
    private static final Set<String> PARTNER_TYPES = Set.of("reseller", "referral", "distributor", "msp", "technology", "agent");
    private static final Set<String> ACTIVITY_TYPES = Set.of("implementation_go_live", "adoption_milestone",
            "satisfaction_score", "campaign_executed");

    /** Dates a program can be effective at (an epoch-second typo such as 1e308 is not a date). */
    public static final java.time.Instant EARLIEST = java.time.Instant.parse("2000-01-01T00:00:00Z");
    public static final java.time.Instant LATEST = java.time.Instant.parse("2101-01-01T00:00:00Z");
    /** No amount typed into a program may be larger. */
    public static final BigDecimal MAX_MONEY = new BigDecimal("999999999999");

    private ProgramValidator() {
    }

    private static void saneInstant(List<Problem> out, String field, java.time.Instant i) {
        if (i != null && (i.isBefore(EARLIEST) || !i.isBefore(LATEST))) {
            out.add(new Problem(field, "must be between 2000-01-01 and 2100-12-31"));
        }
    }

    public record Problem(String field, String message) {
    }

    public static List<Problem> validate(ProgramDefinition p) {
        List<Problem> out = new ArrayList<>();
        if (p.code() == null || !CODE.matcher(p.code()).matches()) {
            out.add(new Problem("code", "must match " + CODE.pattern()));
        }
        if (p.name() == null || p.name().isBlank()) {
            out.add(new Problem("name", "must not be blank"));
        }
        if (p.name() != null && p.name().length() > 300) {
            out.add(new Problem("name", "at most 300 characters"));
        }
        if (p.exclusivityGroup() != null && p.exclusivityGroup().length() > 100) {
            out.add(new Problem("exclusivityGroup", "at most 100 characters"));
        }
        if (p.priority() != null && (p.priority() < -1000 || p.priority() > 1000)) {
            out.add(new Problem("priority", "between -1000 and 1000"));
        }
        saneInstant(out, "effectiveFrom", p.effectiveFrom());
        saneInstant(out, "effectiveTo", p.effectiveTo());
        if (p.effectiveFrom() != null && p.effectiveTo() != null && !p.effectiveTo().isAfter(p.effectiveFrom())) {
            out.add(new Problem("effectiveTo", "must be after effectiveFrom"));
        }
        if (p.rules().isEmpty()) {
            out.add(new Problem("rules", "a program needs at least one rule"));
        }
        Set<String> keys = new HashSet<>();
        for (int i = 0; i < p.rules().size(); i++) {
            RuleSpec r = p.rules().get(i);
            String f = "rules[" + i + "]";
            if (r == null) {
                out.add(new Problem(f, "must not be null"));
                continue;
            }
            if (r.key() == null || !CODE.matcher(r.key()).matches()) {
                out.add(new Problem(f + ".key", "must match " + CODE.pattern()));
            } else if (!keys.add(r.key())) {
                out.add(new Problem(f + ".key", "duplicate rule key " + r.key()));
            }
            if (r.name() == null || r.name().isBlank()) {
                out.add(new Problem(f + ".name", "must not be blank"));
            }
            if (r.kind() == null) {
                out.add(new Problem(f + ".kind", "required"));
                continue;
            }
            RuleSpec.Eligibility e = r.eligibility();
            e.partnerTypes().stream().filter(t -> !PARTNER_TYPES.contains(t))
                    .forEach(t -> out.add(new Problem(f + ".eligibility.partnerTypes", "unknown partner type " + t)));
            if (e.minDealAmount() != null && e.minDealAmount().isNegative()) {
                out.add(new Problem(f + ".eligibility.minDealAmount", "must not be negative"));
            }
            if (r.cap() != null && !r.cap().isPositive()) {
                out.add(new Problem(f + ".cap", "must be positive"));
            }
            if (r.cap() != null && r.cap().amount().compareTo(MAX_MONEY) > 0) {
                out.add(new Problem(f + ".cap", "at most " + MAX_MONEY.toPlainString()));
            }
            if (e.minDealAmount() != null && e.minDealAmount().amount().compareTo(MAX_MONEY) > 0) {
                out.add(new Problem(f + ".eligibility.minDealAmount", "at most " + MAX_MONEY.toPlainString()));
            }
            if (r.capPeriod() != null && !PERIODS.contains(r.capPeriod())) {
                out.add(new Problem(f + ".capPeriod", "month, quarter or year"));
            }
            int sections = count(r.commission(), r.bounty(), r.spiff(), r.training(), r.activity(), r.rebate(),
                    r.accelerator(), r.mdf());
            if (sections != 1) {
                out.add(new Problem(f, "exactly one section, the one of kind " + r.kind().wire() + ", must be set"));
            }
            switch (r.kind()) {
                case CHALLENGE_AWARD -> out.add(new Problem(f + ".kind",
                        "challenge awards are paid for completed analytics challenges, not by program rules"));
                case COMMISSION -> {
                    if (r.commission() == null || r.commission().rates().isEmpty()) {
                        out.add(new Problem(f + ".commission.rates", "at least one rate"));
                    } else {
                        Set<String> cells = new HashSet<>();
                        for (int j = 0; j < r.commission().rates().size(); j++) {
                            RuleSpec.Rate rate = r.commission().rates().get(j);
                            String rf = f + ".commission.rates[" + j + "]";
                            if (rate.tier() == null || rate.category() == null) {
                                out.add(new Problem(rf, "tier and category required (\"*\" for any)"));
                                continue;
                            }
                            if (!cells.add(rate.tier() + "|" + rate.category())) {
                                out.add(new Problem(rf, "duplicate cell " + rate.tier() + " x " + rate.category()));
                            }
                            ratio(out, rf + ".sourced", rate.sourced(), true);
                            ratio(out, rf + ".influenced", rate.influenced(), false);
                        }
                    }
                }
                case REFERRAL_BOUNTY -> {
                    RuleSpec.Bounty b = r.bounty();
                    if (b == null || (b.fixed() == null) == (b.percent() == null)) {
                        out.add(new Problem(f + ".bounty", "exactly one of fixed or percent"));
                    } else {
                        positive(out, f + ".bounty.fixed", b.fixed());
                        ratio(out, f + ".bounty.percent", b.percent(), false);
                    }
                }
                case SPIFF -> {
                    RuleSpec.Spiff s = r.spiff();
                    if (s == null || (s.perDeal() == null) == (s.perUnit() == null)) {
                        out.add(new Problem(f + ".spiff", "exactly one of perDeal or perUnit"));
                    } else {
                        if (s.from() == null || s.to() == null || !s.to().isAfter(s.from())) {
                            out.add(new Problem(f + ".spiff", "from < to required (the SPIFF's window)"));
                        }
                        if (s.perUnit() != null && s.skus().isEmpty()) {
                            out.add(new Problem(f + ".spiff.skus", "perUnit needs the listed SKUs"));
                        }
                        positive(out, f + ".spiff.perDeal", s.perDeal());
                        positive(out, f + ".spiff.perUnit", s.perUnit());
                    }
                }
                case TRAINING_REWARD -> {
                    if (r.training() == null || r.training().amount() == null) {
                        out.add(new Problem(f + ".training.amount", "required"));
                    } else {
                        positive(out, f + ".training.amount", r.training().amount());
                    }
                }
                case ACTIVITY_REWARD -> {
                    RuleSpec.Activity a = r.activity();
                    if (a == null || a.activityTypes().isEmpty()) {
                        out.add(new Problem(f + ".activity.activityTypes", "at least one activity type"));
                    } else {
                        a.activityTypes().stream().filter(t -> !ACTIVITY_TYPES.contains(t)).forEach(t ->
                                out.add(new Problem(f + ".activity.activityTypes", "unknown activity type " + t)));
                        if ((a.amount() == null) == a.amountsByTier().isEmpty()) {
                            out.add(new Problem(f + ".activity", "exactly one of amount or amountsByTier"));
                        }
                        positive(out, f + ".activity.amount", a.amount());
                        a.amountsByTier().forEach((t, m) -> positive(out, f + ".activity.amountsByTier." + t, m));
                    }
                }
                case VOLUME_REBATE -> {
                    RuleSpec.Rebate rb = r.rebate();
                    if (rb == null) {
                        out.add(new Problem(f + ".rebate", "required"));
                    } else {
                        if (rb.period() == null || !PERIODS.contains(rb.period())) {
                            out.add(new Problem(f + ".rebate.period", "month, quarter or year"));
                        }
                        if (!"retroactive".equals(rb.mode()) && !"marginal".equals(rb.mode())) {
                            out.add(new Problem(f + ".rebate.mode", "retroactive or marginal"));
                        }
                        currency(out, f + ".rebate.baseCurrency", rb.baseCurrency());
                        if (rb.bands().isEmpty()) {
                            out.add(new Problem(f + ".rebate.bands", "at least one band"));
                        }
                        if (!rb.bands().isEmpty() && rb.bands().get(0).from() != null && rb.bands().get(0).from().signum() != 0) {
                            out.add(new Problem(f + ".rebate.bands[0].from", "the first band starts at 0"));
                        }
                        BigDecimal prev = null;
                        for (int j = 0; j < rb.bands().size(); j++) {
                            RuleSpec.Band b = rb.bands().get(j);
                            if (b.from() == null || b.from().signum() < 0) {
                                out.add(new Problem(f + ".rebate.bands[" + j + "].from", "required, not negative"));
                            } else if (prev != null && b.from().compareTo(prev) <= 0) {
                                out.add(new Problem(f + ".rebate.bands[" + j + "].from", "bands must ascend"));
                            } else {
                                prev = b.from();
                            }
                            ratio(out, f + ".rebate.bands[" + j + "].rate", b.rate(), true);
                        }
                    }
                }
                case ACCELERATOR -> {
                    RuleSpec.Accelerator a = r.accelerator();
                    if (a == null || a.target() == null || a.multiplier() == null || a.commissionRuleKey() == null) {
                        out.add(new Problem(f + ".accelerator", "period, commissionRuleKey, target and multiplier required"));
                    } else {
                        if (a.period() == null || !PERIODS.contains(a.period())) {
                            out.add(new Problem(f + ".accelerator.period", "month, quarter or year"));
                        }
                        positive(out, f + ".accelerator.target", a.target());
                        if (a.multiplier().compareTo(BigDecimal.ONE) <= 0) {
                            out.add(new Problem(f + ".accelerator.multiplier", "must be above 1"));
                        }
                        boolean found = p.rules().stream().anyMatch(o -> o != null && a.commissionRuleKey().equals(o.key())
                                && o.kind() == RuleKind.COMMISSION);
                        if (!found) {
                            out.add(new Problem(f + ".accelerator.commissionRuleKey", "no commission rule with that key in this program"));
                        }
                    }
                }
                case MDF -> {
                    RuleSpec.Mdf m = r.mdf();
                    if (m == null || (m.fixed() == null) == (m.percentOfPriorRevenue() == null)) {
                        out.add(new Problem(f + ".mdf", "exactly one of fixed or percentOfPriorRevenue"));
                    } else {
                        if (m.period() == null || !PERIODS.contains(m.period())) {
                            out.add(new Problem(f + ".mdf.period", "month, quarter or year"));
                        }
                        positive(out, f + ".mdf.fixed", m.fixed());
                        ratio(out, f + ".mdf.percentOfPriorRevenue", m.percentOfPriorRevenue(), false);
                        if (m.percentOfPriorRevenue() != null) {
                            currency(out, f + ".mdf.currency", m.currency());
                        }
                    }
                }
            }
        }
        return out;
    }

    private static int count(Object... sections) {
        int n = 0;
        for (Object s : sections) {
            if (s != null) {
                n++;
            }
        }
        return n;
    }

    private static void ratio(List<Problem> out, String field, BigDecimal v, boolean required) {
        if (v == null) {
            if (required) {
                out.add(new Problem(field, "required"));
            }
            return;
        }
        if (v.signum() < 0 || v.compareTo(BigDecimal.ONE) > 0) {
            out.add(new Problem(field, "must be a ratio in [0, 1]"));
        }
    }

    private static void positive(List<Problem> out, String field, Money m) {
        if (m != null && !m.isPositive()) {
            out.add(new Problem(field, "must be positive"));
        }
    }

    private static void currency(List<Problem> out, String field, String code) {
        try {
            Money.currencyOf(code);
        } catch (RuntimeException e) {
            out.add(new Problem(field, "an ISO 4217 currency code"));
        }
    }
}
