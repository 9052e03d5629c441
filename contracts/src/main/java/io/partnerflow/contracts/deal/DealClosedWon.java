package io.partnerflow.contracts.deal;

import io.partnerflow.core.money.Money;

import java.time.Instant;
import java.util.List;

/**
 * {@code partnerflow.deal.closed-won.v1} on {@code deal.events}, key = {@link #dealId()}: the deal is won. The
 * complete snapshot attribution needs: customer, amount, lines, times, type, registration and every partner
 * touchpoint up to the close. Later changes to a won deal arrive as {@code deal.reversed} (kind
 * {@code correction}, {@code refund} or {@code cancellation}).
 *
 * @param dealId       the deal (UUID)
 * @param crmDealId    its id in the CRM
 * @param crmSystem    {@code salesforce}, {@code hubspot} or {@code generic}
 * @param revision     the deal's revision at the close
 * @param name         the deal's name
 * @param dealType     e.g. {@code new_business}, {@code upsell}, {@code renewal}
 * @param customer     the customer
 * @param amount       the won amount; the lines sum to it exactly
 * @param lines        the lines
 * @param createdAt    when the deal was created in the CRM
 * @param closedAt     when it was won ("as of close" everywhere means this instant)
 * @param registration the approved registration it was converted from, if any
 * @param touchpoints  every partner touchpoint up to {@code closedAt}, oldest first
 */
public record DealClosedWon(
        String dealId,
        String crmDealId,
        String crmSystem,
        long revision,
        String name,
        String dealType,
        Customer customer,
        Money amount,
        List<DealLine> lines,
        Instant createdAt,
        Instant closedAt,
        RegistrationRef registration,
        List<Touchpoint> touchpoints) {

    public DealClosedWon {
        lines = lines == null ? List.of() : List.copyOf(lines);
        touchpoints = touchpoints == null ? List.of() : List.copyOf(touchpoints);
    }
}
