package io.partnerflow.platform;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Instant;
import java.util.Optional;

/** Settings every service shares ({@code partnerflow.*}). */
@ConfigMapping(prefix = "partnerflow")
public interface PlatformConfig {

    /** The service's name, e.g. {@code partner-service}: CloudEvents source, inbox consumer name, DLQ suffix. */
    String serviceName();

    Clock clock();

    Consumer consumer();

    Tracing tracing();

    interface Clock {
        /** Start the clock at this instant (it then runs forward), e.g. to replay history in a demo. */
        Optional<Instant> start();

        /** Allow {@code PUT /admin/clock} (admin role) to move time. Never in production. */
        @WithDefault("false")
        boolean adjustable();
    }

    interface Tracing {
        /** Where finished spans go: {@code none} (ids are still made and propagated), {@code logging}, {@code otlp}. */
        @WithDefault("none")
        Exporter exporter();

        /** OTLP/HTTP (protobuf) traces endpoint of the collector, used when {@code exporter=otlp}. */
        @WithDefault("http://localhost:4318/v1/traces")
        String otlpEndpoint();

        enum Exporter { NONE, LOGGING, OTLP }
    }

    interface Consumer {
        /** Attempts for a transient failure before the message is dead-lettered. */
        @WithDefault("3")
        int maxAttempts();

        /** First back-off between attempts, in milliseconds (doubles each time). */
        @WithDefault("200")
        long backoffMillis();

        /** Longest back-off while the database is unavailable (those attempts are not counted: it waits). */
        @WithDefault("5000")
        long outageMaxBackoffMillis();

        /**
         * Longest one consumer transaction (a batch chunk, or one event) may take, COMMIT included, before it is
         * abandoned as an outage and retried from the inbox (issue #16: a connection killed during COMMIT could leave
         * it waiting forever). Generous: a transaction that merely runs long is rolled back and redone.
         */
        @WithDefault("60000")
        long transactionTimeoutMillis();

        /**
         * How long the broker holds a fetch of the four channels on the money path webhook → ledger (deal-service
         * {@code crm-webhooks}, attribution {@code deal-events}, incentive {@code attribution-events}, payout
         * {@code incentive-earnings}; their application.properties use it): shorter is less latency, longer is fuller,
         * cheaper polls. Every other channel waits the platform's 250 ms (ADR 0004).
         */
        @WithDefault("100")
        long ledgerPathFetchWaitMs();
    }
}
