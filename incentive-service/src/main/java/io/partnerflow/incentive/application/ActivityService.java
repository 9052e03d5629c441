package io.partnerflow.incentive.application;

import io.partnerflow.core.ids.NameBasedIds;
import io.partnerflow.incentive.domain.RewardCalculator;
import io.partnerflow.platform.persistence.Db;
import io.partnerflow.platform.problem.ProblemException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/** Partner activities reported over REST; each one is offered to the activity-reward rules in force at its date. */
@ApplicationScoped
public class ActivityService {
    private final EarningEngine engine;
    private final Clock clock;

    public ActivityService(EarningEngine engine, Clock clock) {
        this.engine = engine;
        this.clock = clock;
    }

    public record ActivityView(String activityId, String partnerId, String type, Instant occurredAt, BigDecimal score,
                               String description, String reportedBy, Instant reportedAt) {
    }

    /**
     * Records the activity (idempotent by {@code activityId}: the same id again returns the first report, a
     * different report under the same id is a conflict) and computes its rewards in the same transaction.
     */
    public Uni<ActivityView> report(String partnerId, String activityId, String type, Instant occurredAt, BigDecimal score,
                                    String description, String actor) {
        String id = activityId != null ? activityId
                : NameBasedIds.of("incentive.activity", partnerId, type, occurredAt, score == null ? "-" : score.toPlainString()).toString();
        Instant now = clock.instant();
        return Panache.withTransaction(() -> Db.rows("select partner_id, type, occurred_at from partner_activity where activity_id = ?1", id)
                .chain(existing -> {
                    if (!existing.isEmpty()) {
                        Object[] e = existing.get(0);
                        if (!partnerId.equals(Db.str(e[0])) || !type.equals(Db.str(e[1])) || !occurredAt.equals(Db.instant(e[2]))) {
                            throw ProblemException.conflict("activity " + id + " was already reported with other data");
                        }
                        return Uni.createFrom().voidItem();
                    }
                    return Db.exec("""
                                    insert into partner_activity (activity_id, partner_id, type, occurred_at, score, description, reported_by, reported_at)
                                    values (?1, ?2, ?3, ?4, cast(?5 as numeric), cast(?6 as text), ?7, ?8)""",
                                    id, partnerId, type, occurredAt, score, description, actor, now)
                            .chain(() -> engine.onActivity(partnerId, new RewardCalculator.Activity(id, type, occurredAt, score, description)));
                })
                .chain(() -> list(partnerId, id)).map(l -> l.get(0)));
    }

    public Uni<List<ActivityView>> list(String partnerId, String activityId) {
        return Db.rows("""
                        select activity_id, partner_id, type, occurred_at, score, description, reported_by, reported_at from partner_activity
                        where partner_id = ?1 and (cast(?2 as text) is null or activity_id = cast(?2 as text)) order by occurred_at, activity_id""",
                        partnerId, activityId)
                .map(rows -> rows.stream().map(r -> new ActivityView(Db.str(r[0]), Db.str(r[1]), Db.str(r[2]), Db.instant(r[3]),
                        r[4] == null ? null : Db.decimal(r[4]).stripTrailingZeros(), Db.str(r[5]), Db.str(r[6]), Db.instant(r[7]))).toList());
    }
}
