package io.partnerflow.analytics.domain;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Order independence: the same events delivered in ANY interleaving that keeps each Kafka key's order (a deal's
 * attribution events; a partner's earnings/payouts/registrations), folded in batches of any size, give the same
 * facts — and those facts are exactly the final deal states' contributions plus the partner facts. MDF campaigns
 * (keyed by partner, naming deals of other keys) may arrive before or after the deals' attributions.
 */
class ScorecardFoldPropertiesTest {
    static final List<String> PARTNERS = List.of("10000000-0000-0000-0000-000000000001", "20000000-0000-0000-0000-000000000002",
            "30000000-0000-0000-0000-000000000003", "40000000-0000-0000-0000-000000000004");
    static final List<String> CURRENCIES = List.of("USD", "EUR", "JPY");
    static final LocalDate START = LocalDate.of(2026, 1, 1);

    @Property
    void anyKeyOrderRespectingInterleavingAndBatchingGivesTheSameScorecards(@ForAll long scenarioSeed,
                                                                           @ForAll long orderSeed1, @ForAll long orderSeed2) {
        List<List<Fact>> perKey = scenario(new Random(scenarioSeed));
        MemoryStore one = fold(interleave(perKey, new Random(orderSeed1)), new Random(orderSeed1 ^ 0x5DEECE66DL));
        MemoryStore two = fold(interleave(perKey, new Random(orderSeed2)), new Random(orderSeed2 ^ 0x5DEECE66DL));
        assertEquals(one.normalisedAmounts(), two.normalisedAmounts());
        assertEquals(one.counts, two.counts);

        // …and equal to what the final states say, computed without any fold
        Deltas expected = new Deltas();
        one.deals.values().forEach(d -> expected.add(d.contributions(), 1));
        perKey.stream().flatMap(List::stream).forEach(f -> {
            if (f instanceof Fact.Amount a) {
                expected.addAmount(a.partnerId(), a.metric(), a.day(), a.currency(), a.amount());
            } else if (f instanceof Fact.Count c) {
                expected.addCount(c.partnerId(), c.metric(), c.day(), 1);
            }
        });
        Map<Deltas.AmountKey, BigDecimal> exp = new TreeMap<>();
        expected.amounts().forEach((k, v) -> exp.put(k, v.stripTrailingZeros()));
        assertEquals(exp, one.normalisedAmounts());
        assertEquals(expected.counts(), one.counts);
    }

    /** Folds the events in batches of random size (1..5), as consecutive consumer transactions would. */
    static MemoryStore fold(List<Fact> events, Random r) {
        MemoryStore s = new MemoryStore();
        for (int i = 0; i < events.size(); ) {
            int n = 1 + r.nextInt(5);
            s.apply(events.subList(i, Math.min(events.size(), i + n)));
            i += n;
        }
        return s;
    }

    /** A random merge of the per-key sequences that keeps each one's order. */
    static List<Fact> interleave(List<List<Fact>> perKey, Random r) {
        List<Deque<Fact>> queues = new ArrayList<>();
        perKey.forEach(k -> queues.add(new ArrayDeque<>(k)));
        List<Fact> out = new ArrayList<>();
        while (queues.stream().anyMatch(q -> !q.isEmpty())) {
            List<Deque<Fact>> open = queues.stream().filter(q -> !q.isEmpty()).toList();
            out.add(open.get(r.nextInt(open.size())).poll());
        }
        return out;
    }

    /** Deals with attributions, reversals, re-attributions and repeats; partners with earnings, registrations, MDF campaigns. */
    static List<List<Fact>> scenario(Random r) {
        List<List<Fact>> keys = new ArrayList<>();
        int deals = 1 + r.nextInt(6);
        for (int d = 0; d < deals; d++) {
            String deal = "deal-" + d;
            List<Fact> seq = new ArrayList<>();
            String current = deal + "-a0";
            LocalDate closed = START.plusDays(r.nextInt(200));
            String ccy = CURRENCIES.get(r.nextInt(CURRENCIES.size()));
            Fact.Attribution first = new Fact.Attribution(deal, current, null, closed, ccy, credits(r, ccy, false));
            seq.add(first);
            int ops = r.nextInt(5);
            for (int i = 1; i <= ops; i++) {
                int kind = r.nextInt(4);
                if (kind == 0) { // re-attribution, possibly with another close date / currency (a corrected deal)
                    String next = deal + "-a" + i;
                    if (r.nextBoolean()) {
                        closed = START.plusDays(r.nextInt(200));
                        ccy = CURRENCIES.get(r.nextInt(CURRENCIES.size()));
                    }
                    seq.add(new Fact.Attribution(deal, next, current, closed, ccy, credits(r, ccy, false)));
                    current = next;
                } else if (kind == 1) { // a redelivery under another event id
                    seq.add(seq.get(seq.size() - 1));
                } else { // a reversal (sometimes naming an attribution already superseded)
                    String target = r.nextInt(5) == 0 ? deal + "-old" : current;
                    seq.add(new Fact.Reversal(deal, target, deal + "-r" + i, credits(r, ccy, true)));
                }
            }
            keys.add(seq);
        }
        for (String p : PARTNERS) {
            List<Fact> seq = new ArrayList<>();
            int n = r.nextInt(6);
            for (int i = 0; i < n; i++) {
                LocalDate day = START.plusDays(r.nextInt(200));
                if (r.nextInt(4) == 0) { // a reimbursed MDF campaign naming deals (possibly one never attributed, or again)
                    seq.add(new Fact.MdfCampaign(p, List.of("deal-" + r.nextInt(7), "deal-" + r.nextInt(7))));
                } else if (r.nextBoolean()) {
                    Metric m = List.of(Metric.EARNINGS_ACCRUED, Metric.EARNINGS_CLAWED_BACK, Metric.EARNINGS_ADJUSTED, Metric.PAID)
                            .get(r.nextInt(4));
                    seq.add(new Fact.Amount(p, m, day, "EUR", BigDecimal.valueOf(r.nextInt(2_000_000) - 500_000, 2)));
                } else {
                    seq.add(new Fact.Count(p, r.nextBoolean() ? Metric.REGISTRATIONS_SUBMITTED : Metric.REGISTRATIONS_APPROVED, day));
                }
            }
            keys.add(seq);
        }
        return keys;
    }

    static List<Fact.Share> credits(Random r, String ccy, boolean negative) {
        int scale = ccy.equals("JPY") ? 0 : 2;
        List<Fact.Share> out = new ArrayList<>();
        for (String p : PARTNERS) {
            if (r.nextInt(3) == 0) {
                continue;
            }
            long units = 1 + r.nextInt(5_000_000);
            out.add(new Fact.Share(p, r.nextBoolean() ? "sourced" : "influenced",
                    BigDecimal.valueOf(negative ? -r.nextInt((int) units) : units, scale)));
        }
        return out;
    }
}
