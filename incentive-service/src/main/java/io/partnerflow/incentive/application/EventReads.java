package io.partnerflow.incentive.application;

import io.partnerflow.contracts.EventJson;
import io.partnerflow.contracts.attribution.DealAttributed;
import io.partnerflow.contracts.attribution.DealAttributionReversed;
import io.partnerflow.contracts.attribution.DealReattributed;
import io.partnerflow.incentive.domain.calc.ActiveProgram;
import io.partnerflow.incentive.domain.Facts;
import io.partnerflow.incentive.domain.RewardCalculator;
import io.partnerflow.platform.persistence.Db;
import io.partnerflow.platform.messaging.BatchMemo;
import io.smallrye.mutiny.Uni;

import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The reads the work of ONE inbound event needs, made once per event inside its transaction instead of once per
 * credited partner: the event itself (kept in memory when it was just stored, not read back), the program catalog,
 * the closed periods, the FX table of a date, and — prefetched with one query each — the partners and their tiers
 * as of the deal's close. Nothing the work writes changes any of these, so each partner sees exactly what a fresh
 * read would have shown. Not shared across transactions (a new instance per event or per queued attempt); the catalog,
 * the closed periods and the FX tables are read once per consumer BATCH ({@link BatchMemo}).
 */
final class EventReads {
    private final Reference ref;
    private final ProgramCatalog catalog;
    private final Map<String, Object> events = new HashMap<>();
    private final Map<LocalDate, Uni<Facts.FxTable>> fx = new HashMap<>();
    private Uni<List<ActiveProgram>> programs;
    private Uni<Set<String>> closed;
    private Map<String, Facts.Partner> partners;
    private Instant tiersAt;
    private Map<String, Facts.Tier> tiers;

    EventReads(Reference ref, ProgramCatalog catalog) {
        this.ref = ref;
        this.catalog = catalog;
    }

    /** An event stored in this transaction: its payload need not be read back and parsed again. */
    EventReads withEvent(String eventKey, Object event) {
        events.put(eventKey, event);
        return this;
    }

    /** Prefetches the partners and their tiers as of {@code closedAt} (two queries for every partner of the event). */
    Uni<EventReads> prefetch(List<String> partnerIds, Instant closedAt) {
        if (partnerIds.isEmpty()) {
            return Uni.createFrom().item(this);
        }
        return ref.partners(partnerIds).chain(p -> ref.tiersAsOf(partnerIds, closedAt).map(t -> {
            partners = p;
            tiersAt = closedAt;
            tiers = t;
            return this;
        }));
    }

    /** The stored event of {@code eventKey}, parsed as its kind. */
    Uni<Object> event(String eventKey, String kind) {
        Object known = events.get(eventKey);
        if (known != null) {
            return Uni.createFrom().item(known);
        }
        return Db.strings("select payload from attribution_event where event_key = ?1", eventKey).map(payloads -> {
            String payload = payloads.get(0);
            Object parsed = switch (kind) {
                case EarningEngine.ATTRIBUTED -> EventJson.readString(payload, DealAttributed.class);
                case EarningEngine.REVERSED -> EventJson.readString(payload, DealAttributionReversed.class);
                case EarningEngine.REATTRIBUTED -> EventJson.readString(payload, DealReattributed.class);
                case EarningEngine.CERTIFICATION -> EventJson.readString(payload, RewardCalculator.Certification.class);
                case EarningEngine.ACTIVITY -> EventJson.readString(payload, RewardCalculator.Activity.class);
                case EarningEngine.CHALLENGE -> EventJson.readString(payload, io.partnerflow.contracts.analytics.ChallengeCompleted.class);
                default -> throw new IllegalStateException("unknown work kind " + kind);
            };
            events.put(eventKey, parsed);
            return parsed;
        });
    }

    /** The partner, or null when it is not known (yet). */
    Uni<Facts.Partner> partner(String partnerId) {
        if (partners != null && partners.containsKey(partnerId)) {
            return Uni.createFrom().item(partners.get(partnerId));
        }
        return ref.partner(partnerId);
    }

    Uni<Facts.Tier> tierAsOf(String partnerId, Instant at) {
        if (tiers != null && at.equals(tiersAt) && tiers.containsKey(partnerId)) {
            return Uni.createFrom().item(tiers.get(partnerId));
        }
        return ref.tierAsOf(partnerId, at);
    }

    Uni<Facts.FxTable> fxTable(LocalDate date) {
        return fx.computeIfAbsent(date, d -> BatchMemo.get("incentive.fx." + d, () -> ref.fxTable(d)));
    }

    Uni<List<ActiveProgram>> programs() {
        if (programs == null) {
            programs = BatchMemo.get("incentive.programs", catalog::all); // once per consumer batch
        }
        return programs;
    }

    Uni<Set<String>> closedPeriods() {
        if (closed == null) {
            closed = BatchMemo.get("incentive.closed-periods", ref::closedPeriods);
        }
        return closed;
    }
}
