package io.partnerflow.deal.domain.crm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.partnerflow.core.money.Money;
import io.partnerflow.deal.domain.CrmChange;
import io.partnerflow.deal.domain.CrmLimits;
import io.partnerflow.deal.domain.CustomerData;
import io.partnerflow.deal.domain.DealData;
import io.partnerflow.deal.domain.InvalidCrmDataException;
import io.partnerflow.deal.domain.LineData;
import io.partnerflow.deal.domain.PartnerRef;
import io.partnerflow.deal.domain.StageMapping;
import io.partnerflow.deal.domain.TouchTypes;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Partnerflow's CRM-neutral JSON delivery format (docs/crm-webhooks.md): {@code {"events":[{id, type, version |
 * modifiedAt, data}]}}. Parsing is all-or-nothing: one bad event refuses the delivery, with the event's path in
 * the reason.
 */
public final class GenericFormat {
    public static final String SYSTEM = "generic";
    public static final String DEAL_UPSERTED = "deal.upserted";
    public static final String DEAL_DELETED = "deal.deleted";
    public static final String DEAL_REFUNDED = "deal.refunded";
    public static final String DEAL_CANCELLED = "deal.cancelled";
    public static final String TOUCHPOINT_RECORDED = "touchpoint.recorded";
    public static final String TOUCHPOINT_REMOVED = "touchpoint.removed";

    static final List<String> TYPES = List.of(DEAL_UPSERTED, DEAL_DELETED, DEAL_REFUNDED, DEAL_CANCELLED,
            TOUCHPOINT_RECORDED, TOUCHPOINT_REMOVED);

    private static final ObjectMapper JSON = new ObjectMapper();

    private GenericFormat() {
    }

    public static List<CrmChange> parse(String body, StageMapping stages) {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (Exception e) {
            throw new InvalidCrmDataException("the body is not JSON: " + e.getMessage());
        }
        if (root == null || !root.isObject() || !root.path("events").isArray() || root.path("events").isEmpty()) {
            throw new InvalidCrmDataException("the body must be an object with a non-empty \"events\" array");
        }
        List<CrmChange> changes = new ArrayList<>();
        int i = 0;
        for (JsonNode e : root.path("events")) {
            String where = "events[" + i++ + "]";
            try {
                changes.add(event(e, stages));
            } catch (InvalidCrmDataException ex) {
                throw ex.under(where, where + ": ");
            } catch (IllegalArgumentException | DateTimeParseException | ArithmeticException ex) {
                throw InvalidCrmDataException.of(where, where + ": " + ex.getMessage());
            }
        }
        return changes;
    }

    private static CrmChange event(JsonNode e, StageMapping stages) {
        String id = text(e, "id", true);
        String type = text(e, "type", true);
        long version = version(e);
        JsonNode data = e.path("data");
        if (!data.isObject()) {
            throw InvalidCrmDataException.of("data", "\"data\" must be an object");
        }
        if (!TYPES.contains(type)) {
            throw InvalidCrmDataException.of("type", "unknown event type '" + type + "' (expected " + TYPES + ")");
        }
        try {
            return change(e, id, type, version, data, stages);
        } catch (InvalidCrmDataException ex) {
            // the change's id, version (and a deletion's or reversal's occurredAt) are the event's; the rest is "data"
            String f = ex.field();
            boolean eventLevel = f == null || f.equals("id") || f.equals("version")
                    || (f.equals("occurredAt") && !type.equals(TOUCHPOINT_RECORDED));
            throw eventLevel ? ex : ex.under("data", null);
        }
    }

    private static String touchType(JsonNode data) {
        try {
            return TouchTypes.canonical(text(data, "type", true));
        } catch (InvalidCrmDataException ex) {
            throw InvalidCrmDataException.of("type", ex.getMessage());
        }
    }

    private static CrmChange change(JsonNode e, String id, String type, long version, JsonNode data, StageMapping stages) {
        return switch (type) {
            case DEAL_UPSERTED -> new CrmChange.DealUpserted(id, SYSTEM, text(data, "dealId", true), version,
                    deal(data, stages));
            case DEAL_DELETED -> new CrmChange.DealDeleted(id, SYSTEM, text(data, "dealId", true), version,
                    instant(e, "occurredAt", false));
            case DEAL_REFUNDED, DEAL_CANCELLED -> new CrmChange.DealReversal(id, SYSTEM, text(data, "dealId", true),
                    version, type.equals(DEAL_REFUNDED) ? "refund" : "cancellation",
                    orElse(text(data, "reason", false), type.equals(DEAL_REFUNDED) ? "refunded in the CRM" : "cancelled in the CRM"),
                    instant(e, "occurredAt", false), reversalLines(data, type.equals(DEAL_REFUNDED)));
            case TOUCHPOINT_RECORDED -> new CrmChange.TouchpointRecorded(id, SYSTEM,
                    text(data, "touchpointId", true), version, text(data, "dealId", true),
                    PartnerRef.of(text(data, "partnerId", false), SYSTEM, text(data, "partnerAccountId", false)),
                    touchType(data), instant(data, "occurredAt", true),
                    text(data, "evidence", false));
            case TOUCHPOINT_REMOVED -> new CrmChange.TouchpointRemoved(id, SYSTEM, text(data, "touchpointId", true),
                    version);
            default -> throw new IllegalStateException(type);
        };
    }

    private static DealData deal(JsonNode d, StageMapping stages) {
        String currency = text(d, "currency", true);
        Money amount = money(d, "amount", currency);
        JsonNode c = d.path("customer");
        if (!c.isObject()) {
            throw InvalidCrmDataException.of("customer", "data.customer must be an object");
        }
        CustomerData customer;
        try {
            customer = new CustomerData(text(c, "name", true), text(c, "domain", false),
                    text(c, "country", true), text(c, "accountId", false));
        } catch (InvalidCrmDataException ex) {
            throw ex.under("customer", null);
        }
        List<LineData> lines = new ArrayList<>();
        JsonNode ls = d.path("lines");
        if (!ls.isArray() || ls.isEmpty()) {
            throw InvalidCrmDataException.of("lines", "data.lines must be a non-empty array (the lines sum to the amount)");
        }
        int n = 0;
        for (JsonNode l : ls) {
            String at = "lines[" + n++ + "]";
            try {
                int number = l.hasNonNull("lineNumber") ? lineNumber(l) : n;
                lines.add(new LineData(number, text(l, "sku", true), text(l, "productName", false),
                        text(l, "category", true), CrmLimits.quantity("quantity", decimal(l, "quantity")),
                        l.hasNonNull("unitPrice") ? money(l, "unitPrice", currency) : null, money(l, "amount", currency)));
            } catch (InvalidCrmDataException ex) {
                throw ex.under(at, at + ": ");
            }
        }
        String stageName = text(d, "stage", true);
        String expected = text(d, "expectedCloseDate", false);
        LocalDate expectedDate;
        try {
            expectedDate = expected == null ? null : LocalDate.parse(expected);
        } catch (DateTimeParseException ex) {
            throw InvalidCrmDataException.of("expectedCloseDate", "\"expectedCloseDate\" is not an ISO date: " + expected);
        }
        return new DealData(text(d, "name", true), customer, amount, lines, stageName, stages.map(stageName),
                text(d, "type", false), instant(d, "createdAt", true), instant(d, "closedAt", false),
                expectedDate, decimal(d, "probability"));
    }

    private static int lineNumber(JsonNode l) {
        JsonNode v = l.path("lineNumber");
        if (!v.isIntegralNumber() || !v.canConvertToInt() || v.asInt() < 1) {
            throw InvalidCrmDataException.of("lineNumber", "\"lineNumber\" must be a JSON integer from 1 to " + Integer.MAX_VALUE
                    + ", got " + v);
        }
        return v.asInt();
    }

    private static List<CrmChange.LineAmount> reversalLines(JsonNode d, boolean required) {
        JsonNode ls = d.path("lines");
        if (ls.isMissingNode() || ls.isNull()) {
            if (required) {
                throw new InvalidCrmDataException("a refund names its lines and amounts (data.lines)");
            }
            return List.of();
        }
        if (!ls.isArray()) {
            throw new InvalidCrmDataException("data.lines must be an array");
        }
        String currency = text(d, "currency", true);
        List<CrmChange.LineAmount> out = new ArrayList<>();
        int n = 0;
        for (JsonNode l : ls) {
            String at = "lines[" + n++ + "]";
            try {
                if (!l.hasNonNull("lineNumber")) {
                    throw InvalidCrmDataException.of("lineNumber", "each refunded line needs its lineNumber");
                }
                Money m = money(l, "amount", currency);
                if (!m.isPositive()) {
                    throw InvalidCrmDataException.of("amount", "refunded amounts are positive, got " + m.amountString());
                }
                out.add(new CrmChange.LineAmount(lineNumber(l), m, CrmLimits.quantity("quantity", decimal(l, "quantity"))));
            } catch (InvalidCrmDataException ex) {
                throw ex.under(at, at + ": ");
            }
        }
        if (required && out.isEmpty()) {
            throw new InvalidCrmDataException("a refund names at least one line");
        }
        return out;
    }

    /**
     * The record's version: a JSON integer from 0 to 2^63-1 (a bigger one is refused, never wrapped around), or
     * else the record's {@code modifiedAt} (epoch milliseconds).
     */
    private static long version(JsonNode e) {
        JsonNode v = e.path("version");
        if (v.isMissingNode() || v.isNull()) {
            Instant modified = instant(e, "modifiedAt", false);
            if (modified == null) {
                throw InvalidCrmDataException.of("version", "each event needs the record's \"version\" or \"modifiedAt\"");
            }
            return modified.toEpochMilli();
        }
        if (!v.isIntegralNumber()) {
            throw InvalidCrmDataException.of("version", "\"version\" must be a JSON integer from 0 to " + CrmLimits.MAX_VERSION
                    + ", got " + (v.isTextual() ? "a string" : v.getNodeType().toString().toLowerCase(java.util.Locale.ROOT)));
        }
        if (!v.canConvertToLong() || v.asLong() < 0) {
            throw InvalidCrmDataException.of("version", "\"version\" " + v.asText() + " is out of range (0 to "
                    + CrmLimits.MAX_VERSION + ")");
        }
        return v.asLong();
    }

    static String text(JsonNode n, String field, boolean required) {
        JsonNode v = n.path(field);
        if (v.isMissingNode() || v.isNull() || (v.isTextual() && v.asText().isBlank())) {
            if (required) {
                throw InvalidCrmDataException.of(field, "\"" + field + "\" is missing");
            }
            return null;
        }
        if (!v.isValueNode()) {
            throw InvalidCrmDataException.of(field, "\"" + field + "\" must be a string");
        }
        // control characters are refused here (not trimmed away), one-line fields and free text alike
        return CrmLimits.text(field, v.asText(), Integer.MAX_VALUE).trim();
    }

    private static Money money(JsonNode n, String field, String currency) {
        JsonNode v = n.path(field);
        if (v.isNumber()) {
            throw InvalidCrmDataException.of(field, "\"" + field + "\" must be a decimal string like \"12.34\", not a JSON number");
        }
        String s = text(n, field, true);
        try {
            return CrmLimits.amount(field, Money.of(s, currency));
        } catch (IllegalArgumentException e) {
            throw InvalidCrmDataException.of(field, "\"" + field + "\": " + e.getMessage());
        }
    }

    private static BigDecimal decimal(JsonNode n, String field) {
        String s = text(n, field, false);
        if (s == null) {
            return null;
        }
        try {
            if (!s.matches("-?[0-9]{1,20}(\\.[0-9]{1,20})?")) {
                throw new NumberFormatException();
            }
            return new BigDecimal(s);
        } catch (NumberFormatException e) {
            throw InvalidCrmDataException.of(field, "\"" + field + "\" is not a plain decimal like \"1.5\" (at most 20 digits before and after the point): " + s);
        }
    }

    static Instant instant(JsonNode n, String field, boolean required) {
        String s = text(n, field, required);
        if (s == null) {
            return null;
        }
        try {
            return CrmLimits.instant(field, Instant.parse(s));
        } catch (DateTimeParseException e) {
            throw InvalidCrmDataException.of(field, "\"" + field + "\" is not an ISO 8601 UTC instant: " + s);
        }
    }

    private static String orElse(String s, String fallback) {
        return s == null ? fallback : s;
    }
}
