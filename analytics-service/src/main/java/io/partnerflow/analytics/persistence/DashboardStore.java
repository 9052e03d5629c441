package io.partnerflow.analytics.persistence;

import com.fasterxml.jackson.core.type.TypeReference;
import io.partnerflow.analytics.domain.dashboard.Widget;
import io.partnerflow.contracts.EventJson;
import io.partnerflow.platform.persistence.Db;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Saved dashboards, always read and written for one owner (another owner's id reads as absent). Caller's session. */
@ApplicationScoped
public class DashboardStore {

    public record Saved(UUID id, String owner, String name, List<Widget> widgets, Instant createdAt, Instant updatedAt) {
    }

    private static final String COLUMNS = "id, owner, name, widgets, created_at, updated_at";

    public Uni<Void> insert(Saved d, String partnerId) {
        return Db.exec("insert into dashboard (id, owner, partner_id, name, widgets, created_at, updated_at) values (?1, ?2, cast(?3 as uuid), ?4, ?5, ?6, ?7)",
                d.id(), d.owner(), partnerId, d.name(),
                EventJson.writeString(d.widgets()), d.createdAt(), d.updatedAt()).replaceWithVoid();
    }

    public Uni<List<Saved>> list(String owner) {
        return Db.rows("select " + COLUMNS + " from dashboard where owner = ?1 order by created_at, id", owner)
                .map(rows -> rows.stream().map(DashboardStore::saved).toList());
    }

    public Uni<Optional<Saved>> find(UUID id, String owner) {
        return Db.rows("select " + COLUMNS + " from dashboard where id = ?1 and owner = ?2", id, owner)
                .map(rows -> rows.stream().findFirst().map(DashboardStore::saved));
    }

    /** Returns whether the owner's dashboard existed. */
    public Uni<Boolean> update(UUID id, String owner, String name, List<Widget> widgets, Instant at) {
        return Db.exec("update dashboard set name = ?3, widgets = ?4, updated_at = ?5 where id = ?1 and owner = ?2",
                id, owner, name, EventJson.writeString(widgets), at).map(n -> n > 0);
    }

    public Uni<Boolean> delete(UUID id, String owner) {
        return Db.exec("delete from dashboard where id = ?1 and owner = ?2", id, owner).map(n -> n > 0);
    }

    private static Saved saved(Object[] r) {
        List<Widget> widgets = EventJson.mapper().convertValue(EventJson.readTree(Db.str(r[3])), new TypeReference<List<Widget>>() { });
        return new Saved(UUID.fromString(Db.str(r[0])), Db.str(r[1]), Db.str(r[2]), widgets, Db.instant(r[4]), Db.instant(r[5]));
    }
}
