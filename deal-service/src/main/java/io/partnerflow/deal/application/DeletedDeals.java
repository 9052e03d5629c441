package io.partnerflow.deal.application;

import io.partnerflow.platform.persistence.Pg;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Tombstones of deleted CRM deals (in {@code crm_record_state}, object type {@code deal_deleted}), so that an
 * older upsert arriving after the deletion does not bring the deal back.
 */
final class DeletedDeals {
    private DeletedDeals() {
    }

    static Uni<Long> deletedVersion(String crmSystem, String crmDealId) {
        NormaliserScope scope = NormaliserScope.current();
        if (scope != null && scope.coversDeletion(crmSystem, crmDealId)) {
            return Uni.createFrom().item(scope.deletedVersion(crmSystem, crmDealId));
        }
        // on the raw connection (Pg): a native SELECT through Hibernate misses its plan cache on every execution
        return Pg.strings("""
                        select properties from crm_record_state
                        where crm_system = $1 and object_type = 'deal_deleted' and external_id = $2""", crmSystem, crmDealId)
                .map(l -> l.isEmpty() ? null : Long.parseLong(l.get(0)));
    }

    static Uni<Void> remember(String crmSystem, String crmDealId, long version, Instant now) {
        NormaliserScope scope = NormaliserScope.current();
        if (scope != null) {
            scope.deletedAt(crmSystem, crmDealId, version);
        }
        return Panache.getSession().chain(s -> s.createNativeQuery("""
                        insert into crm_record_state (crm_system, object_type, external_id, properties, updated_at)
                        values (?1, 'deal_deleted', ?2, ?3, ?4)
                        on conflict (crm_system, object_type, external_id)
                        do update set properties = excluded.properties, updated_at = excluded.updated_at""")
                .setParameter(1, crmSystem).setParameter(2, crmDealId).setParameter(3, Long.toString(version))
                .setParameter(4, OffsetDateTime.ofInstant(now, ZoneOffset.UTC)).executeUpdate()).replaceWithVoid();
    }
}
