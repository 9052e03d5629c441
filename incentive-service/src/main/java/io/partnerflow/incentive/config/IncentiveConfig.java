package io.partnerflow.incentive.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.time.ZoneId;

/** incentive-service settings ({@code incentive.*}). */
@ConfigMapping(prefix = "incentive")
public interface IncentiveConfig {

    /** Refunds/cancellations later than this after the deal's close are recorded but clawed back no more. */
    @WithDefault("P90D")
    Duration clawbackWindow();

    /** Base currency for rebate bands, accelerator targets and MDF percentages (platform default USD). */
    @WithDefault("USD")
    String baseCurrency();

    /** Time zone of calendar periods and of "the close date" for FX. */
    @WithDefault("UTC")
    ZoneId periodZone();

    PeriodClose periodClose();

    interface PeriodClose {
        /** Whether the scheduled close runs (it closes the previous month once it is over by {@link #grace()}). */
        @WithDefault("false")
        boolean scheduled();

        /** How long after a month ends the scheduled job closes it. */
        @WithDefault("P5D")
        Duration grace();
    }

    WhatIf whatIf();

    interface WhatIf {
        /** A running what-if run without a result after this long is taken up again (its replica stopped). */
        @WithDefault("PT10M")
        Duration stale();
    }
}
