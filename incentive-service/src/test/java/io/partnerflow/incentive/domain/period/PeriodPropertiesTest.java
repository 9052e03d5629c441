package io.partnerflow.incentive.domain.period;

import io.partnerflow.core.money.Money;
import io.partnerflow.incentive.domain.period.CapSettlement.CapResult;
import io.partnerflow.incentive.domain.period.CapSettlement.CappedEarning;
import io.partnerflow.incentive.domain.period.CapSettlement.Cut;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Currency;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Property-based tests of the period settlements over random periods (tries: jqwik.tries.default). */
class PeriodPropertiesTest {

    static final Currency EUR = Currency.getInstance("EUR");
    static final Instant MARCH = Instant.parse("2026-03-01T00:00:00Z");

    // ------------------------------------------------------------------ generators

    /** Deals in March with revenue −5,000.00..60,000.00 EUR (some reversals), commission −500.00..6,000.00. */
    @Provide
    Arbitrary<List<PeriodDeal>> deals() {
        Arbitrary<PeriodDeal> deal = Combinators.combine(
                Arbitraries.integers().between(0, 30),            // deal number: repeats happen
                Arbitraries.integers().between(0, 31 * 24 * 4),   // quarter-hours into March: ties happen
                Arbitraries.longs().between(-5_000_00L, 60_000_00L),
                Arbitraries.longs().between(-500_00L, 6_000_00L)).as((n, q, cents, commission) -> new PeriodDeal(
                "deal-" + n, MARCH.plusSeconds(q * 900L), Money.of(BigDecimal.valueOf(cents, 2), "EUR"),
                Money.of(BigDecimal.valueOf(commission, 2), "EUR")));
        return deal.list().ofMaxSize(30);
    }

    /** Band tables of 1..5 bands with increasing bounds and non-decreasing rates, last open-ended or not. */
    @Provide
    Arbitrary<List<RebateBand>> increasingBands() {
        return Combinators.combine(
                Arbitraries.longs().between(1, 80_000_00L).list().ofMinSize(0).ofMaxSize(4).uniqueElements(),
                Arbitraries.integers().between(0, 10_000).list().ofSize(5),
                Arbitraries.of(true, false)).as((edges, rates, open) -> {
            List<Long> sortedEdges = new ArrayList<>(edges);
            Collections.sort(sortedEdges);
            List<Integer> sortedRates = new ArrayList<>(rates);
            Collections.sort(sortedRates);
            List<RebateBand> bands = new ArrayList<>();
            BigDecimal from = BigDecimal.ZERO;
            for (int i = 0; i <= sortedEdges.size(); i++) {
                BigDecimal to = i < sortedEdges.size() ? BigDecimal.valueOf(sortedEdges.get(i), 2)
                        : open ? null : from.add(new BigDecimal("1000.00"));
                bands.add(new RebateBand(from, to, BigDecimal.valueOf(sortedRates.get(i), 4)));
                from = to;
            }
            return bands;
        });
    }

    @Provide
    Arbitrary<List<CappedEarning>> earnings() {
        Arbitrary<CappedEarning> earning = Combinators.combine(
                Arbitraries.integers().between(0, 10),
                Arbitraries.integers().between(0, 60),
                Arbitraries.longs().between(-300_00L, 2_000_00L)).as((deal, hour, cents) -> new CappedEarning(
                "placeholder", "deal-" + deal, MARCH.plusSeconds(hour * 3600L),
                Money.of(BigDecimal.valueOf(cents, 2), "EUR")));
        return earning.list().ofMaxSize(25).map(list -> {
            List<CappedEarning> unique = new ArrayList<>();
            for (int i = 0; i < list.size(); i++) {
                CappedEarning e = list.get(i);
                unique.add(new CappedEarning("earning-" + i, e.dealId(), e.closedAt(), e.amount()));
            }
            return unique;
        });
    }

    // ------------------------------------------------------------------ order independence

    @Property
    void rebateDoesNotDependOnInputOrder(@ForAll("deals") List<PeriodDeal> deals,
                                         @ForAll("increasingBands") List<RebateBand> bands, @ForAll long seed) {
        List<PeriodDeal> shuffled = new ArrayList<>(deals);
        Collections.shuffle(shuffled, new Random(seed));
        for (RebateMode mode : RebateMode.values()) {
            assertEquals(VolumeRebate.settle(mode, bands, deals, EUR), VolumeRebate.settle(mode, bands, shuffled, EUR));
        }
    }

    /** Issue #19: settled + the re-settlement delta after late reversals = a fresh settlement; then nothing more. */
    @Property
    void resettlementDeltaPlusSettledEqualsFreshSettlement(@ForAll("deals") List<PeriodDeal> closed,
                                                           @ForAll("deals") List<PeriodDeal> late,
                                                           @ForAll("increasingBands") List<RebateBand> bands) {
        java.util.UUID earning = PeriodEarningIds.rebate("r", "p", "2026-03");
        for (RebateMode mode : RebateMode.values()) {
            Money settled = VolumeRebate.settle(mode, bands, closed, EUR).amount();
            List<PeriodDeal> now = new ArrayList<>(closed);
            now.addAll(late);
            PeriodResult fresh = VolumeRebate.settle(mode, bands, now, EUR);
            Money posted = PeriodResettlement.plan(earning, settled, fresh, "late")
                    .map(d -> settled.plus(d.amount())).orElse(settled);
            assertEquals(fresh.amount(), posted);
            assertTrue(PeriodResettlement.plan(earning, posted, fresh, "again").isEmpty());
        }
    }

    @Property
    void acceleratorDoesNotDependOnInputOrder(@ForAll("deals") List<PeriodDeal> deals,
                                              @ForAll @LongRange(min = 0, max = 300_000_00L) long targetCents,
                                              @ForAll @IntRange(min = 100, max = 400) int multiplierPercent,
                                              @ForAll long seed) {
        Money target = Money.of(BigDecimal.valueOf(targetCents, 2), "EUR");
        BigDecimal multiplier = BigDecimal.valueOf(multiplierPercent, 2);
        List<PeriodDeal> shuffled = new ArrayList<>(deals);
        Collections.shuffle(shuffled, new Random(seed));
        PeriodResult result = Accelerator.settle(target, multiplier, deals, EUR);
        assertEquals(result, Accelerator.settle(target, multiplier, shuffled, EUR));
    }

    /**
     * With only positive deals and commissions, the extra commission lies between 0 and (multiplier − 1) × the
     * commissions of the deals above target; and the portions telescope to the net revenue above target.
     */
    @Property
    void acceleratorIsBoundedByTheExtraOnAllCommission(@ForAll("deals") List<PeriodDeal> raw,
                                                       @ForAll @LongRange(min = 0, max = 300_000_00L) long targetCents,
                                                       @ForAll @IntRange(min = 100, max = 400) int multiplierPercent) {
        List<PeriodDeal> deals = raw.stream().map(d -> new PeriodDeal(d.dealId(), d.closedAt(), d.revenue().abs(),
                d.commission().abs())).toList();
        Money target = Money.of(BigDecimal.valueOf(targetCents, 2), "EUR");
        BigDecimal extra = BigDecimal.valueOf(multiplierPercent, 2).subtract(BigDecimal.ONE);
        PeriodResult r = Accelerator.settle(target, extra.add(BigDecimal.ONE), deals, EUR);
        Money allCommission = Money.sum(EUR, deals.stream().map(PeriodDeal::commission).toList());
        assertFalse(r.amount().isNegative());
        assertFalse(r.amount().isGreaterThan(allCommission.times(extra)), r.amount() + " vs " + allCommission);
        Money net = Money.sum(EUR, deals.stream().map(PeriodDeal::revenue).toList());
        Money above = net.isGreaterThan(target) ? net.minus(target) : Money.zero(EUR);
        assertEquals(above.toString(), r.inputs().get("revenueAboveTarget"));
    }

    // ------------------------------------------------------------------ rebates

    @Property
    void marginalNeverExceedsRetroactiveWhenRatesIncrease(@ForAll("deals") List<PeriodDeal> deals,
                                                          @ForAll("increasingBands") List<RebateBand> bands) {
        VolumeRebate.validate(bands);
        Money retro = VolumeRebate.settle(RebateMode.RETROACTIVE, bands, deals, EUR).amount();
        Money marginal = VolumeRebate.settle(RebateMode.MARGINAL, bands, deals, EUR).amount();
        assertFalse(marginal.isGreaterThan(retro), marginal + " > " + retro + " for " + bands);
        assertFalse(marginal.isNegative());
        // and a single band makes both modes identical
        List<RebateBand> flat = List.of(new RebateBand(BigDecimal.ZERO, null, bands.get(0).rate()));
        assertEquals(VolumeRebate.settle(RebateMode.RETROACTIVE, flat, deals, EUR).amount(),
                VolumeRebate.settle(RebateMode.MARGINAL, flat, deals, EUR).amount());
    }

    // ------------------------------------------------------------------ caps

    @Property
    void capCutsSumToTheAdjustmentAndNeverGoBelowZero(@ForAll("earnings") List<CappedEarning> earnings,
                                                      @ForAll @LongRange(min = 0, max = 20_000_00L) long capCents,
                                                      @ForAll long seed) {
        Money cap = Money.of(BigDecimal.valueOf(capCents, 2), "EUR");
        CapResult r = CapSettlement.settle(cap, earnings);
        Money total = Money.sum(EUR, earnings.stream().map(CappedEarning::amount).toList());
        assertEquals(total, r.total());
        assertEquals(total.isGreaterThan(cap) ? cap.minus(total) : Money.zero(EUR), r.adjustment());
        assertEquals(r.adjustment(), Money.sum(EUR, r.cuts().stream().map(Cut::amount).toList()));
        assertFalse(r.adjustment().isPositive());
        Map<String, Money> byId = new HashMap<>();
        earnings.forEach(e -> byId.put(e.earningId(), e.amount()));
        for (Cut cut : r.cuts()) {
            Money original = byId.get(cut.earningId());
            assertTrue(cut.amount().isNegative(), cut.toString());
            assertTrue(original.isPositive(), "a non-positive earning was cut: " + cut);
            assertFalse(original.plus(cut.amount()).isNegative(), "cut below zero: " + cut + " of " + original);
        }
        // latest first: every earning after the earliest cut one is either not positive or cut entirely
        if (!r.cuts().isEmpty()) {
            List<CappedEarning> sorted = new ArrayList<>(earnings);
            sorted.sort(CapSettlement.ORDER);
            String earliestCut = r.cuts().get(r.cuts().size() - 1).earningId();
            boolean after = false;
            Map<String, Money> cuts = new HashMap<>();
            r.cuts().forEach(c -> cuts.put(c.earningId(), c.amount()));
            for (CappedEarning e : sorted) {
                if (after && e.amount().isPositive()) {
                    assertEquals(e.amount().negate(), cuts.get(e.earningId()), "not cut entirely: " + e);
                }
                after |= e.earningId().equals(earliestCut);
            }
        }
        List<CappedEarning> shuffled = new ArrayList<>(earnings);
        Collections.shuffle(shuffled, new Random(seed));
        assertEquals(r, CapSettlement.settle(cap, shuffled));
    }

    // ------------------------------------------------------------------ MDF

    /**
     * Random sequences of MDF operations (many refused): reimbursements never exceed the allocation, nor any
     * request's approved amount; approved requests never exceed the allocation; a refused operation changes nothing.
     */
    @Property
    void mdfReimbursementsNeverExceedTheAllocation(@ForAll @LongRange(min = 0, max = 10_000_00L) long allocatedCents,
                                                   @ForAll("mdfOps") List<int[]> ops) {
        Money allocated = Money.of(BigDecimal.valueOf(allocatedCents, 2), "EUR");
        MdfFund fund = MdfFund.open(allocated);
        Money paid = Money.zero(EUR);
        int n = 0;
        for (int[] op : ops) {
            n++;
            String before = MdfFundTest.snapshot(fund);
            Money amount = Money.of(BigDecimal.valueOf(op[2], 2), "EUR");
            String request = "r" + op[1];
            String claim = "c" + op[3];
            try {
                switch (op[0]) {
                    case 0 -> fund.request(request, amount);
                    case 1 -> fund.approveRequest(request);
                    case 2 -> fund.approveRequest(request, amount);
                    case 3 -> fund.rejectRequest(request);
                    case 4 -> fund.claim(claim, request, amount, op[2] % 7 == 0 ? "" : "proof-" + n);
                    case 5 -> paid = paid.plus(fund.approveClaim(claim).amount());
                    case 6 -> paid = paid.plus(fund.approveClaim(claim, amount).amount());
                    case 7 -> fund.rejectClaim(claim);
                    default -> {
                        if (fund.status() == MdfFund.FundStatus.OPEN) {
                            Money expired = fund.expire(Instant.parse("2026-04-01T00:00:00Z"));
                            assertFalse(expired.isNegative());
                        }
                    }
                }
            } catch (MdfException | IllegalArgumentException refused) {
                assertEquals(before, MdfFundTest.snapshot(fund), "refused operation changed the fund");
            }
            assertEquals(paid, fund.reimbursed());
            assertFalse(fund.reimbursed().isGreaterThan(allocated), "reimbursed " + fund.reimbursed());
            assertFalse(fund.availableToRequest().isNegative(), "over-committed");
            assertFalse(fund.expiredAmount().isNegative());
            for (MdfFund.Request r : fund.requests()) {
                if (r.approvedAmount() != null) {
                    Money onRequest = Money.sum(EUR, fund.claims().stream()
                            .filter(c -> c.requestId().equals(r.id()) && c.approvedAmount() != null)
                            .map(MdfFund.Claim::approvedAmount).toList());
                    assertFalse(onRequest.isGreaterThan(r.approvedAmount()), "request " + r.id() + " over-reimbursed");
                    assertFalse(fund.unclaimedOf(r.id()).isNegative());
                }
            }
            for (MdfFund.Claim c : fund.claims()) {
                if (c.approvedAmount() != null) {
                    assertFalse(c.approvedAmount().isGreaterThan(c.claimedAmount()));
                }
            }
        }
        // the state round-trips through restore
        MdfFund restored = MdfFund.restore(allocated, fund.requests(), fund.claims(), fund.status(), fund.expiredAt());
        assertEquals(MdfFundTest.snapshot(fund), MdfFundTest.snapshot(restored));
    }

    /** {kind 0..8, request 0..4, cents 1..400000, claim 0..6}. */
    @Provide
    Arbitrary<List<int[]>> mdfOps() {
        return Combinators.combine(Arbitraries.integers().between(0, 8), Arbitraries.integers().between(0, 4),
                        Arbitraries.integers().between(1, 4_000_00), Arbitraries.integers().between(0, 6))
                .as((kind, request, cents, claim) -> new int[] {kind == 8 && cents % 5 != 0 ? 0 : kind, request, cents,
                        claim})
                .list().ofMaxSize(40);
    }

    // ------------------------------------------------------------------ periods

    @Property
    void everyInstantLiesInItsPeriod(@ForAll @LongRange(min = 0, max = 4_000_000_000L) long epochSecond,
                                     @ForAll("zones") ZoneId zone) {
        Instant instant = Instant.ofEpochSecond(epochSecond);
        for (Granularity g : Granularity.values()) {
            CalendarPeriod p = Periods.periodOf(instant, zone, g);
            assertTrue(p.contains(instant, zone));
            assertFalse(instant.isBefore(p.startInstant(zone)));
            assertTrue(instant.isBefore(p.endInstant(zone)));
            assertEquals(p, Periods.parse(p.id()));
            assertEquals(p.startInstant(zone), p.previous().endInstant(zone));
            assertEquals(p, p.previous().next());
            assertFalse(p.previous().contains(instant, zone));
        }
    }

    @Provide
    Arbitrary<ZoneId> zones() {
        return Arbitraries.of("UTC", "Europe/Berlin", "America/New_York", "Pacific/Auckland", "Asia/Kolkata",
                "Pacific/Kiritimati", "America/St_Johns").map(ZoneId::of);
    }
}
