package io.partnerflow.contracts.attribution;

import io.partnerflow.contracts.deal.Customer;
import io.partnerflow.contracts.deal.DealLine;
import io.partnerflow.contracts.deal.RegistrationRef;
import io.partnerflow.core.money.Money;

import java.time.Instant;
import java.util.List;

/**
 * The deal as attribution saw it, repeated in every attribution event so incentive rules can filter on deal
 * type, dates, country, currency, SKU and category without calling deal-service.
 *
 * @param dealId       the deal
 * @param crmDealId    its id in the CRM
 * @param revision     the deal revision this context describes
 * @param name         the deal's name
 * @param dealType     e.g. {@code new_business}, {@code upsell}, {@code renewal}
 * @param createdAt    when the deal was created
 * @param closedAt     when it was won
 * @param customer     the customer (its {@code country} is the customer country)
 * @param currency     the deal's ISO 4217 currency (= {@code amount.currency})
 * @param amount       the deal's amount at {@code revision}; the lines sum to it
 * @param lines        every line at {@code revision}
 * @param registration the approved registration, if any
 */
public record DealContext(
        String dealId,
        String crmDealId,
        long revision,
        String name,
        String dealType,
        Instant createdAt,
        Instant closedAt,
        Customer customer,
        String currency,
        Money amount,
        List<DealLine> lines,
        RegistrationRef registration) {

    public DealContext {
        lines = lines == null ? List.of() : List.copyOf(lines);
    }
}
