package io.partnerflow.deal.domain.crm;

import io.partnerflow.core.money.Money;
import io.partnerflow.deal.domain.CustomerData;
import io.partnerflow.deal.domain.DealData;
import io.partnerflow.deal.domain.LineData;
import io.partnerflow.deal.domain.StageMapping;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.List;

/**
 * A deal from a CRM record read through a {@link CrmMapping}. CRMs that send no line items give the deal one line
 * (SKU and category from mapped fields or the configured defaults) carrying the whole amount, so lines always sum
 * to the amount. A quantity of 0 (a CRM's "no products") counts as 1; a negative one is refused by
 * {@link io.partnerflow.deal.domain.CrmLimits#incoming}.
 */
final class MappedDeals {
    private MappedDeals() {
    }

    static DealData deal(Fields f, CrmMapping m, StageMapping stages, Instant fallbackCreated) {
        return deal(f, m, stages, fallbackCreated, List.of(), null);
    }

    /** With line items (none: one line carrying the whole amount); {@code what} names the deal in messages. */
    static DealData deal(Fields f, CrmMapping m, StageMapping stages, Instant fallbackCreated,
                         List<LineItems.Item> lineItems, String what) {
        String currency = f.get("currency") != null ? f.get("currency") : m.defaultCurrency();
        Money amount = f.money("amount", currency);
        String country = f.get("customer-country") != null ? f.get("customer-country") : m.defaultCountry();
        if (country == null) {
            f.require("customer-country"); // no value and no default: missing
        }
        CustomerData customer = new CustomerData(f.require("customer-name"), f.get("customer-domain"), country,
                f.get("customer-account"));
        BigDecimal qty = f.decimal("quantity");
        String sku = f.get("sku") != null ? f.get("sku") : m.defaultSku();
        String category = f.get("category") != null ? f.get("category") : m.defaultCategory();
        List<LineData> lines = lineItems.isEmpty()
                ? List.of(new LineData(1, sku, null, category, qty == null || qty.signum() == 0 ? BigDecimal.ONE : qty,
                null, amount))
                : LineItems.lines(lineItems, m, currency, amount, what);
        String stageName = f.require("stage");
        BigDecimal probability = f.decimal("probability");
        BigDecimal percent = f.decimal("probability-percent");
        if (probability == null && percent != null) {
            probability = percent.divide(BigDecimal.valueOf(100), 8, RoundingMode.UNNECESSARY);
        }
        Instant created = f.instant("created-at");
        return new DealData(f.require("name"), customer, amount, lines, stageName, stages.map(stageName),
                f.get("type"), created != null ? created : fallbackCreated, f.instant("closed-at"),
                f.date("expected-close-date"), probability);
    }
}
