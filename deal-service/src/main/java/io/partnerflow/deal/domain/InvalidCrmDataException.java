package io.partnerflow.deal.domain;

/**
 * CRM data that cannot become a deal or touchpoint as it is; the message says why, for the sender, and
 * {@link #field()} names the offending field when it is known (a path like {@code events[0].data.amount}).
 */
public class InvalidCrmDataException extends RuntimeException {
    private final String field;

    public InvalidCrmDataException(String message) {
        super(message);
        this.field = null;
    }

    /** Wraps a failure with more context in the message; keeps the cause's field. */
    public InvalidCrmDataException(String message, Throwable cause) {
        super(message, cause);
        this.field = cause instanceof InvalidCrmDataException i ? i.field : null;
    }

    private InvalidCrmDataException(String field, String message, Throwable cause) {
        super(message, cause);
        this.field = field;
    }

    /** A failure of one named field. */
    public static InvalidCrmDataException of(String field, String message) {
        return new InvalidCrmDataException(field, message, null);
    }

    /** The field (path) that is wrong, or null when the failure is not about one field. */
    public String field() {
        return field;
    }

    /**
     * The same failure seen from the enclosing object: the field path gets {@code prefix} in front
     * ({@code "data"} + {@code "amount"} → {@code "data.amount"}); the message gets {@code messagePrefix} if not null.
     */
    public InvalidCrmDataException under(String prefix, String messagePrefix) {
        String path = field == null ? prefix : field.startsWith("[") ? prefix + field : prefix + "." + field;
        return new InvalidCrmDataException(path, messagePrefix == null ? getMessage() : messagePrefix + getMessage(), this);
    }
}
