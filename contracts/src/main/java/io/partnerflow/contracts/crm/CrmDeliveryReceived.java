package io.partnerflow.contracts.crm;

import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code partnerflow.crm.delivery-received.v1} on {@code crm.webhooks}, key = {@link #deliveryId()}: one CRM
 * delivery exactly as it was accepted by deal-service's webhook endpoint (after its signature, timestamp
 * tolerance and replay checks passed), appended before the endpoint answered. The normaliser turns it into
 * deal events; kept raw so it can be replayed.
 *
 * @param deliveryId    the delivery's idempotency id: the sender's id ({@code webhook-id}, Salesforce
 *                      notification id, HubSpot event id) — redeliveries of the same delivery carry the same id
 * @param source        the sender format: {@code generic} (Standard Webhooks JSON), {@code salesforce}
 *                      (Outbound Message, SOAP XML) or {@code hubspot} (v3 signed JSON)
 * @param sourceAccount the sending CRM instance (Salesforce org id, HubSpot portal id), when known
 * @param endpoint      the path that accepted the delivery
 * @param receivedAt    when the endpoint accepted it
 * @param contentType   the request's Content-Type
 * @param headers       request headers, names lower-cased, repeated headers joined with ", ";
 *                      credentials (Authorization, Cookie) are never kept
 * @param body          the request body exactly as received ({@code bodyEncoding} tells how it is stored)
 * @param bodyEncoding  {@code utf-8} (body is the text) or {@code base64} (body was not valid UTF-8)
 * @param bodySha256    hex SHA-256 of the raw body bytes
 * @param signature     how the delivery was authenticated
 */
public record CrmDeliveryReceived(
        String deliveryId,
        String source,
        String sourceAccount,
        String endpoint,
        Instant receivedAt,
        String contentType,
        Map<String, String> headers,
        String body,
        String bodyEncoding,
        String bodySha256,
        Signature signature) {

    public CrmDeliveryReceived {
        headers = headers == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(headers));
    }

    /**
     * @param scheme   {@code standard_webhooks}, {@code salesforce_outbound_message} or {@code hubspot_v3}
     * @param keyId    which configured secret verified it (never the secret), when there are several
     * @param signedAt the signed timestamp the tolerance check used
     */
    public record Signature(String scheme, String keyId, Instant signedAt) {
    }
}
