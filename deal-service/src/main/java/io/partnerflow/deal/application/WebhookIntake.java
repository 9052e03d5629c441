package io.partnerflow.deal.application;

import io.partnerflow.contracts.crm.CrmDeliveryReceived;
import io.partnerflow.deal.config.DealConfig;
import io.partnerflow.contracts.EventJson;
import io.partnerflow.deal.domain.CrmLimits;
import io.partnerflow.deal.domain.InvalidCrmDataException;
import io.partnerflow.deal.domain.crm.GenericFormat;
import io.partnerflow.deal.domain.crm.HubSpotEvents;
import io.partnerflow.deal.domain.crm.SalesforceOutboundMessage;
import io.partnerflow.deal.domain.signature.HubSpotSignatureV3;
import io.partnerflow.deal.domain.signature.SignatureException;
import io.partnerflow.deal.domain.signature.StandardWebhooks;
import io.partnerflow.deal.messaging.CrmWebhooksPublisher;
import io.partnerflow.platform.problem.Problem;
import io.partnerflow.platform.problem.ProblemException;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * The webhook intake: authenticate (401), check the body is well-formed for its format (400), answer a repeated
 * delivery id without writing it again, otherwise append the raw delivery to crm.webhooks and answer only once the
 * broker acknowledged it (503 if it did not). Nothing else is written here; the normaliser does the rest.
 */
@ApplicationScoped
public class WebhookIntake {
    private static final Logger LOG = Logger.getLogger(WebhookIntake.class);

    private final DealConfig config;
    private final CrmWebhooksPublisher publisher;
    private final Clock clock;
    private final WebhookSources sources;
    private final Pool pool;

    public WebhookIntake(DealConfig config, CrmWebhooksPublisher publisher, Clock clock, WebhookSources sources,
                         Pool pool) {
        this.pool = pool;
        this.config = config;
        this.publisher = publisher;
        this.clock = clock;
        this.sources = sources;
    }

    /** What the endpoint answers: {@code accepted} (written now) or {@code duplicate} (seen before). */
    public record Receipt(String deliveryId, String status, int changes) {
    }

    /** A request as the endpoint saw it; header names lower-case. */
    public record Request(String endpoint, String method, String uri, String contentType, Map<String, String> headers,
                          byte[] body) {
        String header(String name) {
            return headers.get(name);
        }
    }

    public Uni<Receipt> generic(Request req) {
        checkSize(req);
        Instant now = clock.instant();
        StandardWebhooks.Secret secret;
        try {
            secret = StandardWebhooks.verify(req.header("webhook-id"), req.header("webhook-timestamp"),
                    req.header("webhook-signature"), req.body(), sources.genericAccepted(now), now,
                    config.webhooks().tolerance());
        } catch (SignatureException e) {
            throw unauthorized(retiredSecret(req, now).orElse(e));
        }
        String webhookId = req.header("webhook-id").trim();
        if (webhookId.length() > CrmLimits.ID || webhookId.chars().anyMatch(Character::isISOControl)) {
            throw new ProblemException(400, "Bad Request", "the webhook-id header must be at most " + CrmLimits.ID
                    + " characters without control characters", "urn:partnerflow:problem:malformed-delivery",
                    List.of(new Problem.FieldError("webhook-id", "at most " + CrmLimits.ID + " characters, no control characters")));
        }
        String sourceAccount = secret.keyId().substring(0, secret.keyId().lastIndexOf('#'));
        sources.admit(GenericFormat.SYSTEM, sourceAccount, config.webhooks().generic().get(sourceAccount), now);
        int changes = parse(() -> GenericFormat.parse(utf8OrFail(req.body()), config.stageMapping()).size());
        return accept(req, webhookId, GenericFormat.SYSTEM, sourceAccount,
                new CrmDeliveryReceived.Signature("standard_webhooks", secret.keyId(),
                        StandardWebhooks.timestamp(req.header("webhook-timestamp"))), changes, now);
    }

    /**
     * Salesforce Outbound Messages carry no signature: the URL names the configured source and carries its secret,
     * and the message's organisation id must be allow-listed for that source.
     */
    public Uni<Receipt> salesforce(String source, String urlSecret, Request req) {
        checkSize(req);
        Instant now = clock.instant();
        DealConfig.Salesforce sf = source == null ? null : config.webhooks().salesforce().get(source);
        if (sf == null || urlSecret == null) {
            throw unauthorized(new SignatureException("unknown Salesforce source or wrong URL secret"));
        }
        var rotation = WebhookSources.rotation(source, List.of(sf.urlSecret()), sf);
        if (matches(rotation.accepted(now), urlSecret) == null) {
            throw unauthorized(new SignatureException(matches(rotation.retired(now), urlSecret) != null
                    ? "the previous URL secret of Salesforce source " + source + " is no longer accepted: its rotation"
                    + " grace period ended at " + rotation.previousExpireAt()
                    : "unknown Salesforce source or wrong URL secret"));
        }
        SalesforceOutboundMessage message = parse(() -> SalesforceOutboundMessage.parse(req.body()));
        String org = message.organizationId();
        // an org id is 15 or 18 characters: anything longer is not one (and would not fit source_account)
        boolean allowed = (org.length() == 15 || org.length() == 18) && sf.organizationIds().stream().anyMatch(id -> id.length() >= 15
                && id.substring(0, 15).equals(org.substring(0, 15)));
        if (!allowed) {
            throw unauthorized(new SignatureException("organisation " + org + " is not allowed for source " + source));
        }
        sources.admit(SalesforceOutboundMessage.SYSTEM, source, sf, now);
        return accept(req, "salesforce-" + sha256(req.body()), SalesforceOutboundMessage.SYSTEM, org,
                new CrmDeliveryReceived.Signature("salesforce_outbound_message", source, now),
                message.notifications().size(), now);
    }

    /** HubSpot v3: HMAC-SHA256 of method + URI + body + timestamp with the app's client secret; 5-minute window. */
    public Uni<Receipt> hubspot(Request req) {
        checkSize(req);
        Instant now = clock.instant();
        String matched = null;
        String keyId = null;
        String retired = null;
        for (var en : config.webhooks().hubspot().entrySet()) {
            var rotation = WebhookSources.rotation(en.getKey(), en.getValue().clientSecrets(), en.getValue());
            List<StandardWebhooks.Secret> secrets = rotation.accepted(now);
            String uri = en.getValue().publicUrl().orElse(req.uri());
            if (retired == null && !rotation.retired(now).isEmpty()) {
                try {
                    HubSpotSignatureV3.verify(req.method(), uri, req.body(), req.header("x-hubspot-request-timestamp"),
                            req.header("x-hubspot-signature-v3"), rotation.retired(now), now, config.webhooks().tolerance());
                    retired = "signed with a previous client secret of HubSpot source " + en.getKey()
                            + ", no longer accepted: its rotation grace period ended at " + rotation.previousExpireAt();
                } catch (SignatureException ignored) {
                    // not signed with a retired secret of this source
                }
            }
            try {
                keyId = HubSpotSignatureV3.verify(req.method(), uri, req.body(), req.header("x-hubspot-request-timestamp"),
                        req.header("x-hubspot-signature-v3"), secrets, now, config.webhooks().tolerance()).keyId();
                matched = en.getKey();
                break;
            } catch (SignatureException e) {
                if (e.getMessage().contains("tolerance") || e.getMessage().contains("required")) {
                    throw unauthorized(e);
                }
            }
        }
        if (matched == null) {
            throw unauthorized(new SignatureException(retired != null ? retired
                    : "X-HubSpot-Signature-v3 does not match a configured client secret"));
        }
        sources.admit(HubSpotEvents.SYSTEM, matched, config.webhooks().hubspot().get(matched), now);
        List<HubSpotEvents.Event> events = parse(() -> HubSpotEvents.parse(utf8OrFail(req.body())));
        Instant signedAt = Instant.ofEpochMilli(Long.parseLong(req.header("x-hubspot-request-timestamp").trim()));
        return accept(req, "hubspot-" + sha256(req.body()), HubSpotEvents.SYSTEM,
                Long.toString(events.get(0).portalId()),
                new CrmDeliveryReceived.Signature("hubspot_v3", keyId, signedAt), events.size(), now);
    }

    /** A generic delivery signed with a previous secret whose grace period is over: say so (still 401). */
    private java.util.Optional<SignatureException> retiredSecret(Request req, Instant now) {
        List<StandardWebhooks.Secret> retired = sources.genericRetired(now);
        if (retired.isEmpty()) {
            return java.util.Optional.empty();
        }
        try {
            StandardWebhooks.Secret s = StandardWebhooks.verify(req.header("webhook-id"), req.header("webhook-timestamp"),
                    req.header("webhook-signature"), req.body(), retired, now, config.webhooks().tolerance());
            String source = s.keyId().substring(0, s.keyId().lastIndexOf('#'));
            DealConfig.Generic g = config.webhooks().generic().get(source);
            return java.util.Optional.of(new SignatureException("signed with a previous secret of source " + source
                    + ", no longer accepted: its rotation grace period ended at "
                    + WebhookSources.rotation(source, g.secrets(), g).previousExpireAt()));
        } catch (SignatureException e) {
            return java.util.Optional.empty();
        }
    }

    /** The secret equal (constant time) to {@code given}, or null. */
    private static StandardWebhooks.Secret matches(List<StandardWebhooks.Secret> secrets, String given) {
        StandardWebhooks.Secret found = null;
        for (StandardWebhooks.Secret s : secrets) {
            if (io.partnerflow.deal.domain.signature.Hmac.equal(s.value().getBytes(StandardCharsets.UTF_8),
                    given.getBytes(StandardCharsets.UTF_8))) {
                found = s;
            }
        }
        return found;
    }

    Uni<Receipt> accept(Request req, String deliveryId, String source, String sourceAccount,
                        CrmDeliveryReceived.Signature signature, int changes, Instant now) {
        return known(deliveryId).chain(known -> {
            if (known) {
                return Uni.createFrom().item(new Receipt(deliveryId, "duplicate", changes));
            }
            String text = utf8(req.body());
            CrmDeliveryReceived delivery = new CrmDeliveryReceived(deliveryId, source, sourceAccount, req.endpoint(), now,
                    req.contentType(), req.headers(), text != null ? text : Base64.getEncoder().encodeToString(req.body()),
                    text != null ? "utf-8" : "base64", sha256(req.body()), signature);
            String json = EventJson.writeString(delivery);
            long recordBytes = json.getBytes(StandardCharsets.UTF_8).length;
            if (recordBytes > config.webhooks().maxRecordSize().asLongValue()) {
                throw tooLarge("the delivery takes " + recordBytes + " bytes as a crm.webhooks record; at most "
                        + config.webhooks().maxRecordSize().asLongValue() + " are accepted");
            }
            return publisher.publish(delivery, json)
                    .onFailure().transform(e -> {
                        LOG.errorf("CRM delivery %s NOT accepted: crm.webhooks did not acknowledge it: %s", deliveryId, e.toString());
                        return new ProblemException(503, "Service Unavailable",
                                "the delivery could not be stored durably; it was not accepted — retry later",
                                "urn:partnerflow:problem:intake-unavailable", null);
                    })
                    .replaceWith(new Receipt(deliveryId, "accepted", changes));
        });
    }

    /**
     * Whether the normaliser stored this delivery already: one pooled query, no Hibernate session (the intake runs
     * once per webhook; a session per request cost more than the lookup itself, docs/benchmarks.md).
     */
    private Uni<Boolean> known(String deliveryId) {
        return pool.preparedQuery("select 1 from crm_delivery where delivery_id = $1").execute(Tuple.of(deliveryId))
                .map(rows -> rows.size() > 0);
    }

    /** 413 before anything else for a body over {@code deal.webhooks.max-body-size} (also when it came chunked). */
    void checkSize(Request req) {
        long max = config.webhooks().maxBodySize().asLongValue();
        if (req.body().length > max) {
            throw tooLarge("the body has " + req.body().length + " bytes; at most " + max + " are accepted");
        }
    }

    public static ProblemException tooLarge(String detail) {
        return new ProblemException(413, "Content Too Large", detail + " — nothing was accepted; split the delivery",
                "urn:partnerflow:problem:payload-too-large", List.of(new Problem.FieldError("body", detail)));
    }

    /** Invalid CRM data → 400 naming the field (a path into the body, e.g. {@code events[0].data.amount}). */
    static <T> T parse(java.util.function.Supplier<T> parser) {
        try {
            return parser.get();
        } catch (InvalidCrmDataException e) {
            throw new ProblemException(400, "Bad Request", e.getMessage(), "urn:partnerflow:problem:malformed-delivery",
                    e.field() == null ? null : List.of(new Problem.FieldError(e.field(), e.getMessage())));
        }
    }

    static ProblemException unauthorized(SignatureException e) {
        return new ProblemException(401, "Unauthorized", e.getMessage(), "urn:partnerflow:problem:bad-signature", null);
    }

    static String utf8OrFail(byte[] body) {
        String s = utf8(body);
        if (s == null) {
            throw new InvalidCrmDataException("the body is not UTF-8");
        }
        return s;
    }

    static String utf8(byte[] body) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    static String sha256(byte[] body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<String> none() {
        return List.of();
    }
}
