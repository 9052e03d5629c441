package io.partnerflow.incentive.application;

import io.partnerflow.platform.persistence.Db;
import io.smallrye.mutiny.Uni;

import java.time.Instant;

/** The configuration audit trail: who (token subject), when, before and after. */
final class Audit {
    private Audit() {
    }

    static Uni<Void> record(String entity, String entityId, String actor, Instant at, String before, String after) {
        return Db.exec("insert into config_audit (entity, entity_id, actor, at, before, after) values (?1, ?2, ?3, ?4, cast(?5 as text), cast(?6 as text))",
                entity, entityId, actor, at, before, after).replaceWithVoid();
    }
}
