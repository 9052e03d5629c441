package io.partnerflow.incentive.domain;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.partnerflow.core.money.Money;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One rule of a program (data, not code). Exactly the section of its {@link #kind} is set.
 *
 * @param key         stable key inside the program ({@code a-z0-9-})
 * @param name        display name
 * @param kind        what it pays
 * @param eligibility filters every rule has (empty = everyone)
 * @param cap         optional cap per partner per {@link #capPeriod} (settled at period close)
 * @param capPeriod   {@code month}, {@code quarter} or {@code year} (default month)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RuleSpec(String key, String name, RuleKind kind, Eligibility eligibility,
                       Commission commission, Bounty bounty, Spiff spiff, Training training, Activity activity,
                       Rebate rebate, Accelerator accelerator, Mdf mdf,
                       Money cap, String capPeriod) {

    public RuleSpec {
        eligibility = eligibility == null ? Eligibility.ANY : eligibility;
    }

    /**
     * Filters on every rule. Lists are "any of"; empty or null = no filter.
     *
     * @param partnerTypes      partner types
     * @param tiers             tier codes as of the deal's close
     * @param partnerCountries  the partner's country (a region is a list of countries)
     * @param customerCountries the deal customer's country
     * @param categories        product categories (per credited line)
     * @param dealTypes         deal types
     * @param sourcedOnly       only credits with role {@code sourced}
     * @param minDealAmount     the deal amount must be at least this (converted at the close-date rate)
     */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record Eligibility(List<String> partnerTypes, List<String> tiers, List<String> partnerCountries,
                              List<String> customerCountries, List<String> categories, List<String> dealTypes,
                              Boolean sourcedOnly, Money minDealAmount) {
        public static final Eligibility ANY = new Eligibility(null, null, null, null, null, null, null, null);

        public Eligibility {
            partnerTypes = partnerTypes == null ? List.of() : List.copyOf(partnerTypes);
            tiers = tiers == null ? List.of() : List.copyOf(tiers);
            partnerCountries = partnerCountries == null ? List.of() : List.copyOf(partnerCountries);
            customerCountries = customerCountries == null ? List.of() : List.copyOf(customerCountries);
            categories = categories == null ? List.of() : List.copyOf(categories);
            dealTypes = dealTypes == null ? List.of() : List.copyOf(dealTypes);
        }

        public boolean sourcedOnlyOrFalse() {
            return Boolean.TRUE.equals(sourcedOnly);
        }

        public boolean categoryAllowed(String category) {
            return categories.isEmpty() || categories.contains(category);
        }
    }

    /** Rate table tier × category, with separate sourced/influenced rates. "*" matches any tier/category. */
    public record Commission(List<Rate> rates) {
        public Commission {
            rates = rates == null ? List.of() : List.copyOf(rates);
        }

        /** The most specific entry for (tier, category): exact both > exact tier > exact category > "*","*". */
        public Optional<Rate> lookup(String tier, String category) {
            Rate best = null;
            int bestScore = -1;
            for (Rate r : rates) {
                boolean tierOk = "*".equals(r.tier()) || r.tier().equals(tier);
                boolean catOk = "*".equals(r.category()) || r.category().equals(category);
                if (tierOk && catOk) {
                    int score = ("*".equals(r.tier()) ? 0 : 2) + ("*".equals(r.category()) ? 0 : 1);
                    if (score > bestScore) {
                        best = r;
                        bestScore = score;
                    }
                }
            }
            return Optional.ofNullable(best);
        }
    }

    /**
     * @param tier       tier code or "*"
     * @param category   product category or "*"
     * @param sourced    rate on sourced credit (ratio)
     * @param influenced rate on influenced credit (ratio); null = influenced credit earns nothing
     */
    public record Rate(String tier, String category,
                       @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal sourced,
                       @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal influenced) {
        public BigDecimal forRole(String role) {
            return "sourced".equals(role) ? sourced : influenced;
        }
    }

    /** Referral bounty: a fixed amount, or a percentage of the deal's eligible amount. */
    public record Bounty(Money fixed, @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal percent) {
    }

    /**
     * SPIFF inside [from, to) by close time: a fixed amount per qualifying deal, or per unit of the listed SKUs.
     */
    public record Spiff(Instant from, Instant to, List<String> skus, Money perDeal, Money perUnit) {
        public Spiff {
            skus = skus == null ? List.of() : List.copyOf(skus);
        }
    }

    /** Training reward: fixed amount per person per certification (once), optionally only listed codes. */
    public record Training(List<String> certificationCodes, Money amount) {
        public Training {
            certificationCodes = certificationCodes == null ? List.of() : List.copyOf(certificationCodes);
        }
    }

    /**
     * Activity reward for reported activities of the listed types: a fixed amount, or tiered by partner tier
     * ({@code amountsByTier}, "*" = default); satisfaction scores count only at or above {@code minScore}.
     */
    public record Activity(List<String> activityTypes, Money amount, java.util.Map<String, Money> amountsByTier,
                           @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal minScore) {
        public Activity {
            activityTypes = activityTypes == null ? List.of() : List.copyOf(activityTypes);
            amountsByTier = java.util.Collections.unmodifiableSortedMap(amountsByTier == null ? new java.util.TreeMap<>() : new java.util.TreeMap<>(amountsByTier));
        }

        public Optional<Money> amountFor(String tier) {
            if (amount != null) {
                return Optional.of(amount);
            }
            Money m = amountsByTier.get(tier);
            return Optional.ofNullable(m != null ? m : amountsByTier.get("*"));
        }
    }

    /**
     * Volume rebate per period on credited revenue in {@code baseCurrency}.
     *
     * @param period   {@code month}, {@code quarter} or {@code year}
     * @param mode     {@code retroactive} or {@code marginal}
     * @param bands    ascending lower bounds with the band's rate
     */
    public record Rebate(String period, String mode, String baseCurrency, List<Band> bands) {
        public Rebate {
            bands = bands == null ? List.of() : List.copyOf(bands);
        }
    }

    public record Band(@JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal from,
                       @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal rate) {
    }

    /**
     * Accelerator: on the period's commission (of {@code commissionRuleKey} in the same program), the part
     * earned on revenue above {@code target} (base currency) is multiplied by {@code multiplier}; the earning
     * is the extra: commission_above × (multiplier − 1).
     */
    public record Accelerator(String period, String commissionRuleKey, Money target,
                              @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal multiplier) {
    }

    /**
     * MDF allocation per partner per period: a fixed amount, or a percentage of the prior period's credited
     * revenue (base currency).
     */
    public record Mdf(String period, Money fixed, @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal percentOfPriorRevenue,
                      String currency) {
    }
}
