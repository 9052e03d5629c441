package io.partnerflow.contracts;

import io.partnerflow.contracts.analytics.ChallengeCompleted;
import io.partnerflow.contracts.analytics.PartnerBadgeAwarded;
import io.partnerflow.contracts.analytics.PartnerSegmentChanged;
import io.partnerflow.contracts.attribution.DealAttributed;
import io.partnerflow.contracts.attribution.DealAttributionReversed;
import io.partnerflow.contracts.attribution.DealReattributed;
import io.partnerflow.contracts.crm.CrmDeliveryReceived;
import io.partnerflow.contracts.deal.DealClosedWon;
import io.partnerflow.contracts.deal.DealPipelineUpdated;
import io.partnerflow.contracts.deal.DealRegistrationApproved;
import io.partnerflow.contracts.deal.DealRegistrationCancelled;
import io.partnerflow.contracts.deal.DealRegistrationConverted;
import io.partnerflow.contracts.deal.DealRegistrationExpired;
import io.partnerflow.contracts.deal.DealRegistrationRejected;
import io.partnerflow.contracts.deal.DealRegistrationSubmitted;
import io.partnerflow.contracts.deal.DealReversed;
import io.partnerflow.contracts.incentive.EarningAccrued;
import io.partnerflow.contracts.incentive.EarningAdjusted;
import io.partnerflow.contracts.incentive.EarningReversed;
import io.partnerflow.contracts.incentive.MdfAllocated;
import io.partnerflow.contracts.incentive.MdfClaimApproved;
import io.partnerflow.contracts.incentive.MdfClaimSubmitted;
import io.partnerflow.contracts.partner.PartnerCertificationCompleted;
import io.partnerflow.contracts.partner.PartnerRegistered;
import io.partnerflow.contracts.partner.PartnerStatusChanged;
import io.partnerflow.contracts.partner.PartnerTierChanged;
import io.partnerflow.contracts.partner.PartnerUpdated;
import io.partnerflow.contracts.payout.DisputeResolved;
import io.partnerflow.contracts.payout.PayoutFailed;
import io.partnerflow.contracts.payout.PayoutPaid;
import io.partnerflow.contracts.payout.PayoutRunApproved;
import io.partnerflow.contracts.payout.StatementIssued;
import io.partnerflow.contracts.reference.FxRateCorrected;
import io.partnerflow.contracts.reference.FxRatePublished;

import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * The event catalog: every CloudEvents type Partnerflow publishes, with its data record, topic, the aggregate
 * whose id is the Kafka key (and how to read that id from the data), the producing service, the consuming
 * services, and its JSON Schema and golden sample (classpath resources of this module).
 * <p>Type strings are stable and versioned ({@code partnerflow.<name>.v<n>}); within a version only additive
 * changes are allowed. A breaking change is a new constant with {@code .v2} next to the old one.
 */
public enum EventType {
    // ---- crm.webhooks
    CRM_DELIVERY_RECEIVED("partnerflow.crm.delivery-received.v1", CrmDeliveryReceived.class,
            Topics.CRM_WEBHOOKS, "crm-delivery", CrmDeliveryReceived::deliveryId, Services.DEAL, Services.DEAL),

    // ---- partner.events (key: partnerId)
    PARTNER_REGISTERED("partnerflow.partner.registered.v1", PartnerRegistered.class,
            Topics.PARTNER_EVENTS, "partner", PartnerRegistered::partnerId, Services.PARTNER,
            Services.DEAL, Services.ATTRIBUTION, Services.INCENTIVE, Services.PAYOUT, Services.ANALYTICS),
    PARTNER_UPDATED("partnerflow.partner.updated.v1", PartnerUpdated.class,
            Topics.PARTNER_EVENTS, "partner", PartnerUpdated::partnerId, Services.PARTNER,
            Services.DEAL, Services.ATTRIBUTION, Services.INCENTIVE, Services.PAYOUT, Services.ANALYTICS),
    PARTNER_STATUS_CHANGED("partnerflow.partner.status-changed.v1", PartnerStatusChanged.class,
            Topics.PARTNER_EVENTS, "partner", PartnerStatusChanged::partnerId, Services.PARTNER,
            Services.DEAL, Services.ATTRIBUTION, Services.INCENTIVE, Services.PAYOUT, Services.ANALYTICS),
    PARTNER_TIER_CHANGED("partnerflow.partner.tier-changed.v1", PartnerTierChanged.class,
            Topics.PARTNER_EVENTS, "partner", PartnerTierChanged::partnerId, Services.PARTNER,
            Services.DEAL, Services.ATTRIBUTION, Services.INCENTIVE, Services.PAYOUT, Services.ANALYTICS),
    PARTNER_CERTIFICATION_COMPLETED("partnerflow.partner.certification-completed.v1",
            PartnerCertificationCompleted.class, Topics.PARTNER_EVENTS, "partner",
            PartnerCertificationCompleted::partnerId, Services.PARTNER,
            Services.DEAL, Services.ATTRIBUTION, Services.INCENTIVE, Services.PAYOUT, Services.ANALYTICS),

    // ---- deal.events: registrations (key: registrationId)
    DEAL_REGISTRATION_SUBMITTED("partnerflow.deal.registration-submitted.v1", DealRegistrationSubmitted.class,
            Topics.DEAL_EVENTS, "registration", DealRegistrationSubmitted::registrationId, Services.DEAL,
            Services.ATTRIBUTION, Services.PARTNER, Services.ANALYTICS),
    DEAL_REGISTRATION_APPROVED("partnerflow.deal.registration-approved.v1", DealRegistrationApproved.class,
            Topics.DEAL_EVENTS, "registration", DealRegistrationApproved::registrationId, Services.DEAL,
            Services.ATTRIBUTION, Services.PARTNER, Services.ANALYTICS),
    DEAL_REGISTRATION_REJECTED("partnerflow.deal.registration-rejected.v1", DealRegistrationRejected.class,
            Topics.DEAL_EVENTS, "registration", DealRegistrationRejected::registrationId, Services.DEAL,
            Services.ATTRIBUTION, Services.PARTNER),
    DEAL_REGISTRATION_EXPIRED("partnerflow.deal.registration-expired.v1", DealRegistrationExpired.class,
            Topics.DEAL_EVENTS, "registration", DealRegistrationExpired::registrationId, Services.DEAL,
            Services.ATTRIBUTION, Services.PARTNER),
    DEAL_REGISTRATION_CONVERTED("partnerflow.deal.registration-converted.v1", DealRegistrationConverted.class,
            Topics.DEAL_EVENTS, "registration", DealRegistrationConverted::registrationId, Services.DEAL,
            Services.ATTRIBUTION, Services.PARTNER),
    DEAL_REGISTRATION_CANCELLED("partnerflow.deal.registration-cancelled.v1", DealRegistrationCancelled.class,
            Topics.DEAL_EVENTS, "registration", DealRegistrationCancelled::registrationId, Services.DEAL,
            Services.ATTRIBUTION, Services.PARTNER),

    // ---- deal.events: deals (key: dealId)
    DEAL_PIPELINE_UPDATED("partnerflow.deal.pipeline-updated.v1", DealPipelineUpdated.class,
            Topics.DEAL_EVENTS, "deal", DealPipelineUpdated::dealId, Services.DEAL,
            Services.ATTRIBUTION, Services.PARTNER),
    DEAL_CLOSED_WON("partnerflow.deal.closed-won.v1", DealClosedWon.class,
            Topics.DEAL_EVENTS, "deal", DealClosedWon::dealId, Services.DEAL,
            Services.ATTRIBUTION, Services.PARTNER),
    DEAL_REVERSED("partnerflow.deal.reversed.v1", DealReversed.class,
            Topics.DEAL_EVENTS, "deal", DealReversed::dealId, Services.DEAL,
            Services.ATTRIBUTION, Services.PARTNER),

    // ---- attribution.events (key: dealId)
    DEAL_ATTRIBUTED("partnerflow.deal.attributed.v1", DealAttributed.class,
            Topics.ATTRIBUTION_EVENTS, "deal", DealAttributed::dealId, Services.ATTRIBUTION,
            Services.INCENTIVE, Services.PARTNER, Services.ANALYTICS),
    DEAL_ATTRIBUTION_REVERSED("partnerflow.deal.attribution-reversed.v1", DealAttributionReversed.class,
            Topics.ATTRIBUTION_EVENTS, "deal", DealAttributionReversed::dealId, Services.ATTRIBUTION,
            Services.INCENTIVE, Services.PARTNER, Services.ANALYTICS),
    DEAL_REATTRIBUTED("partnerflow.deal.reattributed.v1", DealReattributed.class,
            Topics.ATTRIBUTION_EVENTS, "deal", DealReattributed::dealId, Services.ATTRIBUTION,
            Services.INCENTIVE, Services.PARTNER, Services.ANALYTICS),

    // ---- reference.events (key: FROM/TO)
    FX_RATE_PUBLISHED("partnerflow.fx.rate-published.v1", FxRatePublished.class,
            Topics.REFERENCE_EVENTS, "currency-pair", e -> FxRatePublished.pairKey(e.from(), e.to()),
            Services.INCENTIVE, Services.PARTNER, Services.ANALYTICS),
    FX_RATE_CORRECTED("partnerflow.fx.rate-corrected.v1", FxRateCorrected.class,
            Topics.REFERENCE_EVENTS, "currency-pair", e -> FxRatePublished.pairKey(e.from(), e.to()),
            Services.INCENTIVE, Services.PARTNER),

    // ---- incentive.earnings (key: partnerId)
    EARNING_ACCRUED("partnerflow.earning.accrued.v1", EarningAccrued.class,
            Topics.INCENTIVE_EARNINGS, "partner", EarningAccrued::partnerId, Services.INCENTIVE, Services.PAYOUT, Services.ANALYTICS),
    EARNING_REVERSED("partnerflow.earning.reversed.v1", EarningReversed.class,
            Topics.INCENTIVE_EARNINGS, "partner", EarningReversed::partnerId, Services.INCENTIVE, Services.PAYOUT, Services.ANALYTICS),
    EARNING_ADJUSTED("partnerflow.earning.adjusted.v1", EarningAdjusted.class,
            Topics.INCENTIVE_EARNINGS, "partner", EarningAdjusted::partnerId, Services.INCENTIVE, Services.PAYOUT, Services.ANALYTICS),
    // incentive.earnings also carries the MDF facts (key: partnerId) for analytics' MDF ROI; payout ignores them
    MDF_ALLOCATED("partnerflow.mdf.allocated.v1", MdfAllocated.class,
            Topics.INCENTIVE_EARNINGS, "partner", MdfAllocated::partnerId, Services.INCENTIVE, Services.ANALYTICS),
    MDF_CLAIM_SUBMITTED("partnerflow.mdf.claim-submitted.v1", MdfClaimSubmitted.class,
            Topics.INCENTIVE_EARNINGS, "partner", MdfClaimSubmitted::partnerId, Services.INCENTIVE, Services.ANALYTICS),
    MDF_CLAIM_APPROVED("partnerflow.mdf.claim-approved.v1", MdfClaimApproved.class,
            Topics.INCENTIVE_EARNINGS, "partner", MdfClaimApproved::partnerId, Services.INCENTIVE, Services.ANALYTICS),

    // ---- payout.events (key: runId for runs, partnerId for the rest)
    PAYOUT_RUN_APPROVED("partnerflow.payout.run-approved.v1", PayoutRunApproved.class,
            Topics.PAYOUT_EVENTS, "payout-run", PayoutRunApproved::runId, Services.PAYOUT, Services.EXTERNAL),
    PAYOUT_PAID("partnerflow.payout.paid.v1", PayoutPaid.class,
            Topics.PAYOUT_EVENTS, "partner", PayoutPaid::partnerId, Services.PAYOUT, Services.EXTERNAL, Services.ANALYTICS),
    PAYOUT_FAILED("partnerflow.payout.failed.v1", PayoutFailed.class,
            Topics.PAYOUT_EVENTS, "partner", PayoutFailed::partnerId, Services.PAYOUT, Services.EXTERNAL),
    STATEMENT_ISSUED("partnerflow.statement.issued.v1", StatementIssued.class,
            Topics.PAYOUT_EVENTS, "partner", StatementIssued::partnerId, Services.PAYOUT, Services.EXTERNAL),
    DISPUTE_RESOLVED("partnerflow.dispute.resolved.v1", DisputeResolved.class,
            Topics.PAYOUT_EVENTS, "partner", DisputeResolved::partnerId, Services.PAYOUT, Services.EXTERNAL),

    // ---- analytics.events (key: partnerId)
    PARTNER_SEGMENT_CHANGED("partnerflow.partner.segment-changed.v1", PartnerSegmentChanged.class,
            Topics.ANALYTICS_EVENTS, "partner", PartnerSegmentChanged::partnerId, Services.ANALYTICS, Services.EXTERNAL),
    PARTNER_BADGE_AWARDED("partnerflow.partner.badge-awarded.v1", PartnerBadgeAwarded.class,
            Topics.ANALYTICS_EVENTS, "partner", PartnerBadgeAwarded::partnerId, Services.ANALYTICS, Services.EXTERNAL),
    CHALLENGE_COMPLETED("partnerflow.challenge.completed.v1", ChallengeCompleted.class,
            Topics.ANALYTICS_EVENTS, "partner", ChallengeCompleted::partnerId, Services.ANALYTICS, Services.INCENTIVE,
            Services.EXTERNAL);

    /** Every type string starts with this. */
    public static final String PREFIX = "partnerflow.";
    /** Base of the schemas' {@code $id}s; maps to the classpath folder {@code schemas/}. */
    public static final String SCHEMA_ID_BASE = "https://partnerflow.io/schemas/";

    private static final Map<String, EventType> BY_TYPE;
    private static final Map<Class<?>, EventType> BY_CLASS;

    static {
        Map<String, EventType> byType = new HashMap<>();
        Map<Class<?>, EventType> byClass = new HashMap<>();
        for (EventType t : values()) {
            if (byType.put(t.type, t) != null || byClass.put(t.dataClass, t) != null) {
                throw new ExceptionInInitializerError("duplicate event type or data class: " + t);
            }
        }
        BY_TYPE = Collections.unmodifiableMap(byType);
        BY_CLASS = Collections.unmodifiableMap(byClass);
    }

    private final String type;
    private final Class<?> dataClass;
    private final String topic;
    private final String aggregate;
    private final Function<Object, String> key;
    private final String producer;
    private final List<String> consumers;

    <T> EventType(String type, Class<T> dataClass, String topic, String aggregate, Function<T, String> key,
                  String producer, String... consumers) {
        this.type = type;
        this.dataClass = dataClass;
        this.topic = topic;
        this.aggregate = aggregate;
        this.key = data -> key.apply(dataClass.cast(data));
        this.producer = producer;
        this.consumers = List.of(consumers);
    }

    /** The CloudEvents type ({@code ce_type}), e.g. {@code partnerflow.deal.closed-won.v1}. */
    public String type() {
        return type;
    }

    /** The record the JSON data maps to. */
    public Class<?> dataClass() {
        return dataClass;
    }

    /** The Kafka topic it travels on. */
    public String topic() {
        return topic;
    }

    /**
     * The aggregate whose id is the Kafka key (and the CloudEvents {@code subject}): {@code partner},
     * {@code registration}, {@code deal}, {@code currency-pair}, {@code payout-run}, {@code crm-delivery}.
     */
    public String aggregate() {
        return aggregate;
    }

    /** The service that publishes it. */
    public String producer() {
        return producer;
    }

    /** The services that consume it. */
    public List<String> consumers() {
        return consumers;
    }

    /** The type without {@code partnerflow.}, e.g. {@code deal.closed-won.v1}; names the schema and sample. */
    public String schemaName() {
        return type.substring(PREFIX.length());
    }

    /** The version number (the {@code N} of the {@code .vN} suffix). */
    public int version() {
        return Integer.parseInt(type.substring(type.lastIndexOf(".v") + 2));
    }

    /** Classpath resource of the JSON Schema, e.g. {@code schemas/deal.closed-won.v1.schema.json}. */
    public String schemaResource() {
        return "schemas/" + schemaName() + ".schema.json";
    }

    /** The schema's {@code $id}. */
    public String schemaId() {
        return SCHEMA_ID_BASE + schemaName() + ".schema.json";
    }

    /** Classpath resource of the golden sample, e.g. {@code samples/deal.closed-won.v1.json}. */
    public String sampleResource() {
        return "samples/" + schemaName() + ".json";
    }

    /** The Kafka key (aggregate id) of an event of this type. */
    public String keyOf(Object data) {
        Objects.requireNonNull(data, "data");
        if (!dataClass.isInstance(data)) {
            throw new IllegalArgumentException(type + " carries " + dataClass.getName() + ", not "
                    + data.getClass().getName());
        }
        String k = key.apply(data);
        if (k == null || k.isBlank()) {
            throw new IllegalArgumentException(type + " data has no " + aggregate + " id to key it by");
        }
        return k;
    }

    /** The catalog entry of a type string. */
    public static Optional<EventType> find(String type) {
        return Optional.ofNullable(type == null ? null : BY_TYPE.get(type));
    }

    /** The catalog entry of a type string; {@link IllegalArgumentException} for unknown types. */
    public static EventType of(String type) {
        return find(type).orElseThrow(() -> new IllegalArgumentException("unknown event type: " + type));
    }

    /** The catalog entry whose data record is {@code dataClass}. */
    public static EventType forDataClass(Class<?> dataClass) {
        EventType t = BY_CLASS.get(dataClass);
        if (t == null) {
            throw new IllegalArgumentException("not an event data record: " + dataClass.getName());
        }
        return t;
    }

    /** The catalog entry of an event data record instance. */
    public static EventType forData(Object data) {
        return forDataClass(Objects.requireNonNull(data, "data").getClass());
    }

    /** The types travelling on a topic. */
    public static List<EventType> onTopic(String topic) {
        return Arrays.stream(values()).filter(t -> t.topic.equals(topic)).toList();
    }
}
