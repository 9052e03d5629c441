package io.partnerflow.incentive.application;

import io.partnerflow.platform.security.CurrentUser;

/**
 * Who acts: the token's subject (shown) and the canonical identity (issuer + normalised subject,
 * {@link CurrentUser#identity()}) that four-eyes comparisons use.
 */
public record Actor(String subject, String identity) {
    public static Actor of(CurrentUser user) {
        return new Actor(user.subject(), user.identity());
    }

    public boolean isSamePersonAs(String storedIdentity) {
        return identity.equals(storedIdentity);
    }
}
