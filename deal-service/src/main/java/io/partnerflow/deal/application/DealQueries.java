package io.partnerflow.deal.application;

import io.partnerflow.deal.api.DealDtos.CustomerView;
import io.partnerflow.deal.api.DealDtos.DealView;
import io.partnerflow.deal.api.DealDtos.TouchpointView;
import io.partnerflow.deal.persistence.DealEntity;
import io.partnerflow.deal.persistence.TouchpointEntity;
import io.partnerflow.platform.problem.ProblemException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.UUID;

/** Read side of deals and touchpoints. */
@ApplicationScoped
public class DealQueries {

    public Uni<DealView> get(UUID id) {
        return Panache.withSession(() -> DealEntity.<DealEntity>findById(id)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("no deal " + id))
                .chain(DealQueries::view));
    }

    public Uni<DealView> byCrm(String crmSystem, String crmDealId) {
        return Panache.withSession(() -> DealEntity.<DealEntity>find("crmSystem = ?1 and crmDealId = ?2", crmSystem, crmDealId)
                .firstResult()
                .onItem().ifNull().failWith(() -> ProblemException.notFound("no deal " + crmSystem + "/" + crmDealId))
                .chain(DealQueries::view));
    }

    public Uni<List<TouchpointView>> pending() {
        return Panache.withSession(() -> TouchpointEntity.<TouchpointEntity>list(
                "partnerId is null and removed = false order by createdAt, id")).map(l -> l.stream().map(DealQueries::view).toList());
    }

    static Uni<DealView> view(DealEntity d) {
        return TouchpointEntity.<TouchpointEntity>list("crmSystem = ?1 and crmDealId = ?2 and removed = false order by occurredAt, id",
                d.crmSystem, d.crmDealId).map(tps -> new DealView(d.id, d.crmSystem, d.crmDealId, d.crmVersion,
                d.revision, d.name, new CustomerView(d.customerName, d.customerDomain, d.customerCountry,
                d.customerCrmAccountId), DealService.money(d), Lines.read(d.lines), d.stage, d.status, d.dealType,
                d.probability, d.createdAt, d.closedAt, d.expectedCloseDate, d.registrationId,
                tps.stream().map(DealQueries::view).toList()));
    }

    static TouchpointView view(TouchpointEntity t) {
        return new TouchpointView(t.id, t.partnerId, t.partnerRef, t.partnerId == null, t.touchType, t.occurredAt,
                t.evidence, t.source, t.registrationId, t.externalId);
    }
}
