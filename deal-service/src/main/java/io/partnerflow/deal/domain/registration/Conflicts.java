package io.partnerflow.deal.domain.registration;

import io.partnerflow.deal.domain.CustomerNames;
import io.partnerflow.deal.domain.Domains;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * Conflict detection: another partner's ACTIVE registration for the same customer — same registrable domain
 * (subdomains included) or same normalised name in the same country — with at least one product category in
 * common.
 */
public final class Conflicts {
    private Conflicts() {
    }

    /** The customer and scope of a registration, normalised. */
    public record Scope(UUID registrationId, UUID partnerId, String rootDomain, String nameKey, String country,
                        Set<String> categories, Instant submittedAt) {
        public static Scope of(UUID registrationId, UUID partnerId, String name, String domain, String country,
                               List<String> categories, Instant submittedAt) {
            return new Scope(registrationId, partnerId, Domains.root(Domains.normalise(domain)), CustomerNames.key(name),
                    country.toUpperCase(Locale.ROOT), Conflicts.categories(categories), submittedAt);
        }
    }

    public record Conflict(UUID registrationId, UUID partnerId, String category, String reason, Instant submittedAt) {
    }

    public static Set<String> categories(List<String> raw) {
        Set<String> out = new TreeSet<>();
        for (String c : raw) {
            if (c != null && !c.isBlank()) {
                out.add(c.trim().toLowerCase(Locale.ROOT));
            }
        }
        return out;
    }

    /** Conflicts of {@code candidate} with {@code others} (active registrations), earliest first. */
    public static List<Conflict> find(Scope candidate, List<Scope> others) {
        List<Conflict> out = new ArrayList<>();
        for (Scope o : others) {
            if (o.partnerId().equals(candidate.partnerId()) || o.registrationId().equals(candidate.registrationId())) {
                continue;
            }
            String reason = candidate.rootDomain() != null && candidate.rootDomain().equals(o.rootDomain())
                    ? "same_customer_domain"
                    : candidate.nameKey().equals(o.nameKey()) && candidate.country().equals(o.country())
                    ? "same_customer_name_and_country" : null;
            if (reason == null) {
                continue;
            }
            for (String c : candidate.categories()) {
                if (o.categories().contains(c)) {
                    out.add(new Conflict(o.registrationId(), o.partnerId(), c, reason + "_and_product_category",
                            o.submittedAt()));
                }
            }
        }
        out.sort(Comparator.comparing(Conflict::submittedAt, Comparator.nullsLast(Comparator.naturalOrder()))
                .thenComparing(c -> c.registrationId().toString()).thenComparing(Conflict::category));
        return out;
    }

    public static boolean overlaps(Set<String> a, Set<String> b) {
        return a.stream().anyMatch(b::contains);
    }

    static String nn(String s) {
        return Objects.requireNonNullElse(s, "");
    }
}
