package io.partnerflow.deal.application;

import io.partnerflow.deal.api.DealDtos.AddTouchpoint;
import io.partnerflow.deal.api.DealDtos.TouchpointView;
import io.partnerflow.deal.domain.InvalidCrmDataException;
import io.partnerflow.deal.domain.TouchTypes;
import io.partnerflow.deal.persistence.DealEntity;
import io.partnerflow.deal.persistence.TouchpointEntity;
import io.partnerflow.platform.problem.ProblemException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.UUID;

/** Touchpoints entered through REST by channel managers; one transaction each (touchpoint + snapshot). */
@ApplicationScoped
public class ManualTouchpoints {
    private final TouchpointService touchpoints;

    public ManualTouchpoints(TouchpointService touchpoints) {
        this.touchpoints = touchpoints;
    }

    public Uni<TouchpointView> add(UUID dealId, AddTouchpoint cmd, String by) {
        String type;
        try {
            type = TouchTypes.canonical(cmd.type());
        } catch (InvalidCrmDataException e) {
            throw ProblemException.badRequest(e.getMessage());
        }
        return Panache.withTransaction(() -> DealEntity.<DealEntity>findById(dealId)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("no deal " + dealId))
                .chain(d -> touchpoints.addManual(d, UUID.randomUUID(), cmd.partnerId(), type, cmd.occurredAt(),
                        cmd.evidence(), "manual", null, by))
                .map(DealQueries::view));
    }

    public Uni<Void> remove(UUID dealId, UUID touchpointId) {
        return Panache.withTransaction(() -> DealEntity.<DealEntity>findById(dealId)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("no deal " + dealId))
                .chain(d -> TouchpointEntity.<TouchpointEntity>findById(touchpointId)
                        .onItem().ifNull().failWith(() -> ProblemException.notFound("no touchpoint " + touchpointId))
                        .chain(t -> {
                            if (!t.crmSystem.equals(d.crmSystem) || !t.crmDealId.equals(d.crmDealId)) {
                                throw ProblemException.notFound("no touchpoint " + touchpointId + " on deal " + dealId);
                            }
                            return touchpoints.removeNow(t);
                        })));
    }
}
