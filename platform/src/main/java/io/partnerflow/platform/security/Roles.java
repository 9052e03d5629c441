package io.partnerflow.platform.security;

/** The roles of DESIGN.md "Security" (JWT {@code groups} claim). */
public final class Roles {
    public static final String ADMIN = "admin";
    public static final String CHANNEL_MANAGER = "channel-manager";
    public static final String FINANCE = "finance";
    /** A partner user; the token's {@code partner_id} claim scopes every read and write. */
    public static final String PARTNER = "partner";
    public static final String PARTNER_ID_CLAIM = "partner_id";

    private Roles() {
    }
}
