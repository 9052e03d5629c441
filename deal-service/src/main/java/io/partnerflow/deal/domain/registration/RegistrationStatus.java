package io.partnerflow.deal.domain.registration;

import java.util.Map;
import java.util.Set;

/**
 * submitted → approved | rejected | cancelled; approved → converted | expired | cancelled. Active = submitted or
 * approved (the states that conflict with other partners' registrations).
 */
public final class RegistrationStatus {
    public static final String SUBMITTED = "submitted";
    public static final String APPROVED = "approved";
    public static final String REJECTED = "rejected";
    public static final String CONVERTED = "converted";
    public static final String EXPIRED = "expired";
    public static final String CANCELLED = "cancelled";
    public static final Set<String> ACTIVE = Set.of(SUBMITTED, APPROVED);

    private static final Map<String, Set<String>> NEXT = Map.of(
            SUBMITTED, Set.of(APPROVED, REJECTED, CANCELLED),
            APPROVED, Set.of(CONVERTED, EXPIRED, CANCELLED));

    private RegistrationStatus() {
    }

    public static boolean canMove(String from, String to) {
        return NEXT.getOrDefault(from, Set.of()).contains(to);
    }
}
