package io.partnerflow.deal.domain;

import io.partnerflow.core.money.Money;

import java.math.BigDecimal;

/** One deal line: number (1-based, stable), SKU, product name, category, quantity, unit price, amount. */
public record LineData(int lineNumber, String sku, String productName, String category, BigDecimal quantity,
                       Money unitPrice, Money amount) {
    public LineData {
        if (lineNumber < 1) {
            throw InvalidCrmDataException.of("lineNumber", "line numbers start at 1, got " + lineNumber);
        }
        if (sku == null || sku.isBlank()) {
            throw InvalidCrmDataException.of("sku", "line " + lineNumber + " has no SKU");
        }
        if (category == null || category.isBlank()) {
            throw InvalidCrmDataException.of("category", "line " + lineNumber + " has no product category");
        }
        category = category.trim().toLowerCase(java.util.Locale.ROOT);
        if (quantity == null) {
            quantity = BigDecimal.ONE;
        }
        quantity = quantity.stripTrailingZeros();
        if (quantity.scale() < 0) {
            quantity = quantity.setScale(0);
        }
        if (amount == null) {
            throw InvalidCrmDataException.of("amount", "line " + lineNumber + " has no amount");
        }
    }

    public LineData withAmount(Money newAmount, BigDecimal newQuantity) {
        return new LineData(lineNumber, sku, productName, category, newQuantity, unitPrice, newAmount);
    }
}
