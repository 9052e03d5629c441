package io.partnerflow.deal.domain;

import io.partnerflow.core.money.Money;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * The bounds every value from a CRM (and from REST) must keep before anything is stored or published: they match
 * the columns that hold the values ({@code numeric(19,4)} amounts, {@code varchar(n)} ids and names) and refuse
 * control characters (PostgreSQL cannot store NUL; none belongs in a name). A value out of bounds is refused with
 * the field's name, never truncated, rounded or wrapped around.
 */
public final class CrmLimits {
    /** Amounts are stored as numeric(19,4): at most 15 integer digits. */
    public static final BigDecimal MAX_AMOUNT = new BigDecimal("1000000000000000");
    /** Quantities: positive, at most 12 integer digits and 6 decimals. */
    public static final BigDecimal MAX_QUANTITY = new BigDecimal("1000000000000");
    public static final int MAX_QUANTITY_SCALE = 6;
    /** Probability is stored as numeric(9,8). */
    public static final int MAX_PROBABILITY_SCALE = 8;
    /** Instants are ISO 8601 with a four-digit year on the wire (contracts) and timestamptz in the databases. */
    public static final Instant EARLIEST = Instant.parse("1900-01-01T00:00:00Z");
    public static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999999Z");
    /** A CRM record version (or last-modified epoch ms) is a non-negative signed 64-bit integer. */
    public static final long MAX_VERSION = Long.MAX_VALUE;

    public static final int ID = 200;
    public static final int NAME = 500;
    public static final int STAGE = 200;
    public static final int SKU = 200;
    public static final int CATEGORY = 100;
    public static final int TEXT = 4000;
    public static final int REASON = 500;

    private CrmLimits() {
    }

    /** A one-line value (id, name, SKU): at most {@code max} characters, no control characters. Null passes. */
    public static String line(String field, String value, int max) {
        if (value == null) {
            return null;
        }
        if (value.length() > max) {
            throw InvalidCrmDataException.of(field, field + " is longer than " + max + " characters (" + value.length() + ")");
        }
        for (int i = 0; i < value.length(); i++) {
            if (Character.isISOControl(value.charAt(i))) {
                throw InvalidCrmDataException.of(field, field + " contains a control character (U+"
                        + String.format("%04X", (int) value.charAt(i)) + ") at position " + i);
            }
        }
        return value;
    }

    /** Free text (evidence, reasons): at most {@code max} characters; tab and line breaks allowed, no other controls. */
    public static String text(String field, String value, int max) {
        if (value == null) {
            return null;
        }
        if (value.length() > max) {
            throw InvalidCrmDataException.of(field, field + " is longer than " + max + " characters (" + value.length() + ")");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isISOControl(c) && c != '\t' && c != '\n' && c != '\r') {
                throw InvalidCrmDataException.of(field, field + " contains a control character (U+"
                        + String.format("%04X", (int) c) + ") at position " + i);
            }
        }
        return value;
    }

    /** An amount within ±{@link #MAX_AMOUNT} (exclusive). Null passes. */
    public static Money amount(String field, Money m) {
        if (m != null && m.amount().abs().compareTo(MAX_AMOUNT) >= 0) {
            throw InvalidCrmDataException.of(field, field + " " + m.amount().toPlainString()
                    + " is out of range (at most 15 integer digits: below 1000000000000000)");
        }
        return m;
    }

    /** A positive quantity below {@link #MAX_QUANTITY} with at most {@link #MAX_QUANTITY_SCALE} decimals. */
    public static BigDecimal quantity(String field, BigDecimal q) {
        if (q == null) {
            return null;
        }
        if (q.signum() <= 0) {
            throw InvalidCrmDataException.of(field, field + " must be positive, got " + q.toPlainString());
        }
        if (q.compareTo(MAX_QUANTITY) >= 0 || q.stripTrailingZeros().scale() > MAX_QUANTITY_SCALE) {
            throw InvalidCrmDataException.of(field, field + " " + q.toPlainString()
                    + " is out of range (below 1000000000000, at most 6 decimals)");
        }
        return q;
    }

    /** An instant between 1900-01-01 and the end of year 9999 (UTC). Null passes. */
    public static Instant instant(String field, Instant t) {
        if (t != null && (t.isBefore(EARLIEST) || t.isAfter(LATEST))) {
            throw InvalidCrmDataException.of(field, field + " " + t + " is out of range (years 1900 to 9999)");
        }
        return t;
    }

    /** A record version: 0 to 2^63-1. */
    public static long version(String field, long v) {
        if (v < 0) {
            throw InvalidCrmDataException.of(field, field + " must be a non-negative integer, got " + v);
        }
        return v;
    }

    /** The CRM change's own id and version. */
    public static void item(String itemId, long version) {
        if (itemId == null || itemId.isBlank()) {
            throw InvalidCrmDataException.of("id", "\"id\" is missing");
        }
        line("id", itemId, ID);
        version("version", version);
    }

    /**
     * What a CRM may say about a deal, beyond what {@link DealData} itself guarantees (lines summing to the
     * amount, a known stage): bounded names and amounts, no negative line, positive quantities, and a won deal
     * worth something. Fields are named as in the generic format's {@code data} object.
     */
    public static void incoming(DealData d) {
        line("name", d.name(), NAME);
        line("customer.name", d.customer().name(), NAME);
        line("customer.accountId", d.customer().crmAccountId(), ID);
        line("stage", d.stageName(), STAGE);
        amount("amount", d.amount());
        if (d.stage() == Stage.CLOSED_WON && !d.amount().isPositive()) {
            throw InvalidCrmDataException.of("amount", "a won deal needs a positive amount, got " + d.amount().amountString());
        }
        instant("createdAt", d.createdAt());
        instant("closedAt", d.closedAt());
        if (d.expectedCloseDate() != null && (d.expectedCloseDate().getYear() < 1900 || d.expectedCloseDate().getYear() > 9999)) {
            throw InvalidCrmDataException.of("expectedCloseDate", "expectedCloseDate " + d.expectedCloseDate() + " is out of range (years 1900 to 9999)");
        }
        if (d.probability() != null && d.probability().scale() > MAX_PROBABILITY_SCALE) {
            throw InvalidCrmDataException.of("probability", "probability " + d.probability().toPlainString()
                    + " has more than " + MAX_PROBABILITY_SCALE + " decimals");
        }
        for (int i = 0; i < d.lines().size(); i++) {
            LineData l = d.lines().get(i);
            String at = "lines[" + i + "]";
            line(at + ".sku", l.sku(), SKU);
            line(at + ".productName", l.productName(), NAME);
            line(at + ".category", l.category(), CATEGORY);
            quantity(at + ".quantity", l.quantity());
            amount(at + ".amount", l.amount());
            if (l.amount().isNegative()) {
                throw InvalidCrmDataException.of(at + ".amount", "line " + l.lineNumber() + " has a negative amount ("
                        + l.amount().amountString() + "); lines are zero or positive");
            }
            amount(at + ".unitPrice", l.unitPrice());
            if (l.unitPrice() != null && l.unitPrice().isNegative()) {
                throw InvalidCrmDataException.of(at + ".unitPrice", "line " + l.lineNumber() + " has a negative unit price");
            }
        }
    }
}
