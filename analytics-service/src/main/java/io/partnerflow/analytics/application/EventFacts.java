package io.partnerflow.analytics.application;

import io.partnerflow.analytics.domain.Fact;
import io.partnerflow.analytics.domain.Metric;
import io.partnerflow.contracts.EventType;
import io.partnerflow.contracts.attribution.Credit;
import io.partnerflow.contracts.attribution.DealAttributed;
import io.partnerflow.contracts.attribution.DealAttributionReversed;
import io.partnerflow.contracts.attribution.DealContext;
import io.partnerflow.contracts.attribution.DealReattributed;
import io.partnerflow.contracts.deal.DealRegistrationApproved;
import io.partnerflow.contracts.deal.DealRegistrationExpired;
import io.partnerflow.contracts.deal.DealRegistrationRejected;
import io.partnerflow.contracts.deal.DealRegistrationSubmitted;
import io.partnerflow.contracts.incentive.EarningAccrued;
import io.partnerflow.contracts.incentive.EarningAdjusted;
import io.partnerflow.contracts.incentive.EarningReversed;
import io.partnerflow.contracts.incentive.MdfAllocated;
import io.partnerflow.contracts.incentive.MdfClaimApproved;
import io.partnerflow.contracts.incentive.MdfClaimSubmitted;
import io.partnerflow.contracts.payout.PayoutPaid;
import io.partnerflow.core.money.Money;
import io.partnerflow.platform.messaging.EventEnvelope;
import io.partnerflow.platform.messaging.PoisonMessageException;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

/**
 * Maps a consumed event to the scorecard facts it carries (none for types the scorecards do not use). Data that
 * breaks the contract (a partner id that is not a UUID, a missing date or amount) is poison: dead-lettered with
 * the reason, never half-applied.
 */
final class EventFacts {
    private EventFacts() {
    }

    static List<Fact> of(EventEnvelope e) {
        EventType type = EventType.find(e.type()).orElse(null);
        if (type == null) {
            return List.of(); // a type this version does not know: consumers ignore what they do not use
        }
        switch (type) {
            case DEAL_ATTRIBUTED -> {
                DealAttributed a = e.dataAs(DealAttributed.class);
                return List.of(attribution(e, a.dealId(), a.attributionId(), null, a.deal(), a.credits()));
            }
            case DEAL_REATTRIBUTED -> {
                DealReattributed a = e.dataAs(DealReattributed.class);
                require(a.supersedesAttributionId(), "supersedesAttributionId", e);
                return List.of(attribution(e, a.dealId(), a.attributionId(), a.supersedesAttributionId(), a.deal(), a.credits()));
            }
            case DEAL_ATTRIBUTION_REVERSED -> {
                DealAttributionReversed r = e.dataAs(DealAttributionReversed.class);
                require(r.dealId(), "dealId", e);
                require(r.attributionId(), "attributionId", e);
                return List.of(new Fact.Reversal(r.dealId(), r.attributionId(), r.reversalId(), shares(e, r.credits())));
            }
            case EARNING_ACCRUED -> {
                EarningAccrued x = e.dataAs(EarningAccrued.class);
                return List.of(amount(e, x.partnerId(), Metric.EARNINGS_ACCRUED, x.accruedAt(), x.amount()));
            }
            case EARNING_REVERSED -> {
                EarningReversed x = e.dataAs(EarningReversed.class);
                return List.of(amount(e, x.partnerId(), Metric.EARNINGS_CLAWED_BACK, x.reversedAt(), x.amount()));
            }
            case EARNING_ADJUSTED -> {
                EarningAdjusted x = e.dataAs(EarningAdjusted.class);
                return List.of(amount(e, x.partnerId(), Metric.EARNINGS_ADJUSTED, x.adjustedAt(), x.amount()));
            }
            case MDF_ALLOCATED -> {
                MdfAllocated x = e.dataAs(MdfAllocated.class);
                return List.of(amount(e, x.partnerId(), Metric.MDF_ALLOCATED, x.allocatedAt(), x.allocated()));
            }
            case MDF_CLAIM_SUBMITTED -> {
                MdfClaimSubmitted x = e.dataAs(MdfClaimSubmitted.class);
                return List.of(amount(e, x.partnerId(), Metric.MDF_CLAIMED, x.submittedAt(), x.claimed()));
            }
            case MDF_CLAIM_APPROVED -> {
                MdfClaimApproved x = e.dataAs(MdfClaimApproved.class);
                Fact reimbursed = amount(e, x.partnerId(), Metric.MDF_REIMBURSED, x.approvedAt(), x.reimbursed());
                List<String> deals = x.dealIds() == null ? List.of() : x.dealIds().stream().filter(d -> d != null && !d.isBlank()).toList();
                return deals.isEmpty() ? List.of(reimbursed) : List.of(reimbursed, new Fact.MdfCampaign(partner(x.partnerId(), e), deals));
            }
            case PAYOUT_PAID -> {
                PayoutPaid x = e.dataAs(PayoutPaid.class);
                return List.of(amount(e, x.partnerId(), Metric.PAID, x.paidAt(), x.amount()));
            }
            case DEAL_REGISTRATION_SUBMITTED -> {
                DealRegistrationSubmitted x = e.dataAs(DealRegistrationSubmitted.class);
                require(x.submittedAt(), "submittedAt", e);
                return List.of(new Fact.Count(partner(x.partnerId(), e), Metric.REGISTRATIONS_SUBMITTED, day(x.submittedAt())));
            }
            case DEAL_REGISTRATION_APPROVED -> {
                DealRegistrationApproved x = e.dataAs(DealRegistrationApproved.class);
                require(x.approvedAt(), "approvedAt", e);
                return List.of(new Fact.Count(partner(x.partnerId(), e), Metric.REGISTRATIONS_APPROVED, day(x.approvedAt())));
            }
            case DEAL_REGISTRATION_REJECTED -> {
                DealRegistrationRejected x = e.dataAs(DealRegistrationRejected.class);
                require(x.rejectedAt(), "rejectedAt", e);
                String partner = partner(x.partnerId(), e);
                LocalDate on = day(x.rejectedAt());
                return x.conflictingRegistrationId() == null ? List.of(new Fact.Count(partner, Metric.REGISTRATIONS_REJECTED, on))
                        : List.of(new Fact.Count(partner, Metric.REGISTRATIONS_REJECTED, on), new Fact.Count(partner, Metric.REGISTRATIONS_CONFLICTED, on));
            }
            case DEAL_REGISTRATION_EXPIRED -> {
                DealRegistrationExpired x = e.dataAs(DealRegistrationExpired.class);
                require(x.expiredAt(), "expiredAt", e);
                return List.of(new Fact.Count(partner(x.partnerId(), e), Metric.REGISTRATIONS_EXPIRED, day(x.expiredAt())));
            }
            default -> {
                return List.of();
            }
        }
    }

    private static Fact.Attribution attribution(EventEnvelope e, String dealId, String attributionId, String supersedes,
                                                DealContext deal, List<Credit> credits) {
        require(dealId, "dealId", e);
        require(attributionId, "attributionId", e);
        require(deal, "deal", e);
        require(deal.closedAt(), "deal.closedAt", e);
        require(deal.amount(), "deal.amount", e);
        return new Fact.Attribution(dealId, attributionId, supersedes, day(deal.closedAt()), deal.amount().currencyCode(),
                shares(e, credits), isNewLogo(deal.dealType()));
    }

    private static List<Fact.Share> shares(EventEnvelope e, List<Credit> credits) {
        return credits.stream().map(c -> {
            require(c.amount(), "credits.amount", e);
            return new Fact.Share(partner(c.partnerId(), e), "sourced".equals(c.role()) ? "sourced" : "influenced",
                    c.amount().amount());
        }).toList();
    }

    private static Fact.Amount amount(EventEnvelope e, String partnerId, Metric metric, Instant at, Money amount) {
        require(at, "date", e);
        require(amount, "amount", e);
        return new Fact.Amount(partner(partnerId, e), metric, day(at), amount.currencyCode(), amount.amount());
    }

    /** A new logo: a deal with a customer that was not one before (deal type {@code new_business}, or {@code new_logo}). */
    static boolean isNewLogo(String dealType) {
        return "new_business".equals(dealType) || "new_logo".equals(dealType);
    }

    static String partner(String raw, EventEnvelope e) {
        try {
            return UUID.fromString(raw).toString();
        } catch (RuntimeException ex) {
            throw new PoisonMessageException("partnerId '" + raw + "' is not a UUID in " + e.type() + " " + e.id());
        }
    }

    static LocalDate day(Instant at) {
        return LocalDate.ofInstant(at, ZoneOffset.UTC);
    }

    static void require(Object value, String field, EventEnvelope e) {
        if (value == null) {
            throw new PoisonMessageException(field + " is missing in " + e.type() + " " + e.id());
        }
    }
}
