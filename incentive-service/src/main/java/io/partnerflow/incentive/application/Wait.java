package io.partnerflow.incentive.application;

import io.partnerflow.incentive.domain.Outcome;

import java.time.LocalDate;

/** Why work could not complete yet; null fields for FX when it is not about FX. */
record Wait(String reason, String detail, String fxFrom, String fxTo, LocalDate fxDate) {
    static Wait unknownPartner(String partnerId) {
        return new Wait("unknown_partner", "partner " + partnerId + " is not known yet (waiting for partner.registered)", null, null, null);
    }

    static Wait fx(Outcome.MissingFx m) {
        return new Wait("missing_fx", m.describe(), m.from(), m.to(), m.date());
    }

    static Wait queued() {
        return new Wait("queued", "waiting behind earlier pending work for this deal and partner", null, null, null);
    }
}
