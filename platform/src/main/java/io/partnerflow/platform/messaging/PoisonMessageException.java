package io.partnerflow.platform.messaging;

/**
 * A message that can never be processed as it is (no CloudEvents headers, unparseable or invalid data).
 * It is not retried: it goes straight to the consumer's dead-letter topic with this message as reason.
 */
public class PoisonMessageException extends RuntimeException {
    public PoisonMessageException(String reason) {
        super(reason);
    }

    public PoisonMessageException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
