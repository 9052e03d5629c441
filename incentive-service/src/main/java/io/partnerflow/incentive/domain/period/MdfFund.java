package io.partnerflow.incentive.domain.period;

import io.partnerflow.core.money.Money;
import io.partnerflow.incentive.domain.period.MdfException.Reason;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One partner's market development fund (MDF) for one period: allocation → request → approval → claim with proof
 * → approval → reimbursement; unclaimed funds expire at period end.
 *
 * <p>A small MUTABLE aggregate, not thread-safe: build it with {@link #open} or {@link #restore} from stored
 * state, apply ONE operation, store {@link #requests()}, {@link #claims()}, {@link #status()} and
 * {@link #expiredAt()} back (serialise concurrent operations on one fund, e.g. a row lock). Every operation checks
 * everything before changing anything, so when it throws the fund is unchanged.
 *
 * <p>Amounts: all in the allocation's currency. Invariants kept by every operation (and checked by
 * {@link #restore}): APPROVED request amounts + REQUESTED amounts &lt;= allocated; per request, reimbursed +
 * pending claims &lt;= its approved amount; so reimbursements never exceed what was approved nor the allocation.
 *
 * <p>Refusals: {@link MdfException} with a {@link MdfException.Reason}; malformed arguments (null or blank id,
 * amount not positive, wrong currency) → {@link IllegalArgumentException}.
 */
public final class MdfFund {

    /** REQUESTED → APPROVED | REJECTED; REQUESTED → EXPIRED when the fund expires. */
    public enum RequestStatus { REQUESTED, APPROVED, REJECTED, EXPIRED }

    /** SUBMITTED → APPROVED | REJECTED (also after the fund expired: the claim was submitted in time). */
    public enum ClaimStatus { SUBMITTED, APPROVED, REJECTED }

    public enum FundStatus { OPEN, EXPIRED }

    /**
     * A request to spend part of the fund.
     *
     * @param id             the caller's id, unique in the fund
     * @param amount         the amount requested, &gt; 0
     * @param status         its status
     * @param approvedAmount the approved amount (&lt;= amount) when APPROVED, otherwise {@code null}
     */
    public record Request(String id, Money amount, RequestStatus status, Money approvedAmount) {
        public Request {
            Objects.requireNonNull(id, "request id");
            Objects.requireNonNull(amount, "amount of request " + id);
            Objects.requireNonNull(status, "status of request " + id);
            if ((status == RequestStatus.APPROVED) != (approvedAmount != null)) {
                throw new IllegalArgumentException("request " + id + ": an approved amount goes with, and only with, "
                        + "status APPROVED (status " + status + ", approved amount " + approvedAmount + ")");
            }
        }
    }

    /**
     * A claim for reimbursement against an approved request.
     *
     * @param id             the caller's id, unique in the fund
     * @param requestId      the approved request it claims against
     * @param claimedAmount  the amount claimed, &gt; 0
     * @param proofRef       a reference to the proof (invoice, photo, attendee list…), never blank
     * @param status         its status
     * @param approvedAmount the reimbursement when APPROVED, otherwise {@code null}
     */
    public record Claim(String id, String requestId, Money claimedAmount, String proofRef, ClaimStatus status,
                        Money approvedAmount) {
        public Claim {
            Objects.requireNonNull(id, "claim id");
            Objects.requireNonNull(requestId, "request id of claim " + id);
            Objects.requireNonNull(claimedAmount, "claimed amount of claim " + id);
            Objects.requireNonNull(status, "status of claim " + id);
            if ((status == ClaimStatus.APPROVED) != (approvedAmount != null)) {
                throw new IllegalArgumentException("claim " + id + ": an approved amount goes with, and only with, "
                        + "status APPROVED (status " + status + ", approved amount " + approvedAmount + ")");
            }
        }
    }

    /**
     * The result of approving a claim.
     *
     * @param claim  the claim as now stored (APPROVED, approvedAmount = amount)
     * @param amount the reimbursement earning's amount: min(approved claim amount, what is left of the request's
     *               approved amount, what is left of the fund); always &gt; 0
     */
    public record Reimbursement(Claim claim, Money amount) {
    }

    private final Money allocated;
    private final Map<String, Request> requests = new LinkedHashMap<>();
    private final Map<String, Claim> claims = new LinkedHashMap<>();
    private FundStatus status;
    private Instant expiredAt;

    private MdfFund(Money allocated) {
        this.allocated = allocated;
        this.status = FundStatus.OPEN;
    }

    // ---------------------------------------------------------------- allocation

    /**
     * The period's allocation under {@code rule}: the fixed amount, or {@code percent / 100 × priorPeriodRevenue}
     * rounded HALF_EVEN once (zero when prior revenue is not positive).
     *
     * @param priorPeriodRevenue the partner's credited revenue in the prior period, in {@code currency}; may be
     *                           {@code null} for a fixed allocation
     * @param currency           the fund's currency
     * @throws IllegalArgumentException for a currency mismatch or a missing prior revenue
     */
    public static Money allocation(MdfAllocation rule, Money priorPeriodRevenue, Currency currency) {
        Objects.requireNonNull(rule, "MDF allocation rule");
        Objects.requireNonNull(currency, "currency");
        if (rule.fixed() != null) {
            return Settlements.requireCurrency(rule.fixed(), currency, "MDF fixed allocation");
        }
        if (priorPeriodRevenue == null) {
            throw new IllegalArgumentException("MDF allocation as a percent of prior-period revenue needs that revenue");
        }
        Settlements.requireCurrency(priorPeriodRevenue, currency, "prior-period revenue for the MDF allocation");
        if (!priorPeriodRevenue.isPositive()) {
            return Money.zero(currency);
        }
        return priorPeriodRevenue.times(rule.percentOfPriorRevenue().movePointLeft(2));
    }

    /** {@link #allocation} with its explanation (steps, inputs, summary). */
    public static PeriodResult explainAllocation(MdfAllocation rule, Money priorPeriodRevenue, Currency currency) {
        Money amount = allocation(rule, priorPeriodRevenue, currency);
        String ccy = currency.getCurrencyCode();
        Map<String, String> inputs = new LinkedHashMap<>();
        List<Step> steps = new ArrayList<>();
        String summary;
        if (rule.fixed() != null) {
            inputs.put("fixed", rule.fixed().toString());
            steps.add(new Step("Fixed MDF allocation per period", "fixed", amount.amountString(), ccy));
            summary = "Your market development fund for the period: " + Exact.human(amount) + " (fixed).";
        } else {
            BigDecimal percent = rule.percentOfPriorRevenue();
            inputs.put("percentOfPriorRevenue", percent.toPlainString());
            inputs.put("priorPeriodRevenue", priorPeriodRevenue.toString());
            steps.add(new Step("Credited revenue in the prior period", "prior period", priorPeriodRevenue.amountString(),
                    ccy));
            steps.add(new Step(Exact.plain(percent) + "% of it, rounded half-even", "max(0, "
                    + priorPeriodRevenue.amountString() + ") × " + Exact.plain(percent) + " / 100",
                    amount.amountString(), ccy));
            summary = "Your market development fund for the period: " + Exact.human(amount) + " (" + Exact.plain(percent)
                    + "% of your " + Exact.human(priorPeriodRevenue) + " credited revenue in the prior period).";
        }
        inputs.put("allocation", amount.amountString());
        return new PeriodResult(amount, steps, inputs, summary);
    }

    // ---------------------------------------------------------------- construction

    /** A new, open fund with {@code allocated} (&gt;= 0) and no requests. */
    public static MdfFund open(Money allocated) {
        Objects.requireNonNull(allocated, "allocated");
        if (allocated.isNegative()) {
            throw new IllegalArgumentException("MDF allocation must not be negative, got " + allocated);
        }
        return new MdfFund(allocated);
    }

    /**
     * Rebuilds a fund from stored state (requests and claims in any order; kept in the given order).
     *
     * @throws IllegalArgumentException when the state is inconsistent (unknown request of a claim, repeated id,
     *                                  wrong currency, amounts breaking the fund's invariants, EXPIRED without
     *                                  {@code expiredAt} or pending requests in an expired fund)
     */
    public static MdfFund restore(Money allocated, List<Request> requests, List<Claim> claims, FundStatus status,
                                  Instant expiredAt) {
        MdfFund fund = open(allocated);
        Objects.requireNonNull(status, "fund status");
        for (Request r : Objects.requireNonNull(requests, "requests")) {
            Objects.requireNonNull(r, "request");
            fund.requireAmount(r.amount(), "request " + r.id());
            if (r.approvedAmount() != null) {
                fund.requireAmount(r.approvedAmount(), "approved amount of request " + r.id());
                if (r.approvedAmount().isGreaterThan(r.amount())) {
                    throw new IllegalArgumentException("request " + r.id() + ": approved " + r.approvedAmount()
                            + " exceeds requested " + r.amount());
                }
            }
            if (fund.requests.put(r.id(), r) != null) {
                throw new IllegalArgumentException("request " + r.id() + " appears twice");
            }
        }
        for (Claim c : Objects.requireNonNull(claims, "claims")) {
            Objects.requireNonNull(c, "claim");
            fund.requireAmount(c.claimedAmount(), "claim " + c.id());
            if (c.approvedAmount() != null) {
                fund.requireAmount(c.approvedAmount(), "approved amount of claim " + c.id());
                if (c.approvedAmount().isGreaterThan(c.claimedAmount())) {
                    throw new IllegalArgumentException("claim " + c.id() + ": approved " + c.approvedAmount()
                            + " exceeds claimed " + c.claimedAmount());
                }
            }
            Request r = fund.requests.get(c.requestId());
            if (r == null || r.status() != RequestStatus.APPROVED) {
                throw new IllegalArgumentException("claim " + c.id() + " refers to request " + c.requestId()
                        + ", which is not an approved request of this fund");
            }
            if (fund.claims.put(c.id(), c) != null) {
                throw new IllegalArgumentException("claim " + c.id() + " appears twice");
            }
        }
        if (fund.availableToRequest().isNegative()) {
            throw new IllegalArgumentException("requests exceed the allocation " + allocated);
        }
        for (Request r : fund.requests.values()) {
            if (r.status() == RequestStatus.APPROVED && fund.unclaimedOf(r.id()).isNegative()) {
                throw new IllegalArgumentException("claims on request " + r.id() + " exceed its approved amount");
            }
        }
        if (status == FundStatus.EXPIRED) {
            if (expiredAt == null) {
                throw new IllegalArgumentException("an expired fund needs its expiry instant");
            }
            for (Request r : fund.requests.values()) {
                if (r.status() == RequestStatus.REQUESTED) {
                    throw new IllegalArgumentException("an expired fund cannot have a pending request (" + r.id() + ")");
                }
            }
        } else if (expiredAt != null) {
            throw new IllegalArgumentException("an open fund has no expiry instant");
        }
        fund.status = status;
        fund.expiredAt = expiredAt;
        return fund;
    }

    // ---------------------------------------------------------------- operations

    /**
     * Requests {@code amount} of the fund. Refused when the fund expired, the id exists, or the amount exceeds
     * {@link #availableToRequest()}.
     */
    public Request request(String requestId, Money amount) {
        requireId(requestId, "request");
        requireAmount(amount, "requested amount");
        requireOpen("request funds");
        if (requests.containsKey(requestId)) {
            throw new MdfException(Reason.DUPLICATE, "MDF request " + requestId + " already exists");
        }
        Money available = availableToRequest();
        if (amount.isGreaterThan(available)) {
            throw new MdfException(Reason.OVER_LIMIT, "MDF request " + requestId + " for " + amount
                    + " exceeds what is left to request in the fund: " + available + " (allocated " + allocated
                    + ", already approved or pending " + allocated.minus(available) + ")");
        }
        Request r = new Request(requestId, amount, RequestStatus.REQUESTED, null);
        requests.put(requestId, r);
        return r;
    }

    /** Approves a pending request in full. */
    public Request approveRequest(String requestId) {
        return approveRequest(requestId, pendingRequest(requestId, "approve").amount());
    }

    /** Approves a pending request for {@code approvedAmount} (&gt; 0, at most the amount requested). */
    public Request approveRequest(String requestId, Money approvedAmount) {
        Request r = pendingRequest(requestId, "approve");
        requireAmount(approvedAmount, "approved amount");
        requireOpen("approve request " + requestId);
        if (approvedAmount.isGreaterThan(r.amount())) {
            throw new MdfException(Reason.OVER_LIMIT, "cannot approve " + approvedAmount + " on MDF request "
                    + requestId + ": only " + r.amount() + " was requested");
        }
        Request approved = new Request(requestId, r.amount(), RequestStatus.APPROVED, approvedAmount);
        requests.put(requestId, approved);
        return approved;
    }

    /** Rejects a pending request, freeing its reservation. */
    public Request rejectRequest(String requestId) {
        Request r = pendingRequest(requestId, "reject");
        Request rejected = new Request(requestId, r.amount(), RequestStatus.REJECTED, null);
        requests.put(requestId, rejected);
        return rejected;
    }

    /**
     * Submits a claim with proof against an approved request; refused when the fund expired, the id exists, the
     * request is unknown or not approved, the proof is missing, or the amount exceeds {@link #unclaimedOf}.
     */
    public Claim claim(String claimId, String requestId, Money claimedAmount, String proofRef) {
        requireId(claimId, "claim");
        requireId(requestId, "request");
        requireAmount(claimedAmount, "claimed amount");
        requireOpen("submit claims");
        if (claims.containsKey(claimId)) {
            throw new MdfException(Reason.DUPLICATE, "MDF claim " + claimId + " already exists");
        }
        Request r = requests.get(requestId);
        if (r == null) {
            throw new MdfException(Reason.NOT_FOUND, "MDF request " + requestId + " does not exist in this fund");
        }
        if (r.status() != RequestStatus.APPROVED) {
            throw new MdfException(Reason.ILLEGAL_STATUS, "cannot claim against MDF request " + requestId
                    + ": it is " + r.status() + ", a claim needs an APPROVED request");
        }
        if (proofRef == null || proofRef.isBlank()) {
            throw new MdfException(Reason.PROOF_MISSING, "MDF claim " + claimId + " needs a proof reference");
        }
        Money unclaimed = unclaimedOf(requestId);
        if (claimedAmount.isGreaterThan(unclaimed)) {
            throw new MdfException(Reason.OVER_LIMIT, "MDF claim " + claimId + " for " + claimedAmount
                    + " exceeds what is unclaimed on request " + requestId + ": " + unclaimed + " (approved "
                    + r.approvedAmount() + ")");
        }
        Claim c = new Claim(claimId, requestId, claimedAmount, proofRef, ClaimStatus.SUBMITTED, null);
        claims.put(claimId, c);
        return c;
    }

    /** Approves a submitted claim in full; see {@link #approveClaim(String, Money)}. */
    public Reimbursement approveClaim(String claimId) {
        return approveClaim(claimId, submittedClaim(claimId, "approve").claimedAmount());
    }

    /**
     * Approves a submitted claim for {@code approvedAmount} (&gt; 0, at most the amount claimed). Allowed after the
     * fund expired (the claim was submitted in time). The reimbursement is min(approved amount, request's approved
     * amount − reimbursed on it, {@link #remaining()}); refused if that is not positive.
     */
    public Reimbursement approveClaim(String claimId, Money approvedAmount) {
        Claim c = submittedClaim(claimId, "approve");
        requireAmount(approvedAmount, "approved amount");
        if (approvedAmount.isGreaterThan(c.claimedAmount())) {
            throw new MdfException(Reason.OVER_LIMIT, "cannot approve " + approvedAmount + " on MDF claim " + claimId
                    + ": only " + c.claimedAmount() + " was claimed");
        }
        Request r = requests.get(c.requestId());
        Money requestLeft = r.approvedAmount().minus(reimbursedOn(r.id()));
        Money fundLeft = remaining();
        Money amount = min(approvedAmount, min(requestLeft, fundLeft));
        if (!amount.isPositive()) {
            throw new MdfException(Reason.OVER_LIMIT, "MDF claim " + claimId + " cannot be reimbursed: nothing is "
                    + "left (request " + r.id() + " has " + requestLeft + " left, the fund " + fundLeft + ")");
        }
        Claim approved = new Claim(c.id(), c.requestId(), c.claimedAmount(), c.proofRef(), ClaimStatus.APPROVED,
                amount);
        claims.put(claimId, approved);
        return new Reimbursement(approved, amount);
    }

    /** Rejects a submitted claim (its amount becomes claimable again on the request while the fund is open). */
    public Claim rejectClaim(String claimId) {
        Claim c = submittedClaim(claimId, "reject");
        Claim rejected = new Claim(c.id(), c.requestId(), c.claimedAmount(), c.proofRef(), ClaimStatus.REJECTED,
                null);
        claims.put(claimId, rejected);
        return rejected;
    }

    /**
     * Expires the fund at period end: pending requests become EXPIRED, no new requests, request approvals or
     * claims are accepted; submitted claims can still be decided.
     *
     * @return the unclaimed amount that expires: allocated − reimbursed − amounts of claims still SUBMITTED
     * @throws MdfException if the fund already expired
     */
    public Money expire(Instant periodEnd) {
        Objects.requireNonNull(periodEnd, "periodEnd");
        if (status == FundStatus.EXPIRED) {
            throw new MdfException(Reason.EXPIRED, "the MDF fund already expired at " + expiredAt);
        }
        for (Request r : List.copyOf(requests.values())) {
            if (r.status() == RequestStatus.REQUESTED) {
                requests.put(r.id(), new Request(r.id(), r.amount(), RequestStatus.EXPIRED, null));
            }
        }
        status = FundStatus.EXPIRED;
        expiredAt = periodEnd;
        return expiredAmount();
    }

    // ---------------------------------------------------------------- state

    public Money allocated() {
        return allocated;
    }

    public Currency currency() {
        return allocated.currency();
    }

    /** Sum of all reimbursements (APPROVED claims). */
    public Money reimbursed() {
        Money sum = zero();
        for (Claim c : claims.values()) {
            if (c.status() == ClaimStatus.APPROVED) {
                sum = sum.plus(c.approvedAmount());
            }
        }
        return sum;
    }

    /** What is left of the fund to reimburse: allocated − reimbursed. */
    public Money remaining() {
        return allocated.minus(reimbursed());
    }

    /** What a new request may ask for: allocated − APPROVED requests' approved amounts − REQUESTED amounts. */
    public Money availableToRequest() {
        Money committed = zero();
        for (Request r : requests.values()) {
            if (r.status() == RequestStatus.APPROVED) {
                committed = committed.plus(r.approvedAmount());
            } else if (r.status() == RequestStatus.REQUESTED) {
                committed = committed.plus(r.amount());
            }
        }
        return allocated.minus(committed);
    }

    /**
     * What a new claim on {@code requestId} may ask for: its approved amount − reimbursements on it − amounts of
     * SUBMITTED claims on it; zero when the request is not APPROVED.
     *
     * @throws MdfException NOT_FOUND for an unknown request
     */
    public Money unclaimedOf(String requestId) {
        Request r = requests.get(requestId);
        if (r == null) {
            throw new MdfException(Reason.NOT_FOUND, "MDF request " + requestId + " does not exist in this fund");
        }
        if (r.status() != RequestStatus.APPROVED) {
            return zero();
        }
        Money used = zero();
        for (Claim c : claims.values()) {
            if (c.requestId().equals(requestId)) {
                if (c.status() == ClaimStatus.APPROVED) {
                    used = used.plus(c.approvedAmount());
                } else if (c.status() == ClaimStatus.SUBMITTED) {
                    used = used.plus(c.claimedAmount());
                }
            }
        }
        return r.approvedAmount().minus(used);
    }

    /**
     * Zero while open; once expired: allocated − reimbursed − amounts of claims still SUBMITTED (what is gone for
     * good; it grows when such a claim is later rejected or approved for less).
     */
    public Money expiredAmount() {
        if (status == FundStatus.OPEN) {
            return zero();
        }
        Money pending = zero();
        for (Claim c : claims.values()) {
            if (c.status() == ClaimStatus.SUBMITTED) {
                pending = pending.plus(c.claimedAmount());
            }
        }
        return remaining().minus(pending);
    }

    public FundStatus status() {
        return status;
    }

    /** The period end the fund expired at; {@code null} while open. */
    public Instant expiredAt() {
        return expiredAt;
    }

    /** The requests, in creation (or restore) order; an unmodifiable snapshot. */
    public List<Request> requests() {
        return List.copyOf(requests.values());
    }

    /** The claims, in creation (or restore) order; an unmodifiable snapshot. */
    public List<Claim> claims() {
        return List.copyOf(claims.values());
    }

    public Request requestById(String requestId) {
        Request r = requests.get(requestId);
        if (r == null) {
            throw new MdfException(Reason.NOT_FOUND, "MDF request " + requestId + " does not exist in this fund");
        }
        return r;
    }

    public Claim claimById(String claimId) {
        Claim c = claims.get(claimId);
        if (c == null) {
            throw new MdfException(Reason.NOT_FOUND, "MDF claim " + claimId + " does not exist in this fund");
        }
        return c;
    }

    // ---------------------------------------------------------------- helpers

    private Request pendingRequest(String requestId, String action) {
        requireId(requestId, "request");
        Request r = requestById(requestId);
        if (r.status() != RequestStatus.REQUESTED) {
            throw new MdfException(status == FundStatus.EXPIRED && r.status() == RequestStatus.EXPIRED
                    ? Reason.EXPIRED : Reason.ILLEGAL_STATUS,
                    "cannot " + action + " MDF request " + requestId + ": it is " + r.status()
                            + ", only a REQUESTED request can be decided");
        }
        return r;
    }

    private Claim submittedClaim(String claimId, String action) {
        requireId(claimId, "claim");
        Claim c = claimById(claimId);
        if (c.status() != ClaimStatus.SUBMITTED) {
            throw new MdfException(Reason.ILLEGAL_STATUS, "cannot " + action + " MDF claim " + claimId + ": it is "
                    + c.status() + ", only a SUBMITTED claim can be decided");
        }
        return c;
    }

    private Money reimbursedOn(String requestId) {
        Money sum = zero();
        for (Claim c : claims.values()) {
            if (c.requestId().equals(requestId) && c.status() == ClaimStatus.APPROVED) {
                sum = sum.plus(c.approvedAmount());
            }
        }
        return sum;
    }

    private void requireOpen(String action) {
        if (status == FundStatus.EXPIRED) {
            throw new MdfException(Reason.EXPIRED, "cannot " + action + ": the MDF fund expired at " + expiredAt);
        }
    }

    private static void requireId(String id, String what) {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("MDF " + what + " id must not be blank");
        }
    }

    private void requireAmount(Money amount, String what) {
        Settlements.requireCurrency(amount, allocated.currency(), "MDF " + what);
        if (!amount.isPositive()) {
            throw new IllegalArgumentException("MDF " + what + " must be positive, got " + amount);
        }
    }

    private Money zero() {
        return Money.zero(allocated.currency());
    }

    private static Money min(Money a, Money b) {
        return a.isGreaterThan(b) ? b : a;
    }
}
