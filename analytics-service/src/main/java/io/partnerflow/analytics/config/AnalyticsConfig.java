package io.partnerflow.analytics.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** analytics-service settings ({@code analytics.*}). */
@ConfigMapping(prefix = "analytics")
public interface AnalyticsConfig {

    /** The platform base currency of the base-currency figures (DESIGN.md "FX"). */
    @WithDefault("USD")
    String baseCurrency();

    Segments segments();

    interface Segments {
        Evaluation evaluation();
    }

    interface Evaluation {
        /**
         * Cadence of the scheduled segment evaluation (Quarkus {@code every} syntax; {@code off} disables it). Read by
         * the {@code @Scheduled} annotation as {@code analytics.segments.evaluation.every}.
         */
        @WithDefault("1h")
        String every();
    }
}
