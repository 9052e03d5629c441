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

    Pending pending();

    interface Pending {
        /**
         * Most queues of work that waited for a partner drained in ONE transaction — the partner's registration, or one
         * round of the sweep, which drains the rest a chunk per transaction: a rebuild that reads the attributions
         * before the partners leaves thousands per partner, more than one consumer transaction may take (its deadline).
         */
        @WithDefault("200")
        int releaseChunk();

        /**
         * A partner's registration runs the queues that waited for it in its own transaction only when there are at most
         * this many; more are left to the sweep. A poll of partner.events (up to 500 events) is one transaction: with 1, at
         * most 500 queues in it, however many partners had work waiting.
         */
        @WithDefault("1")
        int releaseOnRegistration();

        /** Cadence of the sweep that drains the queues of partners known by now ({@code off} disables it). */
        @WithDefault("10s")
        String sweepEvery();
    }

    WhatIf whatIf();

    interface WhatIf {
        /** A running what-if run without a result after this long is taken up again (its replica stopped). */
        @WithDefault("PT10M")
        Duration stale();
    }
}
