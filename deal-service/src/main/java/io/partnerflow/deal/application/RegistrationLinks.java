package io.partnerflow.deal.application;

import io.partnerflow.contracts.deal.RegistrationRef;
import io.partnerflow.deal.persistence.DealEntity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** Where deals meet deal registrations (matching, the registration reference in snapshots, conversion). */
@ApplicationScoped
public class RegistrationLinks {

    /** Links an approved registration of the deal's customer to the deal (and adds its touchpoint). */
    public Uni<Void> match(DealEntity deal) {
        return Uni.createFrom().voidItem();
    }

    /** The registration reference of the deal's snapshots, if it has one. */
    public Uni<RegistrationRef> ref(DealEntity deal) {
        return Uni.createFrom().nullItem();
    }

    /** Converts the deal's registration (the deal is won) and returns its reference. */
    public Uni<RegistrationRef> convertIfRegistered(DealEntity deal) {
        return Uni.createFrom().nullItem();
    }
}
