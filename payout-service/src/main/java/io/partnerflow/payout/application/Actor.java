package io.partnerflow.payout.application;

import io.partnerflow.platform.security.CurrentUser;

/**
 * Who acts: the token's subject (shown, as written in journals and histories) and the canonical identity (issuer +
 * normalised subject, {@link CurrentUser#identity()}) that every maker-checker comparison uses.
 */
public record Actor(String subject, String identity) {
    public static Actor of(CurrentUser user) {
        return new Actor(user.subject(), user.identity());
    }

    /** A system job (no token): never the same person as a human user. */
    public static Actor system(String name) {
        return new Actor(name, "system:" + name);
    }

    /**
     * Whether this actor is the person who did the earlier step. Rows written before identities were stored carry
     * only the subject: then the canonical subjects are compared (issuer unknown — the stricter answer).
     */
    public boolean isSamePersonAs(String storedIdentity, String storedSubject) {
        if (storedIdentity != null) {
            return identity.equals(storedIdentity);
        }
        return storedSubject != null && CurrentUser.canonical(storedSubject).equals(CurrentUser.canonical(subject));
    }
}
