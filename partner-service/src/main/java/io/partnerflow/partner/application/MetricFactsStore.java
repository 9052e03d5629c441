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
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
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
    private static final int REVENUE_COLUMNS = 10;
    private static final String SUPERSEDE = """
            insert into attribution_supersession (superseded_id, superseded_by) values (?1, ?2)
            on conflict (superseded_id) do nothing""";
    private static final String INSERT_REGISTRATION = """
            insert into registration_fact (registration_id, partner_id, approved_on, approved_at, event_id)
            values (?1, ?2, ?3, ?4, ?5) on conflict (registration_id) do nothing""";
    private static final String UPSERT_RATE = """
            insert into fx_rate (from_ccy, to_ccy, rate_date, rate, source, published_at, event_id)
            values (?1, ?2, ?3, cast(cast(?4 as text) as numeric), ?5, ?6, ?7)
            on conflict (from_ccy, to_ccy, rate_date) do update
               set rate = excluded.rate, source = excluded.source, published_at = excluded.published_at,
                   event_id = excluded.event_id
             where fx_rate.published_at <= excluded.published_at""";

    // ---- consumers (run inside EventConsumer's transaction)

    public Uni<Void> applyAttributionEvent(EventEnvelope e) {
        if (EventType.DEAL_ATTRIBUTED.type().equals(e.type())) {
            DealAttributed a = e.dataAs(DealAttributed.class);
            return credits(e, a.attributionId(), a.deal(), a.credits(), "credit", a.attributionId());
        }
        if (EventType.DEAL_ATTRIBUTION_REVERSED.type().equals(e.type())) {
            DealAttributionReversed r = e.dataAs(DealAttributionReversed.class);
            return credits(e, r.attributionId(), r.deal(), r.credits(), "reversal", r.reversalId());
        }
        if (EventType.DEAL_REATTRIBUTED.type().equals(e.type())) {
            DealReattributed r = e.dataAs(DealReattributed.class);
            require(r.supersedesAttributionId(), "supersedesAttributionId", e);
            return Db.exec(SUPERSEDE, r.supersedesAttributionId(), r.attributionId())
                    .chain(() -> credits(e, r.attributionId(), r.deal(), r.credits(), "credit", r.attributionId()));
        }
        return Uni.createFrom().voidItem(); // not for tier metrics
    }

    public Uni<Void> applyDealEvent(EventEnvelope e) {
        if (!EventType.DEAL_REGISTRATION_APPROVED.type().equals(e.type())) {
            return Uni.createFrom().voidItem(); // only approvals count towards tiers
        }
        DealRegistrationApproved a = e.dataAs(DealRegistrationApproved.class);
        require(a.registrationId(), "registrationId", e);
        require(a.approvedAt(), "approvedAt", e);
        UUID partner = uuid(a.partnerId(), e);
        return Db.exec(INSERT_REGISTRATION, a.registrationId(), partner, LocalDate.ofInstant(a.approvedAt(), ZoneOffset.UTC),
                OffsetDateTime.ofInstant(a.approvedAt(), ZoneOffset.UTC), e.id()).replaceWithVoid();
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

    private Uni<Void> credits(EventEnvelope e, String attributionId, DealContext deal, List<Credit> credits, String kind,
                              String factId) {
        require(attributionId, "attributionId", e);
        require(factId, "id", e);
        require(deal, "deal", e);
        require(deal.closedAt(), "deal.closedAt", e);
        require(deal.dealId(), "deal.dealId", e);
        LocalDate closedOn = LocalDate.ofInstant(deal.closedAt(), ZoneOffset.UTC);
        if (credits == null || credits.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        Object[] params = new Object[credits.size() * REVENUE_COLUMNS];
        int i = 0;
        for (Credit c : credits) {
            require(c.amount(), "credits.amount", e);
            UUID partner = uuid(c.partnerId(), e);
            Object[] row = {kind + "|" + factId + "|" + partner, partner, deal.dealId(), attributionId, kind, closedOn,
                    c.amount().amountString(), c.amount().currencyCode(), "sourced".equals(c.role()), e.id()};
            System.arraycopy(row, 0, params, i, REVENUE_COLUMNS);
            i += REVENUE_COLUMNS;
        }
        return Db.exec(insertRevenueSql(credits.size()), params).replaceWithVoid(); // one statement for all the credits
    }

    /** One multi-row insert for an event's credits (cached per row count: a deal has a handful of partners). */
    static String insertRevenueSql(int rows) {
        return INSERT_REVENUE_SQL.computeIfAbsent(rows, n -> {
            StringBuilder sql = new StringBuilder("""
                    insert into revenue_fact (fact_key, partner_id, deal_id, attribution_id, kind, closed_on, amount, currency,
                                              sourced, event_id) values """);
            for (int r = 0; r < n; r++) {
                int b = r * REVENUE_COLUMNS;
                sql.append(r == 0 ? "" : ", ").append("(?").append(b + 1).append(", ?").append(b + 2).append(", ?").append(b + 3)
                        .append(", ?").append(b + 4).append(", ?").append(b + 5).append(", ?").append(b + 6)
                        .append(", cast(cast(?").append(b + 7).append(" as text) as numeric), ?").append(b + 8)
                        .append(", ?").append(b + 9).append(", ?").append(b + 10).append(')');
            }
            return sql.append(" on conflict (fact_key) do nothing").toString();
        });
    }

    private static final java.util.Map<Integer, String> INSERT_REVENUE_SQL = new java.util.concurrent.ConcurrentHashMap<>();

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
