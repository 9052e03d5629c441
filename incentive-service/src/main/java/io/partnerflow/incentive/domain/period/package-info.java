/**
 * Period settlements of incentive-service: pure, deterministic calculators (JDK + {@code core} only, no framework
 * types) for the results that depend on several deals and are settled at period close (DESIGN.md "Order
 * independence"): volume rebates, accelerators, caps, MDF funds, and calendar periods.
 *
 * <h2>Shared rules</h2>
 * <ul>
 *   <li><b>Money</b> is exact ({@link io.partnerflow.core.money.Money}); every calculator computes exactly and
 *       rounds HALF_EVEN to the result currency's scale ONCE, at the end. Intermediate quotients that do not
 *       terminate are kept as exact fractions internally; in {@link io.partnerflow.incentive.domain.period.Step}
 *       values they are shown prefixed with {@code "≈"}.</li>
 *   <li><b>Order independence</b>: inputs are sorted by {@link io.partnerflow.incentive.domain.period.PeriodDeal#ORDER}
 *       (closedAt, then dealId; full ties — a deal and its reversal — then by revenue descending, so the deal comes
 *       before its reversal, then commission) — or for caps
 *       {@code CapSettlement.ORDER} (closedAt, dealId, earningId) — before anything is computed, so the same set of
 *       inputs in any order gives the same result, cent for cent, with the same steps. The same deal id may appear
 *       more than once (a deal and a reversal of it booked in the period).</li>
 *   <li><b>Bad input</b> (mixed currencies, null/blank ids, duplicate ids, invalid bands, multiplier below 1,
 *       negative target or cap) → {@link java.lang.IllegalArgumentException} with a message fit for a 4xx problem;
 *       refused MDF operations → {@link io.partnerflow.incentive.domain.period.MdfException}
 *       (an {@link java.lang.IllegalStateException}); nothing is changed when either is thrown.</li>
 *   <li><b>Explanations</b>: each result has {@code steps} (description, expression, value, unit), {@code inputs}
 *       (string map for the trace) and a one-sentence {@code summary}.</li>
 *   <li><b>Ids</b>: {@link io.partnerflow.incentive.domain.period.PeriodEarningIds} derives name-based ids (rebate,
 *       accelerator and cap adjustment from rule + partner + period; MDF reimbursement from its claim).</li>
 * </ul>
 *
 * <h2>Inputs and results</h2>
 * <ul>
 *   <li>{@code record PeriodDeal(String dealId, Instant closedAt, Money revenue, Money commission)} — one partner's
 *       credited revenue from one deal in the period, in the rule's base currency (negative for a reversal booked in
 *       the period); {@code commission} = commission already accrued for that deal under the accelerated rule
 *       (payout currency), {@code null} when irrelevant ({@code PeriodDeal.of(id, closedAt, revenue)}).
 *       {@code PeriodDeal.ORDER} is the deterministic order.</li>
 *   <li>{@code record Step(String description, String expression, String value, String unit)}</li>
 *   <li>{@code record PeriodResult(Money amount, List<Step> steps, Map<String,String> inputs, String summary)}</li>
 * </ul>
 *
 * <h2>Volume rebate</h2>
 * {@code enum RebateMode { RETROACTIVE, MARGINAL }};
 * {@code record RebateBand(BigDecimal fromInclusive, BigDecimal toExclusive, BigDecimal rate)} (bounds in the base
 * currency's units, {@code toExclusive == null} = open-ended, rate a fraction 0..1).
 * <ul>
 *   <li>{@code VolumeRebate.validate(List<RebateBand>)}: non-empty; the first band starts at 0; each band ends above
 *       where it starts; each band starts exactly where the previous ends (contiguous, increasing); only the last
 *       band may be open-ended (a closed last band is allowed too); rates within 0..1. Otherwise
 *       {@code IllegalArgumentException} naming the band (1-based) and the problem.</li>
 *   <li>{@code VolumeRebate.settle(RebateMode, List<RebateBand>, List<PeriodDeal>, Currency baseCurrency)}: net
 *       revenue R = sum of all deals' revenue (every revenue must be in {@code baseCurrency}). R &lt;= 0 → zero.
 *       RETROACTIVE: the band containing R ({@code from <= R < to}; R exactly at an edge is in the upper band) gives
 *       its rate on ALL of R; if R is at or beyond the end of a closed last band, the last band's rate applies.
 *       MARGINAL: sum over bands of rate × (portion of R inside the band); revenue beyond a closed last band earns
 *       nothing. The amount is in {@code baseCurrency} (FX to the payout currency is the caller's job). With rates
 *       non-decreasing across bands, marginal &lt;= retroactive.</li>
 * </ul>
 *
 * <h2>Accelerator</h2>
 * {@code Accelerator.settle(Money target, BigDecimal multiplier, List<PeriodDeal> deals, Currency payoutCurrency)}:
 * target (base currency, &gt;= 0) and all deal revenues share one currency; every deal needs a commission in
 * {@code payoutCurrency} (use zero when none accrued); multiplier &gt;= 1. Deals are walked in ORDER accumulating
 * revenue; for each deal the signed portion of its revenue above the target,
 * {@code max(0, after - target) - max(0, before - target)}, earns
 * {@code (multiplier - 1) × commission × portion / revenue} (zero for zero revenue). The result is the EXTRA
 * commission for the period (one period earning, may be negative when reversals take revenue back below target),
 * summed exactly and rounded once. The explanation lists the first {@code Accelerator.MAX_DEAL_STEPS} (50)
 * contributing deals one step each and sums the rest in one step.
 *
 * <h2>Caps</h2>
 * {@code CapSettlement.settle(Money cap, List<CappedEarning>)} with
 * {@code record CappedEarning(String earningId, String dealId, Instant closedAt, Money amount)} (all in the cap's
 * currency, cap &gt;= 0, unique earning ids): total = sum of amounts; if total &gt; cap, ONE negative
 * {@code adjustment = cap - total}, attributed as {@code record Cut(String earningId, Money amount)} (negative
 * amounts) to the LATEST earnings first (order closedAt, dealId, earningId, walked backwards), each earning cut at
 * most down to zero (negative earnings are never cut), cuts summing exactly to the adjustment; otherwise a zero
 * adjustment and no cuts. Result: {@code record CapResult(Money total, Money cap, Money adjustment, List<Cut> cuts,
 * List<Step> steps)} (plus {@code capped()} and a partner sentence {@code summary()}), cuts listed latest first.
 * {@code CapSettlement.capAmount(Money cap, Money amount)} caps a
 * single period earning: {@code min(amount, cap)} (a negative amount is returned unchanged).
 *
 * <h2>MDF</h2>
 * {@code record MdfAllocation(Money fixed, BigDecimal percentOfPriorRevenue)}: exactly one set; the percent is a
 * PERCENTAGE (5 = 5 %). {@code MdfFund.allocation(rule, priorPeriodRevenue, currency)}: the fixed amount (must be in
 * {@code currency}), or percent/100 × prior revenue (prior revenue must be in {@code currency}; &lt;= 0 → zero),
 * rounded once; {@code MdfFund.explainAllocation(...)} gives the same amount as a {@code PeriodResult} with
 * steps and a summary.
 * <p>{@link io.partnerflow.incentive.domain.period.MdfFund} is a small MUTABLE aggregate (not thread-safe): create
 * it with {@code open(allocated)} or rebuild it from stored state with {@code restore(...)}, apply one operation,
 * store {@code requests()}/{@code claims()}/{@code status()} back. Each operation validates everything first and
 * either changes the fund or throws {@code MdfException} leaving it unchanged. Ids are the caller's (unique per
 * fund; reusing one is refused).
 * <ul>
 *   <li>{@code request(id, amount)}: amount &gt; 0 and &lt;= {@code availableToRequest()} = allocated − approved
 *       amounts of APPROVED requests − amounts of pending (REQUESTED) requests. So approved requests never exceed
 *       the allocation.</li>
 *   <li>{@code approveRequest(id)} / {@code approveRequest(id, approvedAmount)} (0 &lt; approved &lt;= requested):
 *       REQUESTED → APPROVED. {@code rejectRequest(id)}: REQUESTED → REJECTED (frees the reservation).</li>
 *   <li>{@code claim(id, requestId, claimedAmount, proofRef)}: request must be APPROVED; proofRef non-blank;
 *       0 &lt; claimed &lt;= {@code unclaimedOf(requestId)} = request's approved amount − approved reimbursements −
 *       pending (SUBMITTED) claimed amounts on it. → SUBMITTED.</li>
 *   <li>{@code approveClaim(id)} / {@code approveClaim(id, approvedAmount)} (0 &lt; approved &lt;= claimed):
 *       SUBMITTED → APPROVED; returns {@code Reimbursement(claim, amount)} with amount =
 *       min(approved claim amount, the request's approved amount − reimbursements already made on it, fund
 *       {@code remaining()} = allocated − all reimbursements); the claim's {@code approvedAmount} is that
 *       reimbursement. {@code rejectClaim(id)}: SUBMITTED → REJECTED.</li>
 *   <li>{@code expire(periodEnd)}: OPEN → EXPIRED; pending requests become EXPIRED; returns the unclaimed amount =
 *       allocated − reimbursed − claimed amounts of still-SUBMITTED claims (claims submitted in time may still be
 *       approved or rejected after expiry; whatever they do not use expires too, see {@code expiredAmount()}).
 *       After expiry new requests, approvals of requests and new claims are refused; expiring twice is refused.</li>
 * </ul>
 * Every transition from a wrong status, an unknown id, an over-limit amount, a missing proof, or an operation on an
 * expired fund throws {@code MdfException} with a message saying what and why and a {@code reason()}
 * ({@code NOT_FOUND} → 404; {@code DUPLICATE}, {@code ILLEGAL_STATUS}, {@code EXPIRED} → 409; {@code OVER_LIMIT},
 * {@code PROOF_MISSING} → 409 or 422). Malformed arguments (blank id, amount not positive, wrong currency) are
 * {@code IllegalArgumentException}. Read-only: {@code allocated()}, {@code currency()}, {@code reimbursed()},
 * {@code remaining()}, {@code availableToRequest()}, {@code unclaimedOf(requestId)}, {@code expiredAmount()},
 * {@code status()}, {@code expiredAt()}, {@code requests()}, {@code claims()}, {@code requestById(id)},
 * {@code claimById(id)}. Records: {@code Request(id, amount, status, approvedAmount)},
 * {@code Claim(id, requestId, claimedAmount, proofRef, status, approvedAmount)},
 * {@code Reimbursement(claim, amount)}; enums {@code RequestStatus {REQUESTED, APPROVED, REJECTED, EXPIRED}},
 * {@code ClaimStatus {SUBMITTED, APPROVED, REJECTED}}, {@code FundStatus {OPEN, EXPIRED}}.
 *
 * <h2>Periods</h2>
 * {@code enum Granularity { MONTH, QUARTER, YEAR }} ({@code Granularity.of("month")} any case, {@code code()} lower
 * case);
 * {@code record CalendarPeriod(Granularity granularity, int year, int number)} with {@code id()},
 * {@code firstDay()}, {@code lastDay()} (inclusive), {@code endExclusive()}, {@code startInstant(zone)},
 * {@code endInstant(zone)} (exclusive), {@code previous()}, {@code next()}, {@code encloses(CalendarPeriod)}, {@code months()}, {@code contains(LocalDate)},
 * {@code contains(Instant, zone)}. {@code Periods}: {@code parse("2026-03" | "2026-Q1" | "2026")},
 * {@code format(period)}, {@code granularityOf(id)}, {@code firstDay(id)}, {@code lastDay(id)},
 * {@code startInstant(id, zone)}, {@code endInstant(id, zone)}, {@code periodOf(Instant, ZoneId, Granularity)},
 * {@code periodIdOf(...)}, {@code previous(id)}, {@code next(id)}, {@code contains(id, Instant, zone)},
 * {@code contains(id, LocalDate)}.
 */
package io.partnerflow.incentive.domain.period;
