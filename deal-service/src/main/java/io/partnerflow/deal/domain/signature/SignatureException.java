package io.partnerflow.deal.domain.signature;

/** A delivery whose authenticity could not be proven (→ 401, nothing written). */
public class SignatureException extends RuntimeException {
    public SignatureException(String message) {
        super(message);
    }
}
