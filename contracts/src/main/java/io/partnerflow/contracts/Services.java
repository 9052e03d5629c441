package io.partnerflow.contracts;

import java.util.List;

/**
 * Service names: the CloudEvents {@code source} is {@code /partnerflow/<service>}, each service consumes as
 * consumer group {@code <service>}, and its dead letters go to {@code <topic>.dlq.<service>}.
 */
public final class Services {
    public static final String PARTNER = "partner-service";
    public static final String DEAL = "deal-service";
    public static final String ATTRIBUTION = "attribution-service";
    public static final String INCENTIVE = "incentive-service";
    public static final String PAYOUT = "payout-service";
    public static final String ANALYTICS = "analytics-service";
    /** Not a service: consumers outside Partnerflow (partner portals, CRM sync). */
    public static final String EXTERNAL = "portals/CRM";

    public static final List<String> ALL = List.of(PARTNER, DEAL, ATTRIBUTION, INCENTIVE, PAYOUT, ANALYTICS);

    private Services() {
    }

    /** The CloudEvents {@code source} a service stamps on what it publishes: {@code /partnerflow/<service>}. */
    public static String source(String service) {
        return "/partnerflow/" + service;
    }
}
