package io.partnerflow.portal.auth;

import io.quarkus.qute.TemplateData;

import java.util.List;
import java.util.Set;

/** The local sign-in's staff users (partner users are one per partner, listed from partner-service). */
public final class DemoUsers {
    private DemoUsers() {
    }

    @TemplateData
    public record Staff(String key, String subject, String label, Set<String> roles) {
    }

    public static final List<Staff> STAFF = List.of(
            new Staff("anna", "anna", "Anna — channel manager", Set.of("channel-manager")),
            new Staff("frank", "frank", "Frank — finance (creates payout runs)", Set.of("finance")),
            new Staff("fiona", "fiona", "Fiona — finance (approves payout runs)", Set.of("finance")),
            new Staff("ada", "ada", "Ada — admin", Set.of("admin")));

    public static Staff staff(String key) {
        return STAFF.stream().filter(s -> s.key().equals(key)).findFirst().orElse(null);
    }

    /** The subject of the demo user of a partner. */
    public static String partnerSubject(String partnerId) {
        return "partner-user-" + partnerId.substring(0, Math.min(8, partnerId.length()));
    }
}
