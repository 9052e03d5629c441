package io.partnerflow.partner.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** partner-service settings ({@code partner.*}). */
@ConfigMapping(prefix = "partner")
public interface PartnerServiceConfig {

    Tiers tiers();

    interface Tiers {
        /** The platform base currency tier revenue is measured in (DESIGN.md "FX"). */
        @WithDefault("USD")
        String baseCurrency();

        /** After a rejected promotion proposal, the same tier is not proposed again for this long. */
        @WithDefault("P30D")
        Duration proposalRejectionCooldown();

        Evaluation evaluation();
    }

    interface Evaluation {
        /**
         * Cadence of the scheduled evaluation of every partner (Quarkus {@code every} syntax, e.g. {@code 1h};
         * {@code off} disables it). Read by the {@code @Scheduled} annotation as {@code partner.tiers.evaluation.every}.
         */
        @WithDefault("1h")
        String every();
    }
}
