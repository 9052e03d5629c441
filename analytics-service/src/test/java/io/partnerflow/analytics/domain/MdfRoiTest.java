package io.partnerflow.analytics.domain;

import io.partnerflow.core.money.Money;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static io.partnerflow.analytics.domain.ScorecardFoldTest.BRIGHT;
import static io.partnerflow.analytics.domain.ScorecardFoldTest.DEAL;
import static io.partnerflow.analytics.domain.ScorecardFoldTest.ORBIS;
import static io.partnerflow.analytics.domain.ScorecardFoldTest.SEVEN;
import static io.partnerflow.analytics.domain.ScorecardFoldTest.attributed;
import static io.partnerflow.analytics.domain.ScorecardFoldTest.reattributed;
import static io.partnerflow.analytics.domain.ScorecardFoldTest.refund;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** MDF-influenced revenue in the fold (order-independent, once per deal and partner) and the MDF ROI (rounded once). */
class MdfRoiTest {
    static final Period Q3 = Period.parse("2026-Q3");
    static final String P = "10000000-0000-0000-0000-000000000001";

    static Fact.MdfCampaign campaign(String partner, String... deals) {
        return new Fact.MdfCampaign(partner, List.of(deals));
    }

    @Test
    void aCampaignCreditsItsPartnersRevenueInTheNamedDealWhicheverArrivesFirst() {
        MemoryStore claimFirst = new MemoryStore().apply(List.of(campaign(BRIGHT, DEAL))).apply(List.of(attributed()));
        MemoryStore dealFirst = new MemoryStore().apply(List.of(attributed())).apply(List.of(campaign(BRIGHT, DEAL)));
        MemoryStore oneBatch = new MemoryStore().apply(List.of(campaign(BRIGHT, DEAL), attributed()));
        for (MemoryStore s : List.of(claimFirst, dealFirst, oneBatch)) {
            assertEquals(new BigDecimal("42002.70"), s.amount(BRIGHT, Metric.MDF_INFLUENCED_REVENUE));
            assertEquals(BigDecimal.ZERO, s.amount(SEVEN, Metric.MDF_INFLUENCED_REVENUE), "only the campaign's partner");
            assertEquals(new BigDecimal("42002.70"), s.amount(BRIGHT, Metric.INFLUENCED_REVENUE), "revenue itself unchanged");
        }
        assertEquals(claimFirst.normalisedAmounts(), dealFirst.normalisedAmounts());
        assertEquals(claimFirst.normalisedAmounts(), oneBatch.normalisedAmounts());
    }

    @Test
    void aDealNamedByTwoCampaignsCountsOnceAndFollowsRefundsAndReattributions() {
        MemoryStore s = new MemoryStore().apply(List.of(attributed(), campaign(ORBIS, DEAL))).apply(List.of(campaign(ORBIS, DEAL, "other-deal")));
        assertEquals(new BigDecimal("4666.97"), s.amount(ORBIS, Metric.MDF_INFLUENCED_REVENUE));
        s.apply(List.of(refund()));
        assertEquals(new BigDecimal("4538.64"), s.amount(ORBIS, Metric.MDF_INFLUENCED_REVENUE));
        s.apply(List.of(reattributed()));
        assertEquals(new BigDecimal("22693.16"), s.amount(ORBIS, Metric.MDF_INFLUENCED_REVENUE), "the re-attribution keeps the mark");
    }

    @Test
    void roiIsInfluencedRevenueOverReimbursedRoundedHalfEvenOnceAndNullWithoutReimbursement() {
        MdfRoi r = MdfRoi.of(Money.of("5426.50", "USD"), Money.of("3255.90", "USD"), Money.of("3038.84", "USD"), Money.of("37853.00", "USD"));
        assertEquals(new BigDecimal("12.4564"), r.roi());
        assertNull(MdfRoi.of(Money.zero("USD"), Money.zero("USD"), Money.zero("USD"), Money.of("10.00", "USD")).roi());
        assertEquals(new BigDecimal("0.0002"), MdfRoi.of(Money.zero("USD"), Money.zero("USD"), Money.of("40000.00", "USD"),
                Money.of("10.00", "USD")).roi(), "0.00025 → 0.0002 (HALF_EVEN)");
    }

    @Test
    void theProgramRoiIsTheRoiOfTheSumsNotTheAverageOfRois() {
        Scorecard a = card("A", "100.00", "1000.00");
        Scorecard b = card("B", "300.00", "300.00");
        Scorecard none = card("C", "0", "0");
        assertEquals(new BigDecimal("10.0000"), MdfRoi.of(a).roi());
        assertEquals(new BigDecimal("1.0000"), MdfRoi.of(b).roi());
        MdfRoi total = MdfRoi.total(List.of(a, b, none), "USD");
        assertEquals(Money.of("400.00", "USD"), total.reimbursed());
        assertEquals(new BigDecimal("3.2500"), total.roi(), "1300 / 400, not (10 + 1) / 2");
        assertFalse(MdfRoi.of(none).any());
        assertTrue(MdfRoi.of(a).any());
    }

    static Scorecard card(String id, String reimbursed, String influenced) {
        LocalDate day = LocalDate.of(2026, 7, 1);
        return Scorecard.build(id, Q3, "USD", List.of(
                new RateGroup(id, Metric.MDF_REIMBURSED, "USD", new BigDecimal(reimbursed), null, day),
                new RateGroup(id, Metric.MDF_INFLUENCED_REVENUE, "USD", new BigDecimal(influenced), null, day)), Map.of());
    }
}
