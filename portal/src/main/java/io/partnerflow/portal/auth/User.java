package io.partnerflow.portal.auth;

import io.quarkus.qute.TemplateData;

import java.util.Set;

/** The signed-in user as the portal sees it: the token it forwards, and the claims it uses to choose pages. */
@TemplateData
public record User(String token, String subject, Set<String> roles, String partnerId) {
    public boolean isPartner() {
        return roles.contains("partner") && partnerId != null;
    }

    public boolean isFinance() {
        return roles.contains("finance");
    }

    public boolean isChannelManager() {
        return roles.contains("channel-manager") || roles.contains("admin");
    }

    /** Where this user starts. */
    public String home() {
        if (isPartner()) {
            return "/partners/" + partnerId;
        }
        if (isFinance()) {
            return "/finance/runs";
        }
        return "/program";
    }
}
