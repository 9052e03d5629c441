package io.partnerflow.deal.domain;

import io.partnerflow.core.money.Money;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What a CRM says about a deal, normalised: the lines sum EXACTLY to the amount (in the deal's currency), line
 * numbers are unique, the canonical stage is known, and a closed deal has a close time.
 */
public record DealData(String name, CustomerData customer, Money amount, List<LineData> lines, String stageName,
                       Stage stage, String dealType, Instant createdAt, Instant closedAt, LocalDate expectedCloseDate,
                       BigDecimal probability) {
    public DealData {
        if (name == null || name.isBlank()) {
            throw InvalidCrmDataException.of("name", "deal name is missing");
        }
        Objects.requireNonNull(customer, "customer");
        if (amount == null) {
            throw InvalidCrmDataException.of("amount", "deal amount is missing");
        }
        if (amount.isNegative()) {
            throw InvalidCrmDataException.of("amount", "deal amount " + amount + " is negative");
        }
        if (lines == null || lines.isEmpty()) {
            throw InvalidCrmDataException.of("lines", "a deal needs at least one line");
        }
        lines = lines.stream().sorted(Comparator.comparingInt(LineData::lineNumber)).toList();
        checkLines(amount, lines);
        Objects.requireNonNull(stage, "stage");
        if (createdAt == null) {
            throw InvalidCrmDataException.of("createdAt", "deal creation time is missing");
        }
        if (stage != Stage.OPEN && closedAt == null) {
            throw InvalidCrmDataException.of("closedAt", "a closed deal needs its close time");
        }
        if (stage == Stage.OPEN) {
            closedAt = null;
        }
        dealType = DealTypes.canonical(dealType);
        if (probability != null) {
            probability = probability.stripTrailingZeros();
            if (probability.scale() < 0) {
                probability = probability.setScale(0);
            }
        }
        if (probability != null && (probability.signum() < 0 || probability.compareTo(BigDecimal.ONE) > 0)) {
            throw InvalidCrmDataException.of("probability", "probability " + probability + " is not within [0, 1]");
        }
    }

    /** Lines in the deal currency, unique numbers, summing exactly to the amount. */
    public static void checkLines(Money amount, List<LineData> lines) {
        Set<Integer> numbers = new HashSet<>();
        List<Money> amounts = new ArrayList<>();
        for (LineData l : lines) {
            if (!numbers.add(l.lineNumber())) {
                throw InvalidCrmDataException.of("lines", "line number " + l.lineNumber() + " appears twice");
            }
            if (!l.amount().currency().equals(amount.currency())) {
                throw InvalidCrmDataException.of("lines", "line " + l.lineNumber() + " is in " + l.amount().currencyCode()
                        + " but the deal is in " + amount.currencyCode());
            }
            amounts.add(l.amount());
        }
        Money sum = Money.sum(amount.currency(), amounts);
        if (sum.compareTo(amount) != 0) {
            throw InvalidCrmDataException.of("lines", "the lines sum to " + sum.amountString() + " " + sum.currencyCode()
                    + " but the deal amount is " + amount.amountString() + " " + amount.currencyCode());
        }
    }

    public String currency() {
        return amount.currencyCode();
    }

    /** Amount or lines differ (what makes a change to a won deal a correction). */
    public boolean sameMoneyAs(DealData other) {
        return amount.equals(other.amount) && lines.equals(other.lines);
    }
}
