package io.partnerflow.partner.application;

import io.partnerflow.contracts.EventType;
import io.partnerflow.contracts.attribution.Credit;
import io.partnerflow.contracts.attribution.DealAttributed;
import io.partnerflow.contracts.attribution.DealAttributionReversed;
import io.partnerflow.contracts.attribution.DealContext;
import io.partnerflow.contracts.attribution.DealReattributed;
import io.partnerflow.contracts.deal.DealRegistrationApproved;
import io.partnerflow.contracts.reference.FxRateCorrected;
import io.partnerflow.contracts.reference.FxRatePublished;
import io.partnerflow.core.money.Money;
import io.partnerflow.partner.domain.tier.FxTable;
import io.partnerflow.partner.domain.tier.MetricFacts;
import io.partnerflow.partner.persistence.CertificationEntity;
import io.partnerflow.platform.messaging.EventEnvelope;
import io.partnerflow.platform.messaging.PoisonMessageException;
import io.partnerflow.platform.persistence.Db;
import io.partnerflow.platform.persistence.Pg;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The dated facts tier metrics are computed from, written by the consumers (inside the consumer's transaction,
 * after the inbox dedupe; natural keys with {@code on conflict do nothing} back the dedupe) and read by the
 * evaluation. Credits and reversals are dated by the deal's close date; a re-attribution supersedes the
 * attribution it names (its credits and reversals stop counting) and adds its own full credits.
 */
@ApplicationScoped
public class MetricFactsStore {
    private static final String UPSERT_RATE = """
            insert into fx_rate (from_ccy, to_ccy, rate_date, rate, source, published_at, event_id)
            values (?1, ?2, ?3, cast(cast(?4 as text) as numeric), ?5, ?6, ?7)
            on conflict (from_ccy, to_ccy, rate_date) do update
               set rate = excluded.rate, source = excluded.source, published_at = excluded.published_at,
                   event_id = excluded.event_id
             where fx_rate.published_at <= excluded.published_at""";

    // ---- consumers (run inside EventConsumer's transaction)

    /**
     * A chunk of attribution.events (offset order, duplicates removed; issue #16): every credit and reversal becomes
     * a revenue fact and every re-attribution a supersession, written with ONE multi-row statement per table (two per
     * chunk instead of one or two per event). Both tables are insert-only with natural keys, so the order of the rows
     * does not matter; a record with missing or malformed data fails the chunk (PoisonMessageException), which the
     * consumer bisects to dead-letter it alone.
     */
    public Uni<Void> applyAttributionEvents(List<EventEnvelope> events) {
        RevenueRows revenue = new RevenueRows();
        List<String> superseded = new ArrayList<>();
        List<String> supersededBy = new ArrayList<>();
        for (EventEnvelope e : events) {
            if (EventType.DEAL_ATTRIBUTED.type().equals(e.type())) {
                DealAttributed a = e.dataAs(DealAttributed.class);
                revenue.add(e, a.attributionId(), a.deal(), a.credits(), "credit", a.attributionId());
            } else if (EventType.DEAL_ATTRIBUTION_REVERSED.type().equals(e.type())) {
                DealAttributionReversed r = e.dataAs(DealAttributionReversed.class);
                revenue.add(e, r.attributionId(), r.deal(), r.credits(), "reversal", r.reversalId());
            } else if (EventType.DEAL_REATTRIBUTED.type().equals(e.type())) {
                DealReattributed r = e.dataAs(DealReattributed.class);
                require(r.supersedesAttributionId(), "supersedesAttributionId", e);
                revenue.add(e, r.attributionId(), r.deal(), r.credits(), "credit", r.attributionId());
                superseded.add(r.supersedesAttributionId());
                supersededBy.add(r.attributionId());
            } // other types are not for tier metrics
        }
        Uni<Void> supersessions = superseded.isEmpty() ? Uni.createFrom().voidItem()
                : Pg.exec(SUPERSEDE_ALL, (Object) superseded.toArray(String[]::new), (Object) supersededBy.toArray(String[]::new))
                .replaceWithVoid();
        return supersessions.chain(revenue::insert);
    }

    /** A chunk of deal.events: the approved registrations as facts, in one statement (other deal events count for nothing). */
    public Uni<Void> applyDealEvents(List<EventEnvelope> events) {
        List<String> ids = new ArrayList<>(), partners = new ArrayList<>(), approvedAt = new ArrayList<>(), eventIds = new ArrayList<>();
        for (EventEnvelope e : events) {
            if (!EventType.DEAL_REGISTRATION_APPROVED.type().equals(e.type())) {
                continue; // only approvals count towards tiers
            }
            DealRegistrationApproved a = e.dataAs(DealRegistrationApproved.class);
            require(a.registrationId(), "registrationId", e);
            require(a.approvedAt(), "approvedAt", e);
            ids.add(a.registrationId());
            partners.add(uuid(a.partnerId(), e).toString());
            approvedAt.add(a.approvedAt().toString());
            eventIds.add(e.id());
        }
        if (ids.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return Pg.exec(INSERT_REGISTRATIONS, ids.toArray(String[]::new), partners.toArray(String[]::new),
                approvedAt.toArray(String[]::new), eventIds.toArray(String[]::new)).replaceWithVoid();
    }

    private static final String SUPERSEDE_ALL = """
            insert into attribution_supersession (superseded_id, superseded_by)
            select * from unnest($1::text[], $2::text[]) on conflict (superseded_id) do nothing""";
    // approved_on is the UTC date of approved_at, as the single-row path wrote it
    private static final String INSERT_REGISTRATIONS = """
            insert into registration_fact (registration_id, partner_id, approved_on, approved_at, event_id)
            select r, p::uuid, (a::timestamptz at time zone 'UTC')::date, a::timestamptz, e
              from unnest($1::text[], $2::text[], $3::text[], $4::text[]) as x(r, p, a, e)
            on conflict (registration_id) do nothing""";
    private static final String INSERT_REVENUE = """
            insert into revenue_fact (fact_key, partner_id, deal_id, attribution_id, kind, closed_on, amount, currency,
                                      sourced, event_id)
            select k, p::uuid, d, a, kd, c::date, am::numeric, cu, s, e
              from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[],
                          $9::boolean[], $10::text[]) as x(k, p, d, a, kd, c, am, cu, s, e)
            on conflict (fact_key) do nothing""";

    /** The revenue facts of a chunk, column by column, for one {@link #INSERT_REVENUE}. */
    private static final class RevenueRows {
        final List<String> keys = new ArrayList<>(), partners = new ArrayList<>(), deals = new ArrayList<>(),
                attributions = new ArrayList<>(), kinds = new ArrayList<>(), closedOn = new ArrayList<>(),
                amounts = new ArrayList<>(), currencies = new ArrayList<>(), eventIds = new ArrayList<>();
        final List<Boolean> sourced = new ArrayList<>();

        void add(EventEnvelope e, String attributionId, DealContext deal, List<Credit> credits, String kind, String factId) {
            require(attributionId, "attributionId", e);
            require(factId, "id", e);
            require(deal, "deal", e);
            require(deal.closedAt(), "deal.closedAt", e);
            require(deal.dealId(), "deal.dealId", e);
            String closed = LocalDate.ofInstant(deal.closedAt(), ZoneOffset.UTC).toString();
            if (credits == null) {
                return;
            }
            for (Credit c : credits) {
                require(c.amount(), "credits.amount", e);
                UUID partner = uuid(c.partnerId(), e);
                keys.add(kind + "|" + factId + "|" + partner);
                partners.add(partner.toString());
                deals.add(deal.dealId());
                attributions.add(attributionId);
                kinds.add(kind);
                closedOn.add(closed);
                amounts.add(c.amount().amountString());
                currencies.add(c.amount().currencyCode());
                sourced.add("sourced".equals(c.role()));
                eventIds.add(e.id());
            }
        }

        Uni<Void> insert() {
            if (keys.isEmpty()) {
                return Uni.createFrom().voidItem();
            }
            return Pg.exec(INSERT_REVENUE, keys.toArray(String[]::new), partners.toArray(String[]::new),
                    deals.toArray(String[]::new), attributions.toArray(String[]::new), kinds.toArray(String[]::new),
                    closedOn.toArray(String[]::new), amounts.toArray(String[]::new), currencies.toArray(String[]::new),
                    sourced.toArray(Boolean[]::new), eventIds.toArray(String[]::new)).replaceWithVoid();
        }
    }

    public Uni<Void> applyReferenceEvent(EventEnvelope e) {
        if (EventType.FX_RATE_CORRECTED.type().equals(e.type())) {
            return applyCorrection(e);
        }
        if (!EventType.FX_RATE_PUBLISHED.type().equals(e.type())) {
            return Uni.createFrom().voidItem();
        }
        FxRatePublished r = e.dataAs(FxRatePublished.class);
        require(r.date(), "date", e);
        require(r.rate(), "rate", e);
        if (r.rate().signum() <= 0) {
            throw new PoisonMessageException("rate must be positive in " + e.type() + " " + e.id());
        }
        try {
            Money.currencyOf(r.from());
            Money.currencyOf(r.to());
        } catch (IllegalArgumentException ex) {
            throw new PoisonMessageException(ex.getMessage() + " in " + e.type() + " " + e.id());
        }
        Instant published = r.publishedAt() != null ? r.publishedAt() : e.time() != null ? e.time() : Instant.EPOCH;
        return Db.exec(UPSERT_RATE, r.from(), r.to(), r.date(), r.rate().toPlainString(), r.source(),
                OffsetDateTime.ofInstant(published, ZoneOffset.UTC), e.id()).replaceWithVoid();
    }

    /** A corrected rate replaces the stored one; a withdrawn rate is removed (the latest earlier rate applies). */
    private Uni<Void> applyCorrection(EventEnvelope e) {
        FxRateCorrected c = e.dataAs(FxRateCorrected.class);
        require(c.date(), "date", e);
        require(c.correctedAt(), "correctedAt", e);
        OffsetDateTime at = OffsetDateTime.ofInstant(c.correctedAt(), ZoneOffset.UTC);
        if (FxRateCorrected.WITHDRAWN.equals(c.action())) {
            return Db.exec("delete from fx_rate where from_ccy = ?1 and to_ccy = ?2 and rate_date = ?3 and published_at <= ?4",
                    c.from(), c.to(), c.date(), at).replaceWithVoid();
        }
        require(c.rate(), "rate", e);
        if (c.rate().signum() <= 0 || !FxRateCorrected.CORRECTED.equals(c.action())) {
            throw new PoisonMessageException("a correction needs action corrected and a positive rate in " + e.type() + " " + e.id());
        }
        return Db.exec(UPSERT_RATE, c.from(), c.to(), c.date(), c.rate().toPlainString(), "correction v" + c.version(), at,
                e.id()).replaceWithVoid();
    }

    // ---- evaluation (read)

    /** The partner's facts with dates in {@code [from, toExclusive)}, and every certification. Must run in a session. */
    public Uni<MetricFacts> load(UUID partnerId, LocalDate from, LocalDate toExclusive) {
        String revenue = """
                select f.deal_id, cast(f.closed_on as text), cast(f.amount as text), f.currency,
                       case when f.sourced then 'y' else 'n' end
                  from revenue_fact f
                 where f.partner_id = ?1 and f.closed_on >= ?2 and f.closed_on < ?3
                   and not exists (select 1 from attribution_supersession s where s.superseded_id = f.attribution_id)""";
        String registrations = """
                select registration_id, cast(approved_on as text) from registration_fact
                 where partner_id = ?1 and approved_on >= ?2 and approved_on < ?3""";
        return Db.rows(revenue, partnerId, from, toExclusive)
                        .chain(rev -> Db.rows(registrations, partnerId, from, toExclusive)
                                .chain(reg -> CertificationEntity.<CertificationEntity>list("partnerId", partnerId)
                                        .map(certs -> new MetricFacts(
                                                rev.stream().map(r -> new MetricFacts.RevenueFact((String) r[0],
                                                        LocalDate.parse((String) r[1]),
                                                        Money.of(new BigDecimal((String) r[2]), ((String) r[3]).trim()),
                                                        "y".equals(r[4]))).toList(),
                                                reg.stream().map(r -> new MetricFacts.RegistrationFact((String) r[0],
                                                        LocalDate.parse((String) r[1]))).toList(),
                                                certs.stream().map(c -> new MetricFacts.CertificationFact(c.personId,
                                                        c.certificationCode, c.completedAt, c.expiresAt)).toList()))));
    }

    /** Rates into {@code to} from {@code currencies}, dated before {@code beforeExclusive}. Must run in a session. */
    public Uni<FxTable> rates(Set<String> currencies, String to, LocalDate beforeExclusive) {
        if (currencies.isEmpty()) {
            return Uni.createFrom().item(new FxTable(List.of()));
        }
        String sql = """
                select from_ccy, to_ccy, cast(rate_date as text), cast(rate as text) from fx_rate
                 where to_ccy = ?1 and from_ccy in (?2) and rate_date < ?3""";
        return Db.rows(sql, to, List.copyOf(currencies), beforeExclusive)
                .map(rows -> new FxTable(rows.stream().map(r -> new FxTable.Rate(((String) r[0]).trim(),
                        ((String) r[1]).trim(), LocalDate.parse((String) r[2]), new BigDecimal((String) r[3]))).toList()));
    }

    private static UUID uuid(String raw, EventEnvelope e) {
        try {
            return UUID.fromString(raw);
        } catch (RuntimeException ex) {
            throw new PoisonMessageException("partnerId '" + raw + "' is not a UUID in " + e.type() + " " + e.id());
        }
    }

    private static void require(Object value, String field, EventEnvelope e) {
        if (value == null) {
            throw new PoisonMessageException("missing " + field + " in " + e.type() + " " + e.id());
        }
    }
}
