package io.partnerflow.payout.domain.returns;

/** A return file that cannot be read: {@code field} names where (an XML path or a NACHA line), the message the rule. */
public class ReturnFileException extends RuntimeException {
    private final String field;

    public ReturnFileException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
