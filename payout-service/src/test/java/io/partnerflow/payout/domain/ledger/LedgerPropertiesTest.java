package io.partnerflow.payout.domain.ledger;

import io.partnerflow.core.money.Money;
import io.partnerflow.payout.domain.run.RunPlanner;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Ledger invariants over random operation sequences, driving the same journals ({@link Journals}) and run planner
 * ({@link RunPlanner}) the service posts: accruals, clawbacks, approvals, declines, holds, redeliveries, runs,
 * approvals of runs, bank results. After every sequence: every journal balances per currency, every balance equals
 * the sum of its postings, the whole ledger sums to zero, what a partner is owed equals its open lines, and no
 * earning is ever paid twice.
 */
class LedgerPropertiesTest {
    static final String[] PARTNERS = {"p1", "p2", "p3"};
    static final String[] CURRENCY = {"EUR", "EUR", "USD"};
    static final Instant T = Instant.parse("2025-01-01T00:00:00Z");

    enum Op { ACCRUE, CLAWBACK, APPROVE, DECLINE, HOLD, RELEASE, REDELIVER, RUN, APPROVE_RUN, PAID, FAILED }

    record Step(Op op, int partner, int cents, int pick) {
    }

    @Provide
    Arbitrary<List<Step>> sequences() {
        Arbitrary<Step> step = Combinators.combine(Arbitraries.of(Op.values()), Arbitraries.integers().between(0, 2),
                Arbitraries.integers().between(1, 50_000), Arbitraries.integers().between(0, 1000)).as(Step::new);
        return step.list().ofMinSize(1).ofMaxSize(60);
    }

    static final class Line {
        final UUID id;
        final String partner;
        final Money amount;
        String status; // pending, approved, declined, in_run, paid
        boolean held;

        Line(UUID id, String partner, Money amount, String status) {
            this.id = id;
            this.partner = partner;
            this.amount = amount;
            this.status = status;
        }
    }

    static final class Item {
        final UUID id;
        final String partner;
        final Money amount;
        final List<UUID> earnings;
        String status = "draft"; // draft, pending (committed), paid, failed

        Item(UUID id, String partner, Money amount, List<UUID> earnings) {
            this.id = id;
            this.partner = partner;
            this.amount = amount;
            this.earnings = earnings;
        }
    }

    @Property
    void theLedgerStaysBalancedConsistentAndPaysNothingTwice(@ForAll("sequences") List<Step> steps) {
        Ledger ledger = new Ledger();
        Map<UUID, Line> lines = new LinkedHashMap<>();
        List<Item> items = new ArrayList<>();
        Map<UUID, Integer> paidCount = new HashMap<>();
        Instant at = T;
        int runs = 0;
        for (Step s : steps) {
            at = at.plusSeconds(60);
            String partner = PARTNERS[s.partner()];
            String ccy = CURRENCY[s.partner()];
            switch (s.op()) {
                case ACCRUE -> {
                    Line l = new Line(UUID.randomUUID(), partner, Money.of(BigDecimal.valueOf(s.cents(), 2), ccy), "pending");
                    lines.put(l.id, l);
                    assertTrue(ledger.post(Journals.booked(partner, l.id, l.amount, false, at, "system")));
                }
                case CLAWBACK -> {
                    Line l = new Line(UUID.randomUUID(), partner, Money.of(BigDecimal.valueOf(-s.cents(), 2), ccy), "approved");
                    lines.put(l.id, l);
                    assertTrue(ledger.post(Journals.booked(partner, l.id, l.amount, true, at, "system")));
                }
                case APPROVE -> pick(lines, s.pick(), l -> l.status.equals("pending") && !l.held).ifPresent(l -> {
                    ledger.post(Journals.approved(l.partner, l.id, l.amount, T, "system"));
                    l.status = "approved";
                });
                case DECLINE -> pick(lines, s.pick(), l -> (l.status.equals("pending") || l.status.equals("approved"))).ifPresent(l -> {
                    UUID booking = Journals.booked(l.partner, l.id, l.amount, false, T, "x").id();
                    ledger.post(Journals.declined(l.partner, l.id, booking, l.amount, l.status.equals("approved") && l.amount.isPositive()
                            || l.amount.isNegative(), "declined", T, "finance"));
                    l.status = "declined";
                });
                case HOLD -> pick(lines, s.pick(), l -> !l.held && (l.status.equals("pending") || l.status.equals("approved")))
                        .ifPresent(l -> l.held = true);
                case RELEASE -> pick(lines, s.pick(), l -> l.held).ifPresent(l -> l.held = false);
                case REDELIVER -> pick(lines, s.pick(), l -> true).ifPresent(l ->
                        assertFalse(ledger.post(Journals.booked(l.partner, l.id, l.amount, l.amount.isNegative(), T, "system")),
                                "a redelivered booking posts nothing"));
                case RUN -> {
                    runs++;
                    List<RunPlanner.Line> candidates = lines.values().stream().filter(l -> l.status.equals("approved"))
                            .map(l -> new RunPlanner.Line(l.id, l.partner, l.amount, l.held ? "held" : null, false)).toList();
                    Map<String, RunPlanner.PartnerFacts> facts = new HashMap<>();
                    for (int i = 0; i < PARTNERS.length; i++) {
                        facts.put(PARTNERS[i], new RunPlanner.PartnerFacts(PARTNERS[i], true, "active",
                                new RunPlanner.Profile(i == 2 ? RunPlanner.Method.ACH : RunPlanner.Method.SEPA_CREDIT_TRANSFER,
                                        "W-9", null, Money.of(BigDecimal.valueOf(s.cents() % 20_000, 2), CURRENCY[i]), true, true)));
                    }
                    RunPlanner.Plan plan = RunPlanner.plan(LocalDate.parse("2025-06-30"), candidates, facts);
                    for (RunPlanner.Item it : plan.items()) {
                        assertTrue(it.amount().isPositive());
                        Money minimum = facts.get(it.partnerId()).profile().minimum();
                        assertFalse(it.amount().isLessThan(minimum), "an item is never below its partner's minimum");
                        Money sum = Money.sum(it.amount().currency(), it.earningIds().stream().map(id -> lines.get(id).amount).toList());
                        assertEquals(it.amount(), sum, "an item pays exactly its lines");
                        for (UUID id : it.earningIds()) {
                            assertEquals("approved", lines.get(id).status, "only approved, unclaimed lines go into a run");
                            assertFalse(lines.get(id).held, "a held line never goes into a run");
                            lines.get(id).status = "in_run";
                        }
                        items.add(new Item(UUID.nameUUIDFromBytes((runs + "|" + it.partnerId()).getBytes()), it.partnerId(),
                                it.amount(), it.earningIds()));
                    }
                }
                case APPROVE_RUN -> items.stream().filter(i -> i.status.equals("draft")).forEach(i -> {
                    ledger.post(Journals.committed(i.partner, i.id, i.amount, T, "checker"));
                    i.status = "pending";
                });
                case PAID -> pickItem(items, s.pick()).ifPresent(i -> {
                    ledger.post(Journals.paid(i.partner, i.id, i.amount, "REF", T, "finance"));
                    i.status = "paid";
                    i.earnings.forEach(id -> {
                        lines.get(id).status = "paid";
                        paidCount.merge(id, 1, Integer::sum);
                    });
                });
                case FAILED -> pickItem(items, s.pick()).ifPresent(i -> {
                    UUID committed = Journals.committed(i.partner, i.id, i.amount, T, "x").id();
                    ledger.post(Journals.failed(i.partner, i.id, committed, i.amount, "R03 no account", T, "finance"));
                    i.status = "failed";
                    i.earnings.forEach(id -> lines.get(id).status = "approved");
                });
            }
        }
        // every journal balances per currency (the constructor refuses otherwise; checked again from the postings)
        for (Journal j : ledger.journals()) {
            Map<String, BigDecimal> sums = Journal.sums(j.postings());
            sums.values().forEach(v -> assertEquals(0, v.signum(), "journal " + j.kind() + " balances"));
        }
        // balances (running) equal sums of postings; the whole ledger sums to zero per currency
        BigDecimal eur = BigDecimal.ZERO;
        BigDecimal usd = BigDecimal.ZERO;
        for (int i = 0; i < PARTNERS.length; i++) {
            for (AccountKind k : AccountKind.values()) {
                assertEquals(ledger.balance(k, PARTNERS[i], CURRENCY[i]), ledger.cachedBalance(k, PARTNERS[i], CURRENCY[i]));
            }
        }
        for (Journal j : ledger.journals()) {
            for (Posting p : j.postings()) {
                if (p.amount().currencyCode().equals("EUR")) {
                    eur = eur.add(p.amount().amount());
                } else {
                    usd = usd.add(p.amount().amount());
                }
            }
        }
        assertEquals(0, eur.signum());
        assertEquals(0, usd.signum());
        // what a partner is owed = its lines not declined and not paid; paid = its paid lines
        for (int i = 0; i < PARTNERS.length; i++) {
            String p = PARTNERS[i];
            String c = CURRENCY[i];
            Money open = Money.sum(Money.currencyOf(c), lines.values().stream().filter(l -> l.partner.equals(p))
                    .filter(l -> !l.status.equals("declined") && !l.status.equals("paid")).map(l -> l.amount).toList());
            assertEquals(open, ledger.owed(p, c), "owed to " + p);
            Money paid = Money.sum(Money.currencyOf(c), lines.values().stream().filter(l -> l.partner.equals(p))
                    .filter(l -> l.status.equals("paid")).map(l -> l.amount).toList());
            assertEquals(paid.negate(), ledger.balance(AccountKind.PAID, p, c), "paid to " + p);
        }
        // nothing is paid twice
        paidCount.values().forEach(n -> assertEquals(1, n));
    }

    static java.util.Optional<Line> pick(Map<UUID, Line> lines, int pick, java.util.function.Predicate<Line> filter) {
        List<Line> candidates = lines.values().stream().filter(filter).toList();
        return candidates.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(candidates.get(pick % candidates.size()));
    }

    static java.util.Optional<Item> pickItem(List<Item> items, int pick) {
        List<Item> pending = items.stream().filter(i -> i.status.equals("pending")).toList();
        return pending.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(pending.get(pick % pending.size()));
    }
}
