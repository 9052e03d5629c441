package io.partnerflow.deal.domain.crm;

import io.partnerflow.core.money.Money;
import io.partnerflow.deal.domain.InvalidCrmDataException;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Map;

/** Reading CRM field values (strings) by a field mapping: logical name → the CRM's field/property name. */
final class Fields {
    private final Map<String, String> values;
    private final Map<String, String> mapping;
    private final String what;

    Fields(Map<String, String> values, Map<String, String> mapping, String what) {
        this.values = values;
        this.mapping = mapping;
        this.what = what;
    }

    String name(String logical) {
        return mapping.get(logical);
    }

    String get(String logical) {
        String field = mapping.get(logical);
        if (field == null || field.isBlank()) {
            return null;
        }
        String v = values.get(field);
        return v == null || v.isBlank() ? null : v.trim();
    }

    String require(String logical) {
        String v = get(logical);
        if (v == null) {
            throw new Missing(what + " has no " + logical + " (mapped to field '" + mapping.get(logical) + "')");
        }
        return v;
    }

    /** A required field the record does not have (yet): a HubSpot deal waits for it; anything else is refused. */
    static final class Missing extends InvalidCrmDataException {
        Missing(String message) {
            super(message);
        }
    }

    Money money(String logical, String currency) {
        String v = require(logical);
        try {
            BigDecimal d = new BigDecimal(v);
            BigDecimal stripped = d.stripTrailingZeros();
            return Money.of(stripped.scale() < 0 ? stripped.setScale(0) : stripped, currency);
        } catch (NumberFormatException e) {
            throw new InvalidCrmDataException(what + " " + logical + " '" + v + "' is not a number");
        } catch (IllegalArgumentException e) {
            throw new InvalidCrmDataException(what + " " + logical + ": " + e.getMessage());
        }
    }

    BigDecimal decimal(String logical) {
        String v = get(logical);
        if (v == null) {
            return null;
        }
        try {
            return new BigDecimal(v);
        } catch (NumberFormatException e) {
            throw new InvalidCrmDataException(what + " " + logical + " '" + v + "' is not a number");
        }
    }

    Instant instant(String logical) {
        String v = get(logical);
        return v == null ? null : toInstant(v, what + " " + logical);
    }

    LocalDate date(String logical) {
        Instant i = instant(logical);
        return i == null ? null : LocalDate.ofInstant(i, ZoneOffset.UTC);
    }

    boolean bool(String logical) {
        return "true".equalsIgnoreCase(get(logical));
    }

    /** Epoch milliseconds, an ISO instant (with or without fractional seconds / offset) or a date (midnight UTC). */
    static Instant toInstant(String v, String what) {
        Instant t = parseInstant(v, what);
        if (t.isBefore(io.partnerflow.deal.domain.CrmLimits.EARLIEST) || t.isAfter(io.partnerflow.deal.domain.CrmLimits.LATEST)) {
            throw new InvalidCrmDataException(what + " '" + v + "' is out of range (years 1900 to 9999)");
        }
        return t;
    }

    private static Instant parseInstant(String v, String what) {
        try {
            if (v.matches("-?[0-9]{10,}")) {
                return Instant.ofEpochMilli(Long.parseLong(v));
            }
            if (v.matches("[0-9]{4}-[0-9]{2}-[0-9]{2}")) {
                return LocalDate.parse(v).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            return java.time.OffsetDateTime.parse(v).toInstant();
        } catch (DateTimeParseException | NumberFormatException e) {
            try {
                return Instant.parse(v);
            } catch (DateTimeParseException e2) {
                throw new InvalidCrmDataException(what + " '" + v + "' is not a date/time");
            }
        }
    }
}
