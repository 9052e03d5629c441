package io.partnerflow.incentive.domain.period;

import io.partnerflow.core.money.Money;

import java.time.Instant;
import java.util.Currency;
import java.util.List;

/** One partner's MDF fund for one period; see package documentation. */
public final class MdfFund {

    public enum RequestStatus { REQUESTED, APPROVED, REJECTED, EXPIRED }

    public enum ClaimStatus { SUBMITTED, APPROVED, REJECTED }

    public enum FundStatus { OPEN, EXPIRED }

    /** A request to spend part of the fund; {@code approvedAmount} is null unless APPROVED. */
    public record Request(String id, Money amount, RequestStatus status, Money approvedAmount) {
    }

    /** A claim against an approved request; {@code approvedAmount} (= the reimbursement) is null unless APPROVED. */
    public record Claim(String id, String requestId, Money claimedAmount, String proofRef, ClaimStatus status,
                        Money approvedAmount) {
    }

    /** The result of approving a claim: the reimbursement earning's amount and the claim as now stored. */
    public record Reimbursement(Claim claim, Money amount) {
    }

    private MdfFund() {
    }

    public static Money allocation(MdfAllocation rule, Money priorPeriodRevenue, Currency currency) {
        throw new UnsupportedOperationException("not yet");
    }

    public static MdfFund open(Money allocated) {
        throw new UnsupportedOperationException("not yet");
    }

    public static MdfFund restore(Money allocated, List<Request> requests, List<Claim> claims, FundStatus status,
                                  Instant expiredAt) {
        throw new UnsupportedOperationException("not yet");
    }

    public Request request(String requestId, Money amount) {
        throw new UnsupportedOperationException("not yet");
    }

    public Request approveRequest(String requestId) {
        throw new UnsupportedOperationException("not yet");
    }

    public Request approveRequest(String requestId, Money approvedAmount) {
        throw new UnsupportedOperationException("not yet");
    }

    public Request rejectRequest(String requestId) {
        throw new UnsupportedOperationException("not yet");
    }

    public Claim claim(String claimId, String requestId, Money claimedAmount, String proofRef) {
        throw new UnsupportedOperationException("not yet");
    }

    public Reimbursement approveClaim(String claimId) {
        throw new UnsupportedOperationException("not yet");
    }

    public Reimbursement approveClaim(String claimId, Money approvedAmount) {
        throw new UnsupportedOperationException("not yet");
    }

    public Claim rejectClaim(String claimId) {
        throw new UnsupportedOperationException("not yet");
    }

    public Money expire(Instant periodEnd) {
        throw new UnsupportedOperationException("not yet");
    }

    public Money allocated() {
        throw new UnsupportedOperationException("not yet");
    }

    public Money reimbursed() {
        throw new UnsupportedOperationException("not yet");
    }

    public Money remaining() {
        throw new UnsupportedOperationException("not yet");
    }

    public Money availableToRequest() {
        throw new UnsupportedOperationException("not yet");
    }

    public Money unclaimedOf(String requestId) {
        throw new UnsupportedOperationException("not yet");
    }

    public Money expiredAmount() {
        throw new UnsupportedOperationException("not yet");
    }

    public FundStatus status() {
        throw new UnsupportedOperationException("not yet");
    }

    public Instant expiredAt() {
        throw new UnsupportedOperationException("not yet");
    }

    public List<Request> requests() {
        throw new UnsupportedOperationException("not yet");
    }

    public List<Claim> claims() {
        throw new UnsupportedOperationException("not yet");
    }
}
