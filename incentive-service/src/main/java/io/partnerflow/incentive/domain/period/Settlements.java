package io.partnerflow.incentive.domain.period;

import io.partnerflow.core.money.Money;

import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Objects;

/** Shared input checks and formatting of the period calculators (package-private). */
final class Settlements {

    /** Above this many entries an explanation shows "sum of N entries" instead of every addend. */
    static final int MAX_ADDENDS_SHOWN = 12;

    private Settlements() {
    }

    /** Checks every deal's revenue is in {@code currency} and returns the deals in {@link PeriodDeal#ORDER}. */
    static List<PeriodDeal> sortedIn(List<PeriodDeal> deals, Currency currency, String what) {
        List<PeriodDeal> sorted = new ArrayList<>(deals.size());
        for (PeriodDeal deal : deals) {
            Objects.requireNonNull(deal, "deal");
            if (!deal.revenue().currency().equals(currency)) {
                throw new IllegalArgumentException(what + ": revenue of deal " + deal.dealId() + " is in "
                        + deal.revenue().currencyCode() + ", expected the base currency "
                        + currency.getCurrencyCode());
            }
            sorted.add(deal);
        }
        sorted.sort(PeriodDeal.ORDER);
        return sorted;
    }

    static String sumExpression(List<PeriodDeal> sorted) {
        if (sorted.isEmpty()) {
            return "no deals";
        }
        if (sorted.size() > MAX_ADDENDS_SHOWN) {
            return "sum of " + sorted.size() + " deal entries";
        }
        List<String> addends = new ArrayList<>();
        for (PeriodDeal deal : sorted) {
            addends.add(deal.revenue().amountString());
        }
        return String.join(" + ", addends).replace("+ -", "− ");
    }

    static Money requireCurrency(Money money, Currency currency, String what) {
        Objects.requireNonNull(money, what);
        if (!money.currency().equals(currency)) {
            throw new IllegalArgumentException(what + " is in " + money.currencyCode() + ", expected "
                    + currency.getCurrencyCode());
        }
        return money;
    }
}
