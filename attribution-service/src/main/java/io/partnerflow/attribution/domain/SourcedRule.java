package io.partnerflow.attribution.domain;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Primary credit: at most one credited partner is "sourced" — the approved registration's partner if it
 * is credited, else the partner of the earliest eligible referral or lead-generation touch; every other
 * credited partner is "influenced". No match → nobody is sourced.
 */
public final class SourcedRule {
    private SourcedRule() {
    }

    public static Optional<String> sourcedPartner(String approvedRegistrationPartnerId,
                                                  List<Touch> creditedChronological,
                                                  Collection<String> creditedPartners) {
        if (approvedRegistrationPartnerId != null && creditedPartners.contains(approvedRegistrationPartnerId)) {
            return Optional.of(approvedRegistrationPartnerId);
        }
        return creditedChronological.stream()
                .filter(t -> t.type() == TouchType.REFERRAL || t.type() == TouchType.LEAD_GENERATION)
                .map(Touch::partnerId)
                .filter(creditedPartners::contains)
                .findFirst();
    }
}
