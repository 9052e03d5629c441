package io.partnerflow.incentive.domain.period;

import io.partnerflow.core.money.Money;
import io.partnerflow.incentive.domain.period.MdfException.Reason;
import io.partnerflow.incentive.domain.period.MdfFund.Claim;
import io.partnerflow.incentive.domain.period.MdfFund.ClaimStatus;
import io.partnerflow.incentive.domain.period.MdfFund.FundStatus;
import io.partnerflow.incentive.domain.period.MdfFund.Reimbursement;
import io.partnerflow.incentive.domain.period.MdfFund.Request;
import io.partnerflow.incentive.domain.period.MdfFund.RequestStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Currency;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** MDF: allocation, the request → approval → claim with proof → approval → reimbursement lifecycle, expiry. */
class MdfFundTest {

    static final Currency EUR = Currency.getInstance("EUR");
    static final Instant PERIOD_END = Instant.parse("2026-04-01T00:00:00Z");

    static Money eur(String amount) {
        return Money.of(amount, "EUR");
    }

    // ------------------------------------------------------------- allocation

    @Test
    void fixedAllocation() {
        assertEquals(eur("5000.00"), MdfFund.allocation(MdfAllocation.fixed(eur("5000.00")), null, EUR));
        assertEquals(eur("5000.00"), MdfFund.allocation(MdfAllocation.fixed(eur("5000.00")), eur("1.00"), EUR));
        assertThrows(IllegalArgumentException.class,
                () -> MdfFund.allocation(MdfAllocation.fixed(Money.of("5000.00", "USD")), null, EUR));
    }

    @Test
    void percentOfPriorPeriodRevenueRoundedHalfEvenOnce() {
        MdfAllocation twoAndAHalf = MdfAllocation.percentOfPriorRevenue(new BigDecimal("2.5"));
        // 123,456.78 × 2.5 % = 3086.4195 → 3086.42
        assertEquals(eur("3086.42"), MdfFund.allocation(twoAndAHalf, eur("123456.78"), EUR));
        // 20.20 × 2.5 % = 0.505, a tie → 0.50 (half-even; half-up would say 0.51)
        assertEquals(eur("0.50"), MdfFund.allocation(twoAndAHalf, eur("20.20"), EUR));
        assertEquals(eur("0.00"), MdfFund.allocation(twoAndAHalf, eur("-500.00"), EUR));
        assertThrows(IllegalArgumentException.class, () -> MdfFund.allocation(twoAndAHalf, null, EUR));
        assertThrows(IllegalArgumentException.class,
                () -> MdfFund.allocation(twoAndAHalf, Money.of("100.00", "USD"), EUR));
        PeriodResult explained = MdfFund.explainAllocation(twoAndAHalf, eur("123456.78"), EUR);
        assertEquals(eur("3086.42"), explained.amount());
        assertEquals("Your market development fund for the period: 3,086.42 EUR (2.5% of your 123,456.78 EUR "
                + "credited revenue in the prior period).", explained.summary());
    }

    @Test
    void allocationRuleNeedsExactlyOneKind() {
        assertThrows(IllegalArgumentException.class, () -> new MdfAllocation(null, null));
        assertThrows(IllegalArgumentException.class, () -> new MdfAllocation(eur("1.00"), BigDecimal.ONE));
        assertThrows(IllegalArgumentException.class, () -> MdfAllocation.fixed(eur("-1.00")));
        assertThrows(IllegalArgumentException.class, () -> MdfAllocation.percentOfPriorRevenue(new BigDecimal("100.01")));
        assertThrows(IllegalArgumentException.class, () -> MdfAllocation.percentOfPriorRevenue(new BigDecimal("-1")));
    }

    // ------------------------------------------------------------- lifecycle

    @Test
    void fullLifecycle() {
        MdfFund fund = MdfFund.open(eur("10000.00"));
        assertEquals(eur("10000.00"), fund.availableToRequest());

        Request r1 = fund.request("r1", eur("6000.00"));
        assertEquals(RequestStatus.REQUESTED, r1.status());
        assertNull(r1.approvedAmount());
        assertEquals(eur("4000.00"), fund.availableToRequest()); // a pending request reserves its amount

        Request approved = fund.approveRequest("r1", eur("5000.00")); // partially approved
        assertEquals(RequestStatus.APPROVED, approved.status());
        assertEquals(eur("5000.00"), approved.approvedAmount());
        assertEquals(eur("5000.00"), fund.availableToRequest());
        assertEquals(eur("5000.00"), fund.unclaimedOf("r1"));

        Claim c1 = fund.claim("c1", "r1", eur("3000.00"), "invoice-2026-031.pdf");
        assertEquals(ClaimStatus.SUBMITTED, c1.status());
        assertEquals(eur("2000.00"), fund.unclaimedOf("r1"));

        Reimbursement paid = fund.approveClaim("c1", eur("2800.00")); // approved for less than claimed
        assertEquals(eur("2800.00"), paid.amount());
        assertEquals(ClaimStatus.APPROVED, paid.claim().status());
        assertEquals(eur("2800.00"), paid.claim().approvedAmount());
        assertEquals(eur("2800.00"), fund.reimbursed());
        assertEquals(eur("7200.00"), fund.remaining());
        assertEquals(eur("2200.00"), fund.unclaimedOf("r1")); // the 200 not approved is claimable again

        fund.claim("c2", "r1", eur("2200.00"), "receipt-77");
        assertEquals(eur("2200.00"), fund.approveClaim("c2").amount());
        assertEquals(eur("0.00"), fund.unclaimedOf("r1"));
        assertEquals(eur("5000.00"), fund.reimbursed());

        fund.request("r2", eur("1000.00"));
        fund.rejectRequest("r2");
        assertEquals(eur("5000.00"), fund.availableToRequest()); // a rejection frees the reservation
        fund.request("r3", eur("500.00"));                       // left pending at period end

        Money expired = fund.expire(PERIOD_END);
        assertEquals(eur("5000.00"), expired);
        assertEquals(FundStatus.EXPIRED, fund.status());
        assertEquals(PERIOD_END, fund.expiredAt());
        assertEquals(RequestStatus.EXPIRED, fund.requestById("r3").status());
        assertEquals(List.of("r1", "r2", "r3"), fund.requests().stream().map(Request::id).toList());
        assertEquals(List.of("c1", "c2"), fund.claims().stream().map(Claim::id).toList());
    }

    @Test
    void requestMayNotExceedWhatIsLeft() {
        MdfFund fund = MdfFund.open(eur("1000.00"));
        fund.request("r1", eur("600.00"));
        fund.approveRequest("r1");
        fund.request("r2", eur("300.00"));
        refused(Reason.OVER_LIMIT, "exceeds what is left to request in the fund: 100.00 EUR",
                () -> fund.request("r3", eur("100.01")));
        fund.request("r3", eur("100.00"));
        refused(Reason.OVER_LIMIT, "0.00 EUR", () -> fund.request("r4", eur("0.01")));
    }

    @Test
    void everyRefusalLeavesTheFundUnchanged() {
        MdfFund fund = MdfFund.open(eur("1000.00"));
        fund.request("r1", eur("500.00"));
        fund.request("r2", eur("200.00"));
        fund.approveRequest("r1");
        fund.claim("c1", "r1", eur("300.00"), "proof-1");
        fund.request("r-rejected", eur("10.00"));
        fund.rejectRequest("r-rejected");
        String before = snapshot(fund);

        refused(Reason.DUPLICATE, "MDF request r1 already exists", () -> fund.request("r1", eur("1.00")));
        refused(Reason.NOT_FOUND, "MDF request nope does not exist", () -> fund.approveRequest("nope"));
        refused(Reason.ILLEGAL_STATUS, "cannot approve MDF request r1: it is APPROVED", () -> fund.approveRequest("r1"));
        refused(Reason.ILLEGAL_STATUS, "cannot reject MDF request r1: it is APPROVED", () -> fund.rejectRequest("r1"));
        refused(Reason.ILLEGAL_STATUS, "cannot approve MDF request r-rejected: it is REJECTED",
                () -> fund.approveRequest("r-rejected"));
        refused(Reason.OVER_LIMIT, "only 200.00 EUR was requested", () -> fund.approveRequest("r2", eur("200.01")));
        refused(Reason.ILLEGAL_STATUS, "a claim needs an APPROVED request", () -> fund.claim("c9", "r2", eur("1.00"), "p"));
        refused(Reason.ILLEGAL_STATUS, "it is REJECTED", () -> fund.claim("c9", "r-rejected", eur("1.00"), "p"));
        refused(Reason.NOT_FOUND, "MDF request r9 does not exist", () -> fund.claim("c9", "r9", eur("1.00"), "p"));
        refused(Reason.PROOF_MISSING, "needs a proof reference", () -> fund.claim("c9", "r1", eur("1.00"), null));
        refused(Reason.PROOF_MISSING, "needs a proof reference", () -> fund.claim("c9", "r1", eur("1.00"), "  "));
        refused(Reason.OVER_LIMIT, "exceeds what is unclaimed on request r1: 200.00 EUR",
                () -> fund.claim("c9", "r1", eur("200.01"), "p"));
        refused(Reason.DUPLICATE, "MDF claim c1 already exists", () -> fund.claim("c1", "r1", eur("1.00"), "p"));
        refused(Reason.NOT_FOUND, "MDF claim c9 does not exist", () -> fund.approveClaim("c9"));
        refused(Reason.OVER_LIMIT, "only 300.00 EUR was claimed", () -> fund.approveClaim("c1", eur("300.01")));
        assertEquals(before, snapshot(fund));

        fund.approveClaim("c1");
        String approved = snapshot(fund);
        refused(Reason.ILLEGAL_STATUS, "cannot approve MDF claim c1: it is APPROVED", () -> fund.approveClaim("c1"));
        refused(Reason.ILLEGAL_STATUS, "cannot reject MDF claim c1: it is APPROVED", () -> fund.rejectClaim("c1"));
        fund.claim("c2", "r1", eur("50.00"), "p");
        fund.rejectClaim("c2");
        String rejected = snapshot(fund);
        refused(Reason.ILLEGAL_STATUS, "cannot approve MDF claim c2: it is REJECTED", () -> fund.approveClaim("c2"));
        assertEquals(rejected, snapshot(fund));
        assertTrue(approved.length() > 0);

        // malformed arguments are IllegalArgumentException, not MdfException
        assertThrows(IllegalArgumentException.class, () -> fund.request(" ", eur("1.00")));
        assertThrows(IllegalArgumentException.class, () -> fund.request("r5", eur("0.00")));
        assertThrows(IllegalArgumentException.class, () -> fund.request("r5", eur("-1.00")));
        assertThrows(IllegalArgumentException.class, () -> fund.request("r5", Money.of("1.00", "USD")));
        assertEquals(rejected, snapshot(fund));
    }

    @Test
    void expiry() {
        MdfFund fund = MdfFund.open(eur("1000.00"));
        fund.request("r1", eur("800.00"));
        fund.approveRequest("r1");
        fund.claim("c1", "r1", eur("300.00"), "p1");
        fund.claim("c2", "r1", eur("200.00"), "p2");
        fund.approveClaim("c1");
        fund.request("r2", eur("100.00"));

        // unclaimed = 1000 − 300 reimbursed − 200 still under review
        assertEquals(eur("500.00"), fund.expire(PERIOD_END));
        String expired = snapshot(fund);
        refused(Reason.EXPIRED, "cannot request funds: the MDF fund expired at 2026-04-01T00:00:00Z",
                () -> fund.request("r3", eur("1.00")));
        refused(Reason.EXPIRED, "cannot submit claims", () -> fund.claim("c3", "r1", eur("1.00"), "p"));
        refused(Reason.EXPIRED, "it is EXPIRED", () -> fund.approveRequest("r2"));
        refused(Reason.EXPIRED, "already expired", () -> fund.expire(PERIOD_END));
        assertEquals(expired, snapshot(fund));

        // a claim submitted in time can still be decided; what it does not use expires too
        assertEquals(eur("150.00"), fund.approveClaim("c2", eur("150.00")).amount());
        assertEquals(eur("550.00"), fund.expiredAmount());
        assertEquals(eur("450.00"), fund.reimbursed());
    }

    @Test
    void restoredFundReimbursesTheLastCentExactly() {
        // stored state: the whole allocation approved, most of it already reimbursed, the rest under review
        List<Request> requests = List.of(new Request("r1", eur("500.00"), RequestStatus.APPROVED, eur("500.00")));
        List<Claim> claims = List.of(
                new Claim("c1", "r1", eur("400.00"), "p", ClaimStatus.APPROVED, eur("400.00")),
                new Claim("c2", "r1", eur("100.00"), "p", ClaimStatus.SUBMITTED, null));
        MdfFund fund = MdfFund.restore(eur("500.00"), requests, claims, FundStatus.OPEN, null);
        assertEquals(eur("100.00"), fund.approveClaim("c2").amount());
        assertEquals(eur("0.00"), fund.remaining());
    }

    @Test
    void restoreChecksTheStoredState() {
        Request approved = new Request("r1", eur("500.00"), RequestStatus.APPROVED, eur("500.00"));
        MdfFund restored = MdfFund.restore(eur("1000.00"), List.of(approved),
                List.of(new Claim("c1", "r1", eur("100.00"), "p", ClaimStatus.SUBMITTED, null)), FundStatus.OPEN, null);
        assertEquals(eur("500.00"), restored.availableToRequest());
        assertEquals(eur("400.00"), restored.unclaimedOf("r1"));

        assertThrows(IllegalArgumentException.class, () -> MdfFund.restore(eur("100.00"), List.of(approved), List.of(),
                FundStatus.OPEN, null)); // over the allocation
        assertThrows(IllegalArgumentException.class, () -> MdfFund.restore(eur("1000.00"), List.of(approved),
                List.of(new Claim("c1", "r9", eur("1.00"), "p", ClaimStatus.SUBMITTED, null)), FundStatus.OPEN, null));
        assertThrows(IllegalArgumentException.class, () -> MdfFund.restore(eur("1000.00"), List.of(approved),
                List.of(new Claim("c1", "r1", eur("600.00"), "p", ClaimStatus.SUBMITTED, null)), FundStatus.OPEN, null));
        assertThrows(IllegalArgumentException.class, () -> MdfFund.restore(eur("1000.00"), List.of(approved, approved),
                List.of(), FundStatus.OPEN, null));
        assertThrows(IllegalArgumentException.class, () -> MdfFund.restore(eur("1000.00"), List.of(),
                List.of(), FundStatus.EXPIRED, null));
        assertThrows(IllegalArgumentException.class, () -> MdfFund.restore(eur("1000.00"),
                List.of(new Request("r2", eur("5.00"), RequestStatus.REQUESTED, null)), List.of(), FundStatus.EXPIRED,
                PERIOD_END));
        assertThrows(IllegalArgumentException.class,
                () -> new Request("r", eur("5.00"), RequestStatus.APPROVED, null));
        assertThrows(IllegalArgumentException.class,
                () -> new Claim("c", "r", eur("5.00"), "p", ClaimStatus.SUBMITTED, eur("5.00")));
    }

    static void refused(Reason reason, String messagePart, Executable operation) {
        MdfException e = assertThrows(MdfException.class, operation);
        assertEquals(reason, e.reason(), e.getMessage());
        assertTrue(e.getMessage().contains(messagePart), e.getMessage());
        assertTrue(e instanceof IllegalStateException);
    }

    static String snapshot(MdfFund fund) {
        return fund.requests() + "|" + fund.claims() + "|" + fund.status() + "|" + fund.expiredAt() + "|"
                + fund.reimbursed() + "|" + fund.availableToRequest();
    }
}
