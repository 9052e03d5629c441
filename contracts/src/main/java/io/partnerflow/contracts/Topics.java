package io.partnerflow.contracts;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Kafka topic names of the event contract, and the dead-letter naming rule
 * {@code <topic>.dlq.<consumer-service>}.
 */
public final class Topics {
    /** Raw accepted CRM deliveries (key: delivery id). */
    public static final String CRM_WEBHOOKS = "crm.webhooks";
    /** Partner lifecycle, tiers, certifications (key: partnerId). */
    public static final String PARTNER_EVENTS = "partner.events";
    /** Deal registrations (key: registrationId) and deals (key: dealId). */
    public static final String DEAL_EVENTS = "deal.events";
    /** Attributions of won deals (key: dealId). */
    public static final String ATTRIBUTION_EVENTS = "attribution.events";
    /** Reference data: FX rates (key: currency pair {@code FROM/TO}). */
    public static final String REFERENCE_EVENTS = "reference.events";
    /** Earnings (key: partnerId). */
    public static final String INCENTIVE_EARNINGS = "incentive.earnings";
    /** Payout runs (key: runId) and per-partner payouts, statements, disputes (key: partnerId). */
    public static final String PAYOUT_EVENTS = "payout.events";
    /** Analytics outcomes: segment changes, badges, completed challenges (key: partnerId). */
    public static final String ANALYTICS_EVENTS = "analytics.events";

    /** Every contract topic, in pipeline order. */
    public static final List<String> ALL = List.of(CRM_WEBHOOKS, PARTNER_EVENTS, DEAL_EVENTS, ATTRIBUTION_EVENTS,
            REFERENCE_EVENTS, INCENTIVE_EARNINGS, PAYOUT_EVENTS, ANALYTICS_EVENTS);

    /** Infix of dead-letter topic names. */
    public static final String DLQ_INFIX = ".dlq.";

    /*
     * Headers on a dead-lettered record (written by SmallRye Reactive Messaging's dead-letter-queue failure
     * strategy, which every service's consumers use). The original ce_* headers are kept as they were.
     */
    /** The failure reason (exception message). */
    public static final String DLQ_HEADER_REASON = "dead-letter-reason";
    /** The failure's cause, when there is one. */
    public static final String DLQ_HEADER_CAUSE = "dead-letter-cause";
    /** Class of the exception that dead-lettered the record. */
    public static final String DLQ_HEADER_EXCEPTION_CLASS = "dead-letter-exception-class-name";
    /** Class of the failure's cause, when there is one. */
    public static final String DLQ_HEADER_CAUSE_CLASS = "dead-letter-cause-class-name";
    /** The topic the record was consumed from. */
    public static final String DLQ_HEADER_TOPIC = "dead-letter-topic";
    /** The partition the record was consumed from. */
    public static final String DLQ_HEADER_PARTITION = "dead-letter-partition";
    /** The offset of the record in that partition. */
    public static final String DLQ_HEADER_OFFSET = "dead-letter-offset";

    private static final Pattern SERVICE_NAME = Pattern.compile("^[a-z][a-z0-9-]*$");

    private Topics() {
    }

    /**
     * The dead-letter topic where {@code consumerService} parks what it could not process from {@code topic}:
     * {@code deadLetter("partner.events", "deal-service")} = {@code partner.events.dlq.deal-service}.
     */
    public static String deadLetter(String topic, String consumerService) {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(consumerService, "consumerService");
        if (topic.isBlank() || topic.contains(DLQ_INFIX)) {
            throw new IllegalArgumentException("not a source topic: '" + topic + "'");
        }
        if (!SERVICE_NAME.matcher(consumerService).matches()) {
            throw new IllegalArgumentException("not a service name: '" + consumerService + "'");
        }
        return topic + DLQ_INFIX + consumerService;
    }

    /** True for names built by {@link #deadLetter(String, String)}. */
    public static boolean isDeadLetter(String topic) {
        return topic != null && topic.contains(DLQ_INFIX);
    }
}
