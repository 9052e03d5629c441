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
