package io.partnerflow.contracts.attribution;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.partnerflow.core.money.Money;

import java.math.BigDecimal;
import java.util.List;

/**
 * One partner's share of a deal (all its touchpoints aggregated).
 * <p>Invariants, all exact: the credits' weights sum to {@code 1.00000000}; the credits' amounts sum to the deal
 * amount (or, in {@code deal.attribution-reversed}, to the reversal's {@code amountDelta}); each credit's line
 * amounts sum to its amount; for each line, the credits' amounts for it sum to the line's amount (delta).
 *
 * @param partnerId     the partner
 * @param weight        share of the deal, decimal string at scale 8 (weights are allocated by largest remainder,
 *                      amounts from the UNROUNDED weights)
 * @param amount        the credited amount, in the deal's currency (a signed delta in reversals)
 * @param role          {@code sourced} (the partner originated the deal) or {@code influenced}
 * @param touchTypes    the distinct touch types the credit came from, in first-occurrence order
 * @param touchpointIds the touchpoints the credit came from
 * @param touches       optional: each credited touch with its share of the whole deal and its roles
 * @param lines         the credited amount per deal line
 */
public record Credit(
        String partnerId,
        @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal weight,
        Money amount,
        String role,
        List<String> touchTypes,
        List<String> touchpointIds,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<TouchShare> touches,
        List<LineCredit> lines) {

    public Credit {
        touchTypes = touchTypes == null ? List.of() : List.copyOf(touchTypes);
        touchpointIds = touchpointIds == null ? List.of() : List.copyOf(touchpointIds);
        touches = touches == null ? List.of() : List.copyOf(touches);
        lines = lines == null ? List.of() : List.copyOf(lines);
    }

    /** A credit without per-touch shares (the 7-field form of the first contract version). */
    public Credit(String partnerId, BigDecimal weight, Money amount, String role, List<String> touchTypes,
                  List<String> touchpointIds, List<LineCredit> lines) {
        this(partnerId, weight, amount, role, touchTypes, touchpointIds, List.of(), lines);
    }

    /**
     * One credited touch and its share of the WHOLE deal (scale 8; the shares of all credited touches of a
     * deal sum to exactly 1.00000000), with the roles it played (first, lead, closing, …).
     */
    public record TouchShare(String touchpointId, String touchType, java.time.Instant occurredAt,
                             @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal weight, List<String> roles) {
        public TouchShare {
            roles = roles == null ? List.of() : List.copyOf(roles);
        }
    }

    /**
     * @param lineNumber the deal line
     * @param sku        its SKU (repeated so rules can filter per credit line)
     * @param category   its category
     * @param amount     the partner's credited amount of that line
     */
    public record LineCredit(int lineNumber, String sku, String category, Money amount) {
    }
}
