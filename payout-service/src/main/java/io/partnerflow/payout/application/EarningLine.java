package io.partnerflow.payout.application;

import io.partnerflow.contracts.EventJson;
import io.partnerflow.contracts.incentive.EarningAccrued;
import io.partnerflow.contracts.incentive.EarningAdjusted;
import io.partnerflow.contracts.incentive.EarningReversed;
import io.partnerflow.contracts.incentive.EarningSource;
import io.partnerflow.core.money.Money;
import io.partnerflow.platform.messaging.PoisonMessageException;

import java.time.Instant;
import java.util.UUID;

/** One earning line as booked: from earning.accrued / reversed / adjusted, or a dispute's adjustment. */
public record EarningLine(UUID earningId, String partnerId, String lineType, String kind, Money amount,
                          UUID relatedEarningId, String dealId, String dealName, String attributionId, Instant closedAt,
                          String bookingPeriod, String summary, Instant occurredAt, String payload) {

    public static EarningLine of(EarningAccrued e, String payload) {
        require(e.earningId(), e.partnerId(), e.amount(), e.accruedAt());
        return new EarningLine(uuid(e.earningId()), e.partnerId(), "accrued", e.kind(), e.amount(), null,
                dealId(e.source()), dealName(e.source()), attribution(e.source()), closedAt(e.source()), e.bookingPeriod(),
                e.explanation() == null ? null : e.explanation().summary(), e.accruedAt(), payload);
    }

    public static EarningLine of(EarningReversed e, String payload) {
        require(e.earningId(), e.partnerId(), e.amount(), e.reversedAt());
        if (e.amount().isPositive()) {
            throw new PoisonMessageException("earning.reversed " + e.earningId() + " has a positive amount " + e.amount());
        }
        return new EarningLine(uuid(e.earningId()), e.partnerId(), "reversed", e.kind(), e.amount(),
                e.reversesEarningId() == null ? null : uuid(e.reversesEarningId()), dealId(e.source()), dealName(e.source()),
                attribution(e.source()), closedAt(e.source()), e.bookingPeriod(),
                e.reason() != null ? e.reason() : e.explanation() == null ? null : e.explanation().summary(),
                e.reversedAt(), payload);
    }

    public static EarningLine of(EarningAdjusted e, String payload) {
        require(e.earningId(), e.partnerId(), e.amount(), e.adjustedAt());
        return new EarningLine(uuid(e.earningId()), e.partnerId(), "adjusted", e.kind(), e.amount(),
                e.adjustsEarningId() == null ? null : uuid(e.adjustsEarningId()), dealId(e.source()), dealName(e.source()),
                attribution(e.source()), closedAt(e.source()), e.bookingPeriod(),
                e.note() != null ? e.note() : e.explanation() == null ? null : e.explanation().summary(),
                e.adjustedAt(), payload);
    }

    public static EarningLine parse(String type, String json) {
        try {
            return parseUnchecked(type, json);
        } catch (PoisonMessageException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new PoisonMessageException("unreadable " + type + ": " + e.getMessage(), e);
        }
    }

    private static EarningLine parseUnchecked(String type, String json) {
        return switch (type) {
            case "partnerflow.earning.accrued.v1" -> of(EventJson.readString(json, EarningAccrued.class), json);
            case "partnerflow.earning.reversed.v1" -> of(EventJson.readString(json, EarningReversed.class), json);
            case "partnerflow.earning.adjusted.v1" -> of(EventJson.readString(json, EarningAdjusted.class), json);
            default -> throw new PoisonMessageException("not an earning type: " + type);
        };
    }

    private static void require(String id, String partnerId, Money amount, Instant at) {
        if (id == null || partnerId == null || partnerId.isBlank() || amount == null || at == null) {
            throw new PoisonMessageException("earning event lacks earningId, partnerId, amount or its time");
        }
        uuid(id);
    }

    private static UUID uuid(String s) {
        try {
            return UUID.fromString(s);
        } catch (IllegalArgumentException e) {
            throw new PoisonMessageException("not a UUID: " + s);
        }
    }

    private static String dealId(EarningSource s) {
        return s == null ? null : s.dealId();
    }

    private static String dealName(EarningSource s) {
        return s == null ? null : s.dealName();
    }

    private static String attribution(EarningSource s) {
        return s == null ? null : s.attributionId();
    }

    private static Instant closedAt(EarningSource s) {
        return s == null ? null : s.closedAt();
    }
}
