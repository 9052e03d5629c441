package io.partnerflow.payout.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.time.ZoneId;

/** payout-service settings ({@code payout.*}). */
@ConfigMapping(prefix = "payout")
public interface PayoutConfig {

    Earnings earnings();

    Statements statements();

    interface Earnings {
        /** How long a positive earning stays pending, counted from the deal's close (else from accrual): refund risk. */
        @WithDefault("P30D")
        Duration holdWindow();

        /** Cadence of the scheduled approval of earnings whose window ended ({@code off} disables it). */
        @WithDefault("10m")
        String approvalEvery();
    }

    interface Statements {
        /** Time zone of statement periods (calendar months). */
        @WithDefault("UTC")
        ZoneId zone();
    }
}
