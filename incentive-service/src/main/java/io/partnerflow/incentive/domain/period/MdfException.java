package io.partnerflow.incentive.domain.period;

/**
 * An MDF operation refused by the fund's rules (over the remaining allocation, missing proof, illegal status
 * transition, fund expired, unknown request or claim). Nothing was changed when it is thrown. Callers map it to a
 * 409/422 problem.
 */
public class MdfException extends IllegalStateException {

    public MdfException(String message) {
        super(message);
    }
}
