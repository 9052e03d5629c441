package io.partnerflow.payout.domain.run;

import io.partnerflow.core.money.Money;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * Decides a payout run from the approved, unclaimed earning lines up to the cut-off: one item per partner and
 * currency whose net is positive, at or above its minimum and free of holds; everything else is listed as held
 * with its reason (and simply carried forward: it stays approved for the next run). Pure: no I/O.
 */
public final class RunPlanner {
    private RunPlanner() {
    }

    /** Why a balance is not paid in this run. */
    public enum HoldReason {
        UNKNOWN_PARTNER, PARTNER_SUSPENDED, PARTNER_TERMINATED, MISSING_PAYOUT_PROFILE, MISSING_TAX_FORM,
        EXPIRED_TAX_FORM, BANK_DETAILS_RETURNED, OPEN_DISPUTE, EARNING_HELD, NEGATIVE_BALANCE, BELOW_MINIMUM;

        public String wire() {
            return name().toLowerCase();
        }
    }

    public enum Method {
        SEPA_CREDIT_TRANSFER, ACH, MANUAL;

        public String wire() {
            return name().toLowerCase();
        }
    }

    /** An approved line not yet in a run. {@code holdReason} = finance's hold; {@code disputed} = an open dispute. */
    public record Line(UUID earningId, String partnerId, Money amount, String holdReason, boolean disputed) {
    }

    /** What the planner needs to know of a partner (null fields = unknown / absent). */
    public record PartnerFacts(String partnerId, boolean known, String status, Profile profile) {
    }

    /**
     * @param method       the method the partner chose
     * @param taxFormType  W-9, W-8BEN, W-8BEN-E, EU_VAT_ID or null
     * @param taxFormExpiresOn null = no expiry
     * @param minimum      threshold in the payout currency, or null for none
     * @param hasIban      an IBAN is on file (SEPA)
     * @param hasUsAccount an ABA routing + account number are on file (ACH)
     * @param returnedReason the bank returned a payment to the details on file (code and reason), or null
     */
    public record Profile(Method method, String taxFormType, LocalDate taxFormExpiresOn, Money minimum,
                          boolean hasIban, boolean hasUsAccount, String returnedReason) {
        public Profile(Method method, String taxFormType, LocalDate taxFormExpiresOn, Money minimum, boolean hasIban,
                       boolean hasUsAccount) {
            this(method, taxFormType, taxFormExpiresOn, minimum, hasIban, hasUsAccount, null);
        }
    }

    public record Item(String partnerId, Money amount, Method method, List<UUID> earningIds) {
    }

    public record Held(String partnerId, Money amount, HoldReason reason, String detail, UUID earningId) {
    }

    public record Plan(List<Item> items, List<Held> held) {
    }

    public static Plan plan(LocalDate cutoff, List<Line> lines, Map<String, PartnerFacts> partners) {
        Objects.requireNonNull(cutoff, "cutoff");
        Map<String, List<Line>> groups = new LinkedHashMap<>();
        lines.stream()
                .sorted(Comparator.comparing(Line::partnerId).thenComparing(l -> l.amount().currencyCode())
                        .thenComparing(Line::earningId))
                .forEach(l -> groups.computeIfAbsent(l.partnerId() + "|" + l.amount().currencyCode(), k -> new ArrayList<>()).add(l));
        List<Item> items = new ArrayList<>();
        List<Held> held = new ArrayList<>();
        for (List<Line> group : groups.values()) {
            String partnerId = group.get(0).partnerId();
            String currency = group.get(0).amount().currencyCode();
            List<Line> payable = new ArrayList<>();
            for (Line l : group) {
                if (l.disputed()) {
                    held.add(new Held(partnerId, l.amount(), HoldReason.OPEN_DISPUTE, "the line is disputed", l.earningId()));
                } else if (l.holdReason() != null) {
                    held.add(new Held(partnerId, l.amount(), HoldReason.EARNING_HELD, l.holdReason(), l.earningId()));
                } else {
                    payable.add(l);
                }
            }
            if (payable.isEmpty()) {
                continue;
            }
            Money net = Money.sum(Money.currencyOf(currency), payable.stream().map(Line::amount).toList());
            PartnerFacts facts = partners.get(partnerId);
            Held hold = partnerHold(cutoff, facts, partnerId, net);
            if (hold != null) {
                held.add(hold);
            } else if (net.isNegative()) {
                held.add(new Held(partnerId, net, HoldReason.NEGATIVE_BALANCE,
                        "clawbacks exceed earnings; carried forward and offset against later earnings", null));
            } else if (net.isZero()) {
                continue;
            } else if (facts.profile().minimum() != null && facts.profile().minimum().currencyCode().equals(currency)
                    && net.isLessThan(facts.profile().minimum())) {
                held.add(new Held(partnerId, net, HoldReason.BELOW_MINIMUM,
                        "below the minimum payout of " + facts.profile().minimum() + "; carried forward", null));
            } else {
                items.add(new Item(partnerId, net, method(facts.profile(), currency),
                        payable.stream().map(Line::earningId).toList()));
            }
        }
        return new Plan(List.copyOf(items), List.copyOf(held));
    }

    private static Held partnerHold(LocalDate cutoff, PartnerFacts facts, String partnerId, Money net) {
        if (facts == null || !facts.known()) {
            return new Held(partnerId, net, HoldReason.UNKNOWN_PARTNER, "no partner.events seen for this partner", null);
        }
        if ("suspended".equals(facts.status())) {
            return new Held(partnerId, net, HoldReason.PARTNER_SUSPENDED, "the partner is suspended", null);
        }
        if ("terminated".equals(facts.status())) {
            return new Held(partnerId, net, HoldReason.PARTNER_TERMINATED, "the partner is terminated", null);
        }
        if (facts.profile() == null) {
            return new Held(partnerId, net, HoldReason.MISSING_PAYOUT_PROFILE, "no payout profile", null);
        }
        if (facts.profile().taxFormType() == null) {
            return new Held(partnerId, net, HoldReason.MISSING_TAX_FORM, "no tax form on file", null);
        }
        if (facts.profile().taxFormExpiresOn() != null && facts.profile().taxFormExpiresOn().isBefore(cutoff)) {
            return new Held(partnerId, net, HoldReason.EXPIRED_TAX_FORM,
                    facts.profile().taxFormType() + " expired on " + facts.profile().taxFormExpiresOn(), null);
        }
        if (facts.profile().returnedReason() != null) {
            return new Held(partnerId, net, HoldReason.BANK_DETAILS_RETURNED, "the bank returned a payment ("
                    + facts.profile().returnedReason() + "); held until the bank details change", null);
        }
        return null;
    }

    /** SEPA needs EUR and an IBAN, ACH needs USD and a US account; anything else is paid manually. */
    public static Method method(Profile profile, String currency) {
        if (profile.method() == Method.SEPA_CREDIT_TRANSFER && "EUR".equals(currency) && profile.hasIban()) {
            return Method.SEPA_CREDIT_TRANSFER;
        }
        if (profile.method() == Method.ACH && "USD".equals(currency) && profile.hasUsAccount()) {
            return Method.ACH;
        }
        return Method.MANUAL;
    }
}
