package io.partnerflow.incentive.application;

import io.partnerflow.contracts.EventJson;
import io.partnerflow.contracts.attribution.Credit;
import io.partnerflow.contracts.attribution.DealAttributed;
import io.partnerflow.contracts.attribution.DealAttributionReversed;
import io.partnerflow.contracts.attribution.DealContext;
import io.partnerflow.contracts.attribution.DealReattributed;
import io.partnerflow.incentive.domain.Facts;
import io.partnerflow.incentive.domain.period.CalendarPeriod;
import io.partnerflow.platform.persistence.Db;
import io.smallrye.mutiny.Uni;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a period settlement reads, loaded in five queries (the period's attribution events, partners, tier histories,
 * rates) and folded into each partner's net credit per deal ({@link PeriodService.Data}): the latest attribution of
 * each deal plus its reversals, deals ordered by id.
 */
final class PeriodData {
    private PeriodData() {
    }

    static Uni<PeriodService.Data> load(CalendarPeriod p, ZoneId zone, String base) {
        return Db.rows("""
                        select event_kind, payload, deal_id from attribution_event
                        where event_kind in ('attributed', 'reattributed', 'reversed') and closed_at >= ?1 and closed_at < ?2
                        order by deal_id, received_at, event_key""", p.startInstant(zone), p.endInstant(zone))
                .chain(events -> Db.rows("select partner_id, name, type, status, country, payout_currency from partner")
                        .chain(partners -> Db.rows("select partner_id, effective_at, decided_at, tier_code, tier_name, reason from partner_tier")
                                .chain(tiers -> Db.rows("select from_ccy, to_ccy, rate_date, rate from fx_rate")
                                        .map(rates -> data(events, partners, tiers, rates, base)))));
    }

    static PeriodService.Data data(List<Object[]> events, List<Object[]> partnerRows, List<Object[]> tierRows, List<Object[]> rateRows, String base) {
        Map<String, Map<String, PeriodService.DealCredit>> byPartner = new TreeMap<>();
        String currentDeal = null;
        String currentAttribution = null;
        Map<String, PeriodService.DealCredit> credits = new TreeMap<>();
        List<Object[]> sorted = new ArrayList<>(events);
        sorted.add(new Object[]{"end", null, null});
        for (Object[] e : sorted) {
            String dealId = Db.str(e[2]);
            if (currentDeal != null && !currentDeal.equals(dealId)) {
                for (PeriodService.DealCredit dc : credits.values()) {
                    byPartner.computeIfAbsent(dc.credit().partnerId(), k -> new TreeMap<>()).put(dc.deal().dealId(), dc);
                }
                credits = new TreeMap<>();
                currentAttribution = null;
            }
            currentDeal = dealId;
            String kind = Db.str(e[0]);
            if ("attributed".equals(kind) || "reattributed".equals(kind)) {
                credits = new TreeMap<>();
                DealContext deal;
                String model;
                List<Credit> cs;
                if ("attributed".equals(kind)) {
                    DealAttributed a = EventJson.readString(Db.str(e[1]), DealAttributed.class);
                    currentAttribution = a.attributionId();
                    deal = a.deal();
                    model = a.model() == null ? null : a.model().kind();
                    cs = a.credits();
                } else {
                    DealReattributed a = EventJson.readString(Db.str(e[1]), DealReattributed.class);
                    currentAttribution = a.attributionId();
                    deal = a.deal();
                    model = a.model() == null ? null : a.model().kind();
                    cs = a.credits();
                }
                for (Credit c : cs) {
                    credits.put(c.partnerId(), new PeriodService.DealCredit(deal, model, c));
                }
            } else if ("reversed".equals(kind)) {
                DealAttributionReversed r = EventJson.readString(Db.str(e[1]), DealAttributionReversed.class);
                if (r.attributionId().equals(currentAttribution)) {
                    for (Credit d : r.credits()) {
                        PeriodService.DealCredit was = credits.get(d.partnerId());
                        if (was != null) {
                            credits.put(d.partnerId(), new PeriodService.DealCredit(r.deal(), was.modelKind(), io.partnerflow.incentive.domain.calc.EarningCalculator.plus(was.credit(), List.of(d))));
                        }
                    }
                }
            }
        }
        Map<String, Facts.Partner> partners = new HashMap<>();
        for (Object[] r : partnerRows) {
            partners.put(Db.str(r[0]), new Facts.Partner(Db.str(r[0]), Db.str(r[1]), Db.str(r[2]), Db.str(r[3]), Db.str(r[4]), Db.str(r[5])));
        }
        Map<String, List<Object[]>> tiers = new HashMap<>();
        for (Object[] t : tierRows) {
            tiers.computeIfAbsent(Db.str(t[0]), k -> new ArrayList<>()).add(t);
        }
        Map<String, TreeMap<LocalDate, BigDecimal>> fx = new HashMap<>();
        for (Object[] r : rateRows) {
            BigDecimal rate = Db.decimal(r[3]).stripTrailingZeros();
            fx.computeIfAbsent(Db.str(r[0]) + "/" + Db.str(r[1]), k -> new TreeMap<>()).put(Db.date(r[2]), rate.scale() < 0 ? rate.setScale(0) : rate);
        }
        return new PeriodService.Data(byPartner, partners, tiers, fx, base);
    }
}
