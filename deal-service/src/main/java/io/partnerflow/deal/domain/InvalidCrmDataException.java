package io.partnerflow.deal.domain;

/** CRM data that cannot become a deal or touchpoint as it is; the message says why, for the sender. */
public class InvalidCrmDataException extends RuntimeException {
    public InvalidCrmDataException(String message) {
        super(message);
    }

    public InvalidCrmDataException(String message, Throwable cause) {
        super(message, cause);
    }
}
