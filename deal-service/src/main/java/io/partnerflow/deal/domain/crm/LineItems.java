package io.partnerflow.deal.domain.crm;

import io.partnerflow.core.money.Money;
import io.partnerflow.deal.domain.InvalidCrmDataException;
import io.partnerflow.deal.domain.LineData;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * CRM line items → deal lines: SKU, product name, category, quantity, unit price and amount (exact money in the
 * deal's currency). Lines are numbered 1…n in the CRM's order (sort order, then id). They must sum exactly to the
 * deal amount: when they do not, the CRM is in between two deliveries (Salesforce and HubSpot send the deal and its
 * line items separately) and {@link LinesDoNotSum} says what is awaited.
 */
public final class LineItems {
    private LineItems() {
    }

    /** One stored line item: its CRM id and field values. */
    public record Item(String id, Map<String, String> values) {
    }

    /** The line items do not (yet) add up to the deal amount: the deal waits, it is not failed. */
    public static final class LinesDoNotSum extends InvalidCrmDataException {
        LinesDoNotSum(String message) {
            super(message);
        }
    }

    static List<LineData> lines(List<Item> items, CrmMapping m, String currency, Money dealAmount, String what) {
        List<Item> ordered = new ArrayList<>(items);
        ordered.sort(Comparator.comparing((Item i) -> sortOrder(i, m)).thenComparing(i -> numericFirst(i.id())));
        List<LineData> out = new ArrayList<>();
        List<Money> amounts = new ArrayList<>();
        for (Item item : ordered) {
            String where = what + " line item " + item.id();
            Fields f = new Fields(item.values(), m.lineItem(), where);
            if (f.get("amount") == null) {
                throw new LinesDoNotSum(where + " has no amount yet (field '" + f.name("amount") + "')");
            }
            Money amount = f.money("amount", currency);
            Money unitPrice = f.get("unit-price") == null ? null : f.money("unit-price", currency);
            BigDecimal qty = f.decimal("quantity");
            String sku = f.get("sku") != null ? f.get("sku") : m.defaultSku();
            String category = f.get("category") != null ? f.get("category") : m.defaultCategory();
            try {
                out.add(new LineData(out.size() + 1, sku, f.get("product-name"), category,
                        qty == null || qty.signum() == 0 ? BigDecimal.ONE : qty, unitPrice, amount));
            } catch (InvalidCrmDataException e) {
                throw new InvalidCrmDataException(where + ": " + e.getMessage(), e);
            }
            amounts.add(amount);
        }
        Money sum = Money.sum(dealAmount.currency(), amounts);
        if (sum.compareTo(dealAmount) != 0) {
            throw new LinesDoNotSum(what + ": its " + out.size() + " line item(s) sum to " + sum.amountString() + " "
                    + currency + " but the deal amount is " + dealAmount.amountString() + " " + currency
                    + " (waiting for the rest of the change)");
        }
        return out;
    }

    private static BigDecimal sortOrder(Item i, CrmMapping m) {
        String field = m.lineItem().get("sort-order");
        String v = field == null ? null : i.values().get(field);
        try {
            return v == null || v.isBlank() ? BigDecimal.valueOf(Long.MAX_VALUE) : new BigDecimal(v.trim());
        } catch (NumberFormatException e) {
            return BigDecimal.valueOf(Long.MAX_VALUE);
        }
    }

    /** Numeric ids (HubSpot) in numeric order, others as text. */
    private static String numericFirst(String id) {
        return id.matches("[0-9]{1,30}") ? "0" + "0".repeat(30 - id.length()) + id : "1" + id;
    }
}
