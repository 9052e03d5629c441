package io.partnerflow.contracts;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.partnerflow.contracts.attribution.Credit;
import io.partnerflow.contracts.attribution.DealAttributed;
import io.partnerflow.contracts.attribution.DealAttributionReversed;
import io.partnerflow.contracts.attribution.DealContext;
import io.partnerflow.contracts.attribution.DealReattributed;
import io.partnerflow.contracts.deal.DealClosedWon;
import io.partnerflow.contracts.deal.DealLine;
import io.partnerflow.contracts.deal.DealPipelineUpdated;
import io.partnerflow.contracts.deal.DealReversed;
import io.partnerflow.contracts.payout.PayoutRunApproved;
import io.partnerflow.contracts.payout.StatementIssued;
import io.partnerflow.core.money.Money;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The golden samples obey the money rules exactly: parts sum to the whole, weights to 1.00000000. */
class SampleArithmeticTest {
    private static final BigDecimal ONE = new BigDecimal("1.00000000");

    private static <T> T sample(EventType type, Class<T> record) {
        return EventJson.read(Resources.sample(type), record);
    }

    @Test
    void attributedCreditsSumExactlyToTheDealAmountAndWeightsToOne() {
        DealAttributed a = sample(EventType.DEAL_ATTRIBUTED, DealAttributed.class);
        assertDealLinesSumToAmount(a.deal());
        assertCreditsSplitExactly(a.deal().amount(), a.deal().lines(), a.credits());
        assertEquals(a.dealId(), a.deal().dealId());
    }

    @Test
    void reattributedCreditsSumExactlyToTheDealAmountAndWeightsToOne() {
        DealReattributed a = sample(EventType.DEAL_REATTRIBUTED, DealReattributed.class);
        assertDealLinesSumToAmount(a.deal());
        assertCreditsSplitExactly(a.deal().amount(), a.deal().lines(), a.credits());
        assertFalse(a.attributionId().equals(a.supersedesAttributionId()));
    }

    @Test
    void attributionReversalDeltasSumExactlyToTheReversedAmount() {
        DealAttributionReversed r = sample(EventType.DEAL_ATTRIBUTION_REVERSED, DealAttributionReversed.class);
        assertDealLinesSumToAmount(r.deal());
        DealReversed source = sample(EventType.DEAL_REVERSED, DealReversed.class);
        assertEquals(source.amountDelta(), r.amountDelta());
        Map<Integer, Money> lineDeltas = source.lines().stream()
                .collect(Collectors.toMap(DealReversed.LineDelta::lineNumber, DealReversed.LineDelta::amountDelta));
        assertWeightsSumToOne(r.credits());
        assertEquals(r.amountDelta(), sum(r.credits(), Credit::amount));
        for (Credit c : r.credits()) {
            assertEquals(c.amount(), sum(c.lines(), Credit.LineCredit::amount), "lines of " + c.partnerId());
        }
        assertEquals(lineDeltas, creditedPerLine(r.credits()));
    }

    @Test
    void wonAndPipelineDealLinesSumToTheDealAmount() {
        DealClosedWon won = sample(EventType.DEAL_CLOSED_WON, DealClosedWon.class);
        assertEquals(won.amount(), sum(won.lines(), DealLine::amount));
        DealPipelineUpdated open = sample(EventType.DEAL_PIPELINE_UPDATED, DealPipelineUpdated.class);
        assertEquals(open.amount(), sum(open.lines(), DealLine::amount));
        assertTrue(open.revision() < won.revision());
        for (DealLine l : won.lines()) {
            if (l.unitPrice() != null) {
                assertEquals(0, l.unitPrice().amount().multiply(l.quantity()).compareTo(l.amount().amount()),
                        "line " + l.lineNumber() + " = quantity x unit price");
            }
        }
    }

    @Test
    void reversalDeltasAddUp() {
        DealReversed r = sample(EventType.DEAL_REVERSED, DealReversed.class);
        assertEquals(r.amountDelta(), sum(r.lines(), DealReversed.LineDelta::amountDelta));
        assertEquals(r.newAmount().amount(), r.originalAmount().amount().add(r.amountDelta().amount()));
    }

    @Test
    void statementBalancesExactly() {
        StatementIssued s = sample(EventType.STATEMENT_ISSUED, StatementIssued.class);
        BigDecimal closing = s.openingBalance().amount().add(s.accrued().amount()).add(s.reversed().amount())
                .add(s.adjusted().amount()).subtract(s.paid().amount());
        assertEquals(s.closingBalance().amount(), closing);
        for (Money m : List.of(s.openingBalance(), s.accrued(), s.reversed(), s.adjusted(), s.paid(), s.closingBalance())) {
            assertEquals(s.currency(), m.currency().getCurrencyCode());
        }
    }

    @Test
    void payoutRunTotalsAreTheSumOfItsItemsPerCurrency() {
        PayoutRunApproved run = sample(EventType.PAYOUT_RUN_APPROVED, PayoutRunApproved.class);
        Map<String, BigDecimal> perCurrency = new TreeMap<>();
        run.items().forEach(i -> perCurrency.merge(i.amount().currency().getCurrencyCode(), i.amount().amount(), BigDecimal::add));
        List<Money> expected = perCurrency.entrySet().stream().map(e -> Money.of(e.getValue(), e.getKey())).toList();
        assertEquals(expected, run.totals());
        assertFalse(run.preparedBy().equals(run.approvedBy()), "maker ≠ checker");
    }

    @Test
    void brokenCreditsAreRejectedBySchema() {
        ObjectNode weightAsNumber = Resources.sampleTree(EventType.DEAL_ATTRIBUTED);
        ((ObjectNode) weightAsNumber.at("/credits/0")).put("weight", 0.6);
        assertFalse(ContractValidator.validate(EventType.DEAL_ATTRIBUTED, weightAsNumber).isEmpty(), "weight as number");

        ObjectNode weightAtScale2 = Resources.sampleTree(EventType.DEAL_ATTRIBUTED);
        ((ObjectNode) weightAtScale2.at("/credits/0")).put("weight", "0.60");
        assertFalse(ContractValidator.validate(EventType.DEAL_ATTRIBUTED, weightAtScale2).isEmpty(), "weight at scale 2");

        ObjectNode lowerCaseCurrency = Resources.sampleTree(EventType.DEAL_ATTRIBUTED);
        ((ObjectNode) lowerCaseCurrency.at("/credits/0/amount")).put("currency", "eur");
        assertFalse(ContractValidator.validate(EventType.DEAL_ATTRIBUTED, lowerCaseCurrency).isEmpty(), "currency eur");

        ObjectNode floatAmount = Resources.sampleTree(EventType.DEAL_ATTRIBUTED);
        ((ObjectNode) floatAmount.at("/deal/amount")).put("amount", "7.0e4");
        assertFalse(ContractValidator.validate(EventType.DEAL_ATTRIBUTED, floatAmount).isEmpty(), "exponent amount");

        ObjectNode localTime = Resources.sampleTree(EventType.DEAL_ATTRIBUTED);
        localTime.put("attributedAt", "2025-06-27T17:42:13+02:00");
        assertFalse(ContractValidator.validate(EventType.DEAL_ATTRIBUTED, localTime).isEmpty(), "non-UTC instant");

        ObjectNode notAnInstant = Resources.sampleTree(EventType.DEAL_ATTRIBUTED);
        notAnInstant.put("attributedAt", "2025-13-45T99:00:00Z");
        assertFalse(ContractValidator.validate(EventType.DEAL_ATTRIBUTED, notAnInstant).isEmpty(), "impossible date-time");

        ObjectNode badUuid = Resources.sampleTree(EventType.DEAL_ATTRIBUTED);
        badUuid.put("dealId", "deal-42");
        assertFalse(ContractValidator.validate(EventType.DEAL_ATTRIBUTED, badUuid).isEmpty(), "non-UUID id");

        ObjectNode unknownTouchType = Resources.sampleTree(EventType.DEAL_ATTRIBUTED);
        ((ObjectNode) unknownTouchType.at("/credits/0")).putArray("touchTypes").add("telepathy");
        assertFalse(ContractValidator.validate(EventType.DEAL_ATTRIBUTED, unknownTouchType).isEmpty(), "touch type");

        ObjectNode noCredits = Resources.sampleTree(EventType.DEAL_ATTRIBUTED);
        noCredits.putArray("credits");
        assertFalse(ContractValidator.validate(EventType.DEAL_ATTRIBUTED, noCredits).isEmpty(), "empty credits");
    }

    // ---- helpers

    private static void assertDealLinesSumToAmount(DealContext deal) {
        assertEquals(deal.amount(), sum(deal.lines(), DealLine::amount), "deal lines sum to the deal amount");
        assertEquals(deal.currency(), deal.amount().currency().getCurrencyCode());
    }

    private static void assertCreditsSplitExactly(Money dealAmount, List<DealLine> lines, List<Credit> credits) {
        assertWeightsSumToOne(credits);
        assertEquals(dealAmount, sum(credits, Credit::amount), "credits sum EXACTLY to the deal amount");
        for (Credit c : credits) {
            assertEquals(c.amount(), sum(c.lines(), Credit.LineCredit::amount), "lines of " + c.partnerId());
            assertEquals(8, c.weight().scale());
        }
        Map<Integer, Money> lineAmounts = lines.stream().collect(Collectors.toMap(DealLine::lineNumber, DealLine::amount));
        assertEquals(lineAmounts, creditedPerLine(credits), "per line, the credits sum to the line amount");
        List<String> ids = credits.stream().map(Credit::partnerId).toList();
        assertEquals(ids.stream().sorted(Comparator.naturalOrder()).toList(), ids, "credits ordered by partnerId");
    }

    private static void assertWeightsSumToOne(List<Credit> credits) {
        BigDecimal total = credits.stream().map(Credit::weight).reduce(BigDecimal.ZERO, BigDecimal::add);
        assertEquals(ONE, total, "weights sum to exactly 1.00000000");
    }

    private static Map<Integer, Money> creditedPerLine(List<Credit> credits) {
        Map<Integer, Money> perLine = new TreeMap<>();
        for (Credit c : credits) {
            for (Credit.LineCredit l : c.lines()) {
                perLine.merge(l.lineNumber(), l.amount(), SampleArithmeticTest::add);
            }
        }
        return perLine;
    }

    private static <T> Money sum(List<T> items, Function<T, Money> amount) {
        return items.stream().map(amount).reduce(SampleArithmeticTest::add).orElseThrow();
    }

    private static Money add(Money a, Money b) {
        assertEquals(a.currency(), b.currency(), "one currency");
        return new Money(a.amount().add(b.amount()), a.currency());
    }
}
