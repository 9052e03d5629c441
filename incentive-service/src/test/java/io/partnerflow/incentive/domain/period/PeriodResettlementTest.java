package io.partnerflow.incentive.domain.period;

import io.partnerflow.core.money.Money;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A refund after close re-settles the period's rebate with one exact delta; nothing when nothing changed. */
class PeriodResettlementTest {

    static final Currency EUR = Currency.getInstance("EUR");
    static final UUID REBATE = PeriodEarningIds.rebate("rule-1", "p-1", "2026-Q1");

    @Test
    void refundAfterCloseGivesOneExactRebateDelta() {
        List<PeriodDeal> deals = VolumeRebateTest.quarter();
        PeriodResult settled = VolumeRebate.settle(RebateMode.RETROACTIVE, VolumeRebateTest.BANDS, deals, EUR);
        assertEquals(Money.of("3100.02", "EUR"), settled.amount());

        // a full refund of d-2 (24,999.90) arrives after the close: net 37,000.48 → band 2, 3 % = 1110.0144 → 1110.01
        List<PeriodDeal> now = new ArrayList<>(deals);
        now.add(PeriodDeal.of("d-2", Instant.parse("2026-04-03T10:00:00Z"), Money.of("-24999.90", "EUR")));
        PeriodResult fresh = VolumeRebate.settle(RebateMode.RETROACTIVE, VolumeRebateTest.BANDS, now, EUR);
        assertEquals(Money.of("1110.01", "EUR"), fresh.amount());

        PeriodResettlement.Delta delta = PeriodResettlement.plan(REBATE, settled.amount(), fresh, "refund-ev-1")
                .orElseThrow();
        assertEquals(Money.of("-1990.01", "EUR"), delta.amount());
        assertEquals(REBATE, delta.adjustsEarningId());
        assertEquals(settled.amount().plus(delta.amount()), fresh.amount());
        assertTrue(delta.explanation().startsWith("Re-settled after the period closed: is now 1110.01 EUR (was 3100.02 EUR)"),
                delta.explanation());

        // idempotent: the same trigger gives the same id; a different trigger a different one
        assertEquals(delta.id(), PeriodResettlement.plan(REBATE, settled.amount(), fresh, "refund-ev-1")
                .orElseThrow().id());
        assertNotEquals(delta.id(), PeriodResettlement.plan(REBATE, settled.amount(), fresh, "refund-ev-2")
                .orElseThrow().id());

        // once posted, re-settling again finds nothing to do
        assertTrue(PeriodResettlement.plan(REBATE, settled.amount().plus(delta.amount()), fresh, "refund-ev-3")
                .isEmpty());
    }

    @Test
    void rejectsAnotherCurrencyAndABlankTrigger() {
        PeriodResult fresh = VolumeRebate.settle(RebateMode.RETROACTIVE, VolumeRebateTest.BANDS,
                VolumeRebateTest.quarter(), EUR);
        assertThrows(IllegalArgumentException.class,
                () -> PeriodResettlement.plan(REBATE, Money.of("1.00", "USD"), fresh, "t"));
        assertThrows(IllegalArgumentException.class,
                () -> PeriodResettlement.plan(REBATE, Money.of("1.00", "EUR"), fresh, " "));
    }
}
