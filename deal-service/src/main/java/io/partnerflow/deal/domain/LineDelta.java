package io.partnerflow.deal.domain;

import io.partnerflow.core.money.Money;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/** A signed change of one deal line; the deltas of a change sum exactly to the change of the deal amount. */
public record LineDelta(int lineNumber, String sku, String category, BigDecimal quantityDelta, Money amountDelta) {

    /** Line-by-line (by line number) differences from {@code before} to {@code after}; unchanged lines left out. */
    public static List<LineDelta> between(List<LineData> before, List<LineData> after) {
        Map<Integer, LineData> old = before.stream().collect(Collectors.toMap(LineData::lineNumber, Function.identity(),
                (a, b) -> a, TreeMap::new));
        Map<Integer, LineData> now = after.stream().collect(Collectors.toMap(LineData::lineNumber, Function.identity(),
                (a, b) -> a, TreeMap::new));
        TreeMap<Integer, Boolean> numbers = new TreeMap<>();
        old.keySet().forEach(n -> numbers.put(n, true));
        now.keySet().forEach(n -> numbers.put(n, true));
        List<LineDelta> out = new ArrayList<>();
        for (int n : numbers.keySet()) {
            LineData o = old.get(n);
            LineData a = now.get(n);
            if (o != null && o.equals(a)) {
                continue;
            }
            LineData ref = a != null ? a : o;
            Money amount = (a == null ? Money.zero(o.amount().currency()) : a.amount())
                    .minus(o == null ? Money.zero(a.amount().currency()) : o.amount());
            BigDecimal qty = (a == null ? BigDecimal.ZERO : a.quantity()).subtract(o == null ? BigDecimal.ZERO : o.quantity());
            if (amount.isZero() && qty.signum() == 0 && o != null && a != null
                    && o.sku().equals(a.sku()) && o.category().equals(a.category())) {
                continue; // only descriptive fields changed (product name, unit price)
            }
            out.add(new LineDelta(n, ref.sku(), ref.category(), qty.stripTrailingZeros().scale() < 0
                    ? qty.setScale(0) : qty.stripTrailingZeros(), amount));
        }
        return out;
    }

    /**
     * Applies a refund or cancellation: takes each named line's amount (and quantity) off. A cancellation with
     * no lines takes everything off. Refuses unknown lines and amounts above what the line still has.
     */
    public static List<LineData> reverse(List<LineData> lines, List<CrmChange.LineAmount> taken, boolean wholeDeal) {
        Map<Integer, LineData> byNumber = lines.stream().collect(Collectors.toMap(LineData::lineNumber,
                Function.identity(), (a, b) -> a, TreeMap::new));
        if (wholeDeal) {
            return lines.stream().map(l -> l.withAmount(Money.zero(l.amount().currency()), BigDecimal.ZERO)).toList();
        }
        for (CrmChange.LineAmount t : taken) {
            LineData l = byNumber.get(t.lineNumber());
            if (l == null) {
                throw new InvalidCrmDataException("the deal has no line " + t.lineNumber());
            }
            if (!t.amount().currency().equals(l.amount().currency())) {
                throw new InvalidCrmDataException("line " + t.lineNumber() + " is in " + l.amount().currencyCode()
                        + ", the reversal in " + t.amount().currencyCode());
            }
            if (t.amount().isGreaterThan(l.amount())) {
                throw new InvalidCrmDataException("line " + t.lineNumber() + " has " + l.amount().amountString()
                        + " left; cannot take " + t.amount().amountString() + " off");
            }
            BigDecimal qty = t.quantity() == null ? l.quantity() : l.quantity().subtract(t.quantity());
            if (qty.signum() < 0) {
                throw new InvalidCrmDataException("line " + t.lineNumber() + " has quantity " + l.quantity()
                        + "; cannot take " + t.quantity() + " off");
            }
            byNumber.put(l.lineNumber(), l.withAmount(l.amount().minus(t.amount()), qty));
        }
        return new ArrayList<>(byNumber.values());
    }
}
