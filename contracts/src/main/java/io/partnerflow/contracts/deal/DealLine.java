package io.partnerflow.contracts.deal;

import com.fasterxml.jackson.annotation.JsonFormat;
import io.partnerflow.core.money.Money;

import java.math.BigDecimal;

/**
 * One line of a deal. The lines of a deal sum exactly to its amount.
 *
 * @param lineNumber  1-based, stable for the life of the deal (reversals and credits refer to it)
 * @param sku         the product's SKU
 * @param productName display name of the product
 * @param category    product category incentive rules filter on (e.g. {@code software}, {@code services},
 *                    {@code training}, {@code hardware})
 * @param productLine product line (registration conflicts are per customer + product line), when known
 * @param quantity    a decimal string
 * @param unitPrice   price per unit, when the CRM gives one
 * @param amount      the line's amount in the deal's currency (after discounts)
 */
public record DealLine(
        int lineNumber,
        String sku,
        String productName,
        String category,
        String productLine,
        @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal quantity,
        Money unitPrice,
        Money amount) {
}
