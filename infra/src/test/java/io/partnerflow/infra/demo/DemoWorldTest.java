package io.partnerflow.infra.demo;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DemoWorldTest {
    private static final LocalDate START = LocalDate.of(2026, 4, 1);

    @Test
    void theSameSeedGeneratesTheSameHistory() {
        DemoWorld a = DemoWorld.generate(42, 40, 500, START, 2);
        DemoWorld b = DemoWorld.generate(42, 40, 500, START, 2);
        assertEquals(a.partners, b.partners);
        assertEquals(a.deals, b.deals);
        assertEquals(a.certifications, b.certifications);
        assertEquals(a.registrations, b.registrations);
        DemoWorld c = DemoWorld.generate(43, 40, 500, START, 2);
        assertTrue(!a.deals.equals(c.deals), "another seed, another history");
    }

    @Test
    void theSameSeedSendsByteIdenticalDeliveriesAnotherSeedDifferentOnes() {
        Demo.Settings d = Demo.Settings.defaults();
        java.util.List<String> a = deliveries(DemoWorld.generate(7, 40, 300, d.historyStart(), d.quarters()));
        java.util.List<String> b = deliveries(DemoWorld.generate(7, 40, 300, d.historyStart(), d.quarters()));
        java.util.List<String> c = deliveries(DemoWorld.generate(8, 40, 300, d.historyStart(), d.quarters()));
        assertEquals(300, a.size());
        assertEquals(a, b, "same seed: same delivery ids, CRM ids, amounts (to the cent) and dates");
        assertTrue(a.stream().noneMatch(new HashSet<>(c)::contains),
                "another seed: no delivery in common");
        assertTrue(a.stream().anyMatch(s -> s.contains("DEMO-OPP-" + DemoWorld.nameUuid(7, "deal", 1))), "ids are name-based UUIDs of the seed");
        // the bytes do not depend on the JVM (Map.of iterates in a per-JVM order): keys are written sorted
        String first = a.get(0);
        assertTrue(first.indexOf("\"amount\"") < first.indexOf("\"currency\"") && first.indexOf("\"data\"") < first.indexOf("\"id\""), first);
    }

    private static java.util.List<String> deliveries(DemoWorld w) {
        return w.deals.stream().map(d -> Demo.deliveryId(d) + " " + Demo.dealDelivery(w, d)).toList();
    }

    @Test
    void theDefaultHistoryHasTheShapeOfARealChannel() {
        Demo.Settings s = Demo.Settings.defaults();
        DemoWorld w = DemoWorld.generate(s.seed(), s.partners(), s.deals(), s.historyStart(), s.quarters());
        assertEquals(2000, w.deals.size());
        assertEquals(s.historyStart().plusYears(2), w.historyEnd, "two years of close dates");
        // touched deal value per partner (a touch's share of its deal, in USD at the catalogue rates)
        java.util.Map<Integer, BigDecimal> value = new java.util.HashMap<>();
        java.util.Map<Integer, java.time.Instant> lastTouch = new java.util.HashMap<>();
        java.util.Map<Integer, java.time.Instant> firstTouch = new java.util.HashMap<>();
        for (DemoWorld.Deal d : w.deals) {
            BigDecimal usd = d.amount().divide(DemoWorld.USD_TO.get(d.currency()), 2, java.math.RoundingMode.HALF_EVEN);
            for (DemoWorld.Touch t : d.touches()) {
                value.merge(t.partnerIndex(), usd.divide(BigDecimal.valueOf(d.touches().size()), 2, java.math.RoundingMode.HALF_EVEN), BigDecimal::add);
                lastTouch.merge(t.partnerIndex(), d.closedAt(), (x, y) -> x.isAfter(y) ? x : y);
                firstTouch.merge(t.partnerIndex(), d.closedAt(), (x, y) -> x.isBefore(y) ? x : y);
            }
        }
        java.util.List<BigDecimal> sorted = value.values().stream().sorted(java.util.Comparator.reverseOrder()).toList();
        BigDecimal total = sorted.stream().reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal top8 = sorted.stream().limit(8).reduce(BigDecimal.ZERO, BigDecimal::add);
        assertTrue(top8.compareTo(total.multiply(new BigDecimal("0.5"))) > 0, "a fifth of the partners bring most: " + top8 + " of " + total);
        java.time.Instant lastYear = w.historyEnd.minusMonths(6).atStartOfDay().toInstant(java.time.ZoneOffset.UTC);
        long quietAtTheEnd = w.partners.stream().filter(p -> !lastTouch.containsKey(p.index()) || lastTouch.get(p.index()).isBefore(lastYear)).count();
        assertTrue(quietAtTheEnd >= 3, "some partners went dormant or left: " + quietAtTheEnd);
        java.time.Instant firstHalfYear = w.historyStart.plusMonths(6).atStartOfDay().toInstant(java.time.ZoneOffset.UTC);
        long joiners = w.partners.stream().filter(p -> firstTouch.containsKey(p.index()) && firstTouch.get(p.index()).isAfter(firstHalfYear)).count();
        assertTrue(joiners >= 2, "some partners joined later: " + joiners);
        Set<String> lives = new HashSet<>();
        w.partners.forEach(p -> lives.add(p.lifecycle()));
        assertEquals(Set.of("growing", "steady", "declining", "dormant", "leaving", "joiner"), lives);
        DemoWorld small = DemoWorld.generate(s.seed(), 12, 120, s.historyStart(), s.quarters()); // the e2e demo's size
        assertEquals(120, small.deals.size());
        assertTrue(small.touchedDeals() > 90, "most deals have partner touches: " + small.touchedDeals());
    }

    @Test
    void dealsAreWellFormedForTheCrmWebhook() {
        DemoWorld w = DemoWorld.generate(42, 40, 2000, START, 2);
        assertEquals(2000, w.deals.size());
        Set<String> types = new HashSet<>();
        w.partners.forEach(p -> types.add(p.type()));
        assertEquals(new HashSet<>(DemoWorld.TYPES), types, "partners of every type");
        Set<String> currencies = new HashSet<>();
        int maxTouches = 0;
        for (DemoWorld.Deal d : w.deals) {
            currencies.add(d.currency());
            BigDecimal sum = d.lines().stream().map(DemoWorld.Line::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
            assertEquals(0, sum.compareTo(d.amount()), "lines sum exactly to the deal amount: " + d.crmDealId());
            assertTrue(!d.closedAt().isBefore(w.historyStart.atStartOfDay().toInstant(java.time.ZoneOffset.UTC)));
            assertTrue(d.closedAt().isBefore(w.historyEnd.atStartOfDay().toInstant(java.time.ZoneOffset.UTC)));
            for (DemoWorld.Touch t : d.touches()) {
                assertTrue(!t.occurredAt().isAfter(d.closedAt()) && !t.occurredAt().isBefore(d.createdAt()));
            }
            maxTouches = Math.max(maxTouches, d.touches().size());
            if (d.refund() != null && d.refund().amount() != null) {
                BigDecimal line = d.lines().get(d.refund().lineNumber() - 1).amount();
                assertTrue(d.refund().amount().signum() > 0 && d.refund().amount().compareTo(line) <= 0);
            }
        }
        assertEquals(5, maxTouches);
        assertTrue(currencies.containsAll(Set.of("EUR", "USD", "GBP", "JPY")), currencies.toString());
        assertTrue(w.deals.stream().anyMatch(d -> d.refund() != null && "refund".equals(d.refund().kind())));
        assertTrue(w.deals.stream().anyMatch(d -> d.refund() != null && "cancellation".equals(d.refund().kind())));
        assertTrue(w.registrations.stream().anyMatch(r -> r.conflictsWith() >= 0), "some registrations conflict");
    }

    @Test
    void webhookSignatureFollowsStandardWebhooks() {
        // https://www.standardwebhooks.com test vector
        String sig = DemoClient.sign("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
                "msg_p5jXN8AQM9LWM0D4loKWxJek.1614265330.{\"test\": 2432232314}");
        assertEquals("g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=", sig);
    }
}
