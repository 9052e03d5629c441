package io.partnerflow.analytics.domain;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.Function;

/** A scorecard figure partners can be sorted and ranked by, with its URL name. */
public enum Figure {
    SOURCED_REVENUE("sourced-revenue", true, s -> s.base().get(Metric.SOURCED_REVENUE).amount()),
    INFLUENCED_REVENUE("influenced-revenue", true, s -> s.base().get(Metric.INFLUENCED_REVENUE).amount()),
    REVENUE("revenue", true, s -> s.revenue().amount()),
    DEALS_WON("deals-won", false, s -> BigDecimal.valueOf(s.counts().get(Metric.DEALS_WON))),
    EARNINGS("earnings", true, s -> s.netEarnings().amount()),
    PAID("paid", true, s -> s.base().get(Metric.PAID).amount());

    private final String urlName;
    private final boolean money;
    private final Function<Scorecard, BigDecimal> value;

    Figure(String urlName, boolean money, Function<Scorecard, BigDecimal> value) {
        this.urlName = urlName;
        this.money = money;
        this.value = value;
    }

    public String urlName() {
        return urlName;
    }

    public boolean isMoney() {
        return money;
    }

    public BigDecimal valueOf(Scorecard s) {
        return value.apply(s);
    }

    public static Optional<Figure> find(String urlName) {
        return Arrays.stream(values()).filter(f -> f.urlName.equals(urlName)).findFirst();
    }

    public static String names() {
        return String.join(", ", Arrays.stream(values()).map(Figure::urlName).toList());
    }
}
