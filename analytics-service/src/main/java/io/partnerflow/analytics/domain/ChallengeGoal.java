package io.partnerflow.analytics.domain;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** What a challenge counts: won deals, won new-logo deals, or sourced revenue in the base currency. */
public enum ChallengeGoal {
    DEALS_WON("deals-won", Metric.DEALS_WON),
    NEW_LOGO_DEALS("new-logo-deals", Metric.NEW_LOGO_DEALS_WON),
    SOURCED_REVENUE("sourced-revenue", Metric.SOURCED_REVENUE);

    private final String urlName;
    private final Metric metric;

    ChallengeGoal(String urlName, Metric metric) {
        this.urlName = urlName;
        this.metric = metric;
    }

    public String urlName() {
        return urlName;
    }

    public Metric metric() {
        return metric;
    }

    public boolean isMoney() {
        return metric.isMoney();
    }

    public static Optional<ChallengeGoal> find(String name) {
        return Arrays.stream(values()).filter(g -> g.urlName.equals(name)).findFirst();
    }

    public static List<String> names() {
        return Arrays.stream(values()).map(ChallengeGoal::urlName).toList();
    }
}
