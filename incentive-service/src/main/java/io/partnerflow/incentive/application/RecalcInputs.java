package io.partnerflow.incentive.application;

import io.partnerflow.contracts.EventJson;
import io.partnerflow.contracts.attribution.Credit;
import io.partnerflow.contracts.attribution.DealAttributed;
import io.partnerflow.contracts.attribution.DealAttributionReversed;
import io.partnerflow.contracts.attribution.DealContext;
import io.partnerflow.contracts.attribution.DealReattributed;
import io.partnerflow.incentive.domain.Facts;
import io.partnerflow.incentive.domain.FxBook;
import io.partnerflow.incentive.domain.calc.ActiveProgram;
import io.partnerflow.incentive.domain.calc.EarningCalculator;
import io.partnerflow.incentive.domain.calc.RecalcPlanner;
import io.partnerflow.platform.persistence.Db;
import io.smallrye.mutiny.Uni;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Loads, in bulk, what a recalculation plans with: the credits of deals closed in a range (latest attribution plus its
 * corrections), their partners, tier histories and every FX rate, and what the program earned on those deals so far —
 * six queries whatever the number of deals. Deals with a refund or cancellation are left out (named as skipped).
 */
final class RecalcInputs {
    private RecalcInputs() {
    }

    /** The planner's inputs. */
    record Loaded(List<RecalcPlanner.Subject> subjects, Map<RecalcPlanner.Key, RecalcPlanner.Net> net,
                  List<RecalcPlanner.Skipped> skipped, Map<String, String> attributionOf) {
    }

    /** A deal's current credits: the latest attribution and the corrections applied to it since. */
    private record DealState(DealContext deal, String attributionId, String modelKind, Map<String, Credit> credits, String reversedBy) {
    }

    static Uni<Loaded> load(ActiveProgram version, Instant from, Instant to, ZoneId zone, String base) {
        return Db.rows("""
                        select event_kind, payload, deal_id from attribution_event
                        where event_kind in ('attributed', 'reattributed', 'reversed') and closed_at >= ?1 and closed_at < ?2
                        order by deal_id, received_at, event_key""", from, to)
                .chain(events -> {
                    Map<String, DealState> deals = fold(events);
                    List<String> dealIds = List.copyOf(deals.keySet());
                    List<String> partnerIds = deals.values().stream().flatMap(d -> d.credits().keySet().stream()).distinct().toList();
                    if (dealIds.isEmpty() || partnerIds.isEmpty()) {
                        return Uni.createFrom().item(new Loaded(List.of(), Map.of(), List.of(), Map.of()));
                    }
                    return Db.rows("select partner_id, name, type, status, country, payout_currency from partner where partner_id in (?1)", partnerIds)
                            .chain(partners -> Db.rows("""
                                    select partner_id, tier_code, tier_name, effective_at, reason, decided_at from partner_tier
                                    where partner_id in (?1) order by partner_id, effective_at desc, decided_at desc""", partnerIds)
                                    .chain(tiers -> Db.rows("select from_ccy, to_ccy, rate_date, rate from fx_rate")
                                            .chain(rates -> Db.rows("""
                                                    select deal_id, partner_id, rule_id, kind, max(rule_version), currency, sum(amount),
                                                           original_currency, sum(original_amount), min(case when event_type = 'accrued' then earning_id::text end)
                                                    from earning where program_id = ?1 and deal_id in (?2) and event_type <> 'carried'
                                                    group by deal_id, partner_id, rule_id, kind, currency, original_currency
                                                    order by deal_id, partner_id, rule_id""",
                                                    version.programId(), dealIds)
                                                    .map(net -> assemble(deals, partners, tiers, fxTable(rates, base), net)))));
                });
    }

    private static Map<String, DealState> fold(List<Object[]> events) {
        Map<String, DealState> deals = new LinkedHashMap<>();
        for (Object[] e : events) {
            String kind = Db.str(e[0]);
            String dealId = Db.str(e[2]);
            if ("attributed".equals(kind)) {
                DealAttributed a = EventJson.readString(Db.str(e[1]), DealAttributed.class);
                deals.put(dealId, new DealState(a.deal(), a.attributionId(), a.model() == null ? null : a.model().kind(), byPartner(a.credits()), null));
            } else if ("reattributed".equals(kind)) {
                DealReattributed a = EventJson.readString(Db.str(e[1]), DealReattributed.class);
                DealState was = deals.get(dealId);
                deals.put(dealId, new DealState(a.deal(), a.attributionId(), a.model() == null ? null : a.model().kind(), byPartner(a.credits()),
                        was == null ? null : was.reversedBy()));
            } else {
                DealAttributionReversed r = EventJson.readString(Db.str(e[1]), DealAttributionReversed.class);
                DealState s = deals.get(dealId);
                if (s == null || !r.attributionId().equals(s.attributionId())) {
                    continue;
                }
                if (!"correction".equals(r.kind())) {
                    deals.put(dealId, new DealState(s.deal(), s.attributionId(), s.modelKind(), s.credits(), r.kind() + " " + r.reversalId()));
                    continue;
                }
                Map<String, Credit> credits = new TreeMap<>(s.credits());
                r.credits().forEach(d -> credits.computeIfPresent(d.partnerId(), (p, c) -> EarningCalculator.plus(c, List.of(d))));
                deals.put(dealId, new DealState(r.deal(), s.attributionId(), s.modelKind(), credits, s.reversedBy()));
            }
        }
        return deals;
    }

    private static Map<String, Credit> byPartner(List<Credit> credits) {
        Map<String, Credit> out = new TreeMap<>();
        credits.forEach(c -> out.put(c.partnerId(), c));
        return out;
    }

    private static Loaded assemble(Map<String, DealState> deals, List<Object[]> partnerRows, List<Object[]> tierRows, Facts.FxTable fx,
                                   List<Object[]> netRows) {
        Map<String, Facts.Partner> partners = new HashMap<>();
        partnerRows.forEach(r -> partners.put(Db.str(r[0]), new Facts.Partner(Db.str(r[0]), Db.str(r[1]), Db.str(r[2]), Db.str(r[3]),
                Db.str(r[4]), Db.str(r[5]))));
        Map<String, List<Object[]>> tiers = new HashMap<>();
        tierRows.forEach(t -> tiers.computeIfAbsent(Db.str(t[0]), k -> new ArrayList<>()).add(t));
        List<RecalcPlanner.Subject> subjects = new ArrayList<>();
        List<RecalcPlanner.Skipped> skipped = new ArrayList<>();
        Map<String, String> attributionOf = new HashMap<>();
        for (DealState d : deals.values()) {
            attributionOf.put(d.deal().dealId(), d.attributionId());
            for (Credit c : d.credits().values()) {
                Facts.Partner p = partners.get(c.partnerId());
                if (d.reversedBy() != null || p == null) {
                    skipped.add(new RecalcPlanner.Skipped(d.deal().dealId(), c.partnerId(), p == null ? "unknown_partner"
                            : "reversed: " + d.reversedBy() + " (refunded or cancelled deals are not recalculated)"));
                    continue;
                }
                Instant at = d.deal().closedAt();
                Facts.Tier tier = tiers.getOrDefault(c.partnerId(), List.of()).stream().filter(t -> !Db.instant(t[3]).isAfter(at)).findFirst()
                        .map(t -> Reference.tier(t, 1, at)).orElse(Reference.noTier(at));
                subjects.add(new RecalcPlanner.Subject(new Facts.CreditOnDeal(d.attributionId(), d.deal(), d.modelKind(), c), p, tier, fx));
            }
        }
        Map<RecalcPlanner.Key, RecalcPlanner.Net> net = new HashMap<>();
        for (Object[] r : netRows) {
            String first = Db.str(r[9]);
            net.put(new RecalcPlanner.Key(Db.str(r[0]), Db.str(r[1]), (UUID) r[2]), new RecalcPlanner.Net(Db.str(r[3]), ((Number) r[4]).intValue(),
                    EarningWriter.money(Db.decimal(r[6]), Db.str(r[5])), EarningWriter.money(Db.decimal(r[8]), Db.str(r[7])),
                    first == null ? null : UUID.fromString(first)));
        }
        return new Loaded(subjects, net, skipped, attributionOf);
    }

    /** Every published rate, latest on or before the asked date, with inverses and crosses through the base. */
    private static Facts.FxTable fxTable(List<Object[]> rows, String base) {
        Map<String, TreeMap<LocalDate, BigDecimal>> m = new HashMap<>();
        for (Object[] r : rows) {
            BigDecimal rate = Db.decimal(r[3]).stripTrailingZeros();
            m.computeIfAbsent(Db.str(r[0]) + "/" + Db.str(r[1]), k -> new TreeMap<>()).put(Db.date(r[2]), rate.scale() < 0 ? rate.setScale(0) : rate);
        }
        return FxBook.through(base, (from, to, date) -> {
            var t = m.get(from + "/" + to);
            var e = t == null ? null : t.floorEntry(date);
            return e == null ? Optional.empty() : Optional.of(new Facts.FxRate(from, to, e.getValue(), e.getKey()));
        });
    }
}
