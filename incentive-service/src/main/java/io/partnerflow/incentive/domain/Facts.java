package io.partnerflow.incentive.domain;

import io.partnerflow.contracts.attribution.Credit;
import io.partnerflow.contracts.attribution.DealContext;
import io.partnerflow.contracts.deal.DealLine;
import io.partnerflow.core.money.Money;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/** The inputs rules look at, as plain values. */
public final class Facts {
    private Facts() {
    }

    /** A partner as the projection knows it. */
    public record Partner(String partnerId, String name, String type, String status, String country,
                          String payoutCurrency) {
    }

    /**
     * The partner's tier as of an instant, and why.
     *
     * @param code        tier code
     * @param name        display name
     * @param effectiveAt from when it applied
     * @param why         e.g. "tier-changed (promotion) effective 2026-02-01T00:00:00Z, the latest on or before close"
     */
    public record Tier(String code, String name, Instant effectiveAt, String why) {
    }

    /**
     * "1 from = rate to" on date. A rate derived from published ones (an inverse, or a cross through the base
     * currency, see {@link FxBook}) names its {@code path}; its {@code date} is the oldest date on the path.
     */
    public record FxRate(String from, String to, BigDecimal rate, LocalDate date, String path) {
        public FxRate(String from, String to, BigDecimal rate, LocalDate date) {
            this(from, to, rate, date, null);
        }

        /** "EUR/USD@2026-03-10" for a published rate, else the derivation. */
        public String describe() {
            return path != null ? path : from + "/" + to + "@" + date;
        }
    }

    /** Latest rate on or before a date. */
    @FunctionalInterface
    public interface FxTable {
        Optional<FxRate> latestOnOrBefore(String from, String to, LocalDate date);
    }

    /** One partner's credit on a deal, with the deal context (positive amounts for attributions). */
    public record CreditOnDeal(String attributionId, DealContext deal, String modelKind, Credit credit) {
        public String role() {
            return credit.role();
        }

        public Optional<DealLine> dealLine(int lineNumber) {
            return deal.lines().stream().filter(l -> l.lineNumber() == lineNumber).findFirst();
        }

        public String categoryOf(Credit.LineCredit l) {
            return l.category() != null ? l.category() : dealLine(l.lineNumber()).map(DealLine::category).orElse(null);
        }

        public String skuOf(Credit.LineCredit l) {
            return l.sku() != null ? l.sku() : dealLine(l.lineNumber()).map(DealLine::sku).orElse(null);
        }

        public List<Credit.LineCredit> lines() {
            return credit.lines();
        }

        public Money amount() {
            return credit.amount();
        }
    }
}
