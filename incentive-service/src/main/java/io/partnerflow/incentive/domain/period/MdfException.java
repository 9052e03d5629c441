package io.partnerflow.incentive.domain.period;

import java.util.Objects;

/**
 * An MDF operation refused by the fund's rules. Nothing was changed when it is thrown. {@link #reason()} tells a
 * REST layer how to answer: {@code NOT_FOUND} → 404, the others → 409 (or 422 for {@code OVER_LIMIT} and
 * {@code PROOF_MISSING}, the caller's choice).
 */
public class MdfException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    /** Why an MDF operation was refused. */
    public enum Reason {
        /** The request or claim id is unknown in this fund. */
        NOT_FOUND,
        /** A request or claim with that id already exists in this fund. */
        DUPLICATE,
        /** The request or claim is not in a status that allows the operation (e.g. approving a rejected one). */
        ILLEGAL_STATUS,
        /** The amount exceeds what is left (fund, request or claim). */
        OVER_LIMIT,
        /** A claim without a proof reference. */
        PROOF_MISSING,
        /** The fund has expired (period over): no new requests, request approvals or claims. */
        EXPIRED
    }

    private final Reason reason;

    /** A refusal for an illegal status transition ({@link Reason#ILLEGAL_STATUS}). */
    public MdfException(String message) {
        this(Reason.ILLEGAL_STATUS, message);
    }

    public MdfException(Reason reason, String message) {
        super(message);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public Reason reason() {
        return reason;
    }
}
