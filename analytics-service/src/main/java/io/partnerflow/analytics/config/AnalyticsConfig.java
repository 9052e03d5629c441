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

    Leaderboards leaderboards();

    interface Leaderboards {
        /**
         * The program's setting whether partner users see the other partners' names and ids on the leaderboards
         * ({@code analytics.leaderboards.show-names-to-partners}); masked by default.
         */
        @WithDefault("false")
        boolean showNamesToPartners();
    }

    Predictions predictions();

    interface Predictions {
        /** Cadence of the scheduled retraining ({@code analytics.predictions.retrain.every}; {@code off} disables it). */
        @WithDefault("6h")
        String retrainEvery();

        /** "At risk" = no won deal next quarter, or revenue below (1 − this) × this quarter's. */
        @WithDefault("0.5")
        double revenueDrop();

        /** How many quarters of history (ending with the last complete one) the models learn from. */
        @WithDefault("12")
        int historyQuarters();
    }

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
