package io.partnerflow.incentive.application;

import io.partnerflow.contracts.EventJson;
import io.partnerflow.incentive.config.IncentiveConfig;
import io.partnerflow.incentive.domain.ProgramDefinition;
import io.partnerflow.platform.persistence.Db;
import io.partnerflow.platform.problem.ProblemException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

/**
 * What-if as a job (issue #19): {@link #submit} validates and queues a proposed program version; a scheduled tick (once
 * per second, one run at a time across replicas via {@code for update skip locked}) plans it with
 * {@link RecalcService#whatIf} — the recalculation's own planning, so the result is what a recalculation of that
 * version would post — and stores the result. Progress is the status (queued → running → done/failed) with its times;
 * a run whose replica stopped is taken up again after {@code incentive.what-if.stale} (it writes nothing but its row).
 */
@ApplicationScoped
public class WhatIfRunJob {
    private static final Logger LOG = Logger.getLogger(WhatIfRunJob.class);

    private final RecalcService recalc;
    private final IncentiveConfig config;
    private final Clock clock;

    public WhatIfRunJob(RecalcService recalc, IncentiveConfig config, Clock clock) {
        this.recalc = recalc;
        this.config = config;
        this.clock = clock;
    }

    public record View(UUID runId, String status, String programCode, Instant closedFrom, Instant closedTo, String partnerId,
                       String requestedBy, Instant createdAt, Instant startedAt, Instant finishedAt, int attempts,
                       RecalcService.Run result, String error) {
    }

    /** Validates (422 for an invalid program, nothing stored) and queues; answers the queued run. */
    public Uni<View> submit(ProgramDefinition def, Instant from, Instant to, String partnerId, Actor actor) {
        RecalcService.validate(def);
        UUID id = UUID.randomUUID();
        Instant now = clock.instant();
        return Panache.withTransaction(() -> Db.exec("""
                        insert into what_if_run (run_id, status, program_code, definition, closed_from, closed_to, partner_id, requested_by, created_at)
                        values (?1, 'queued', ?2, ?3, ?4, ?5, cast(?6 as text), ?7, ?8)""",
                id, def.code(), EventJson.writeString(def), from, to, partnerId, actor.subject(), now))
                .replaceWith(new View(id, "queued", def.code(), from, to, partnerId, actor.subject(), now, null, null, 0, null, null));
    }

    public Uni<View> get(UUID id) {
        return Panache.withSession(() -> Db.rows("""
                        select status, program_code, closed_from, closed_to, partner_id, requested_by, created_at, started_at, finished_at,
                               attempts, result, error from what_if_run where run_id = ?1""", id).map(rows -> {
            if (rows.isEmpty()) {
                throw ProblemException.notFound("no what-if run " + id);
            }
            Object[] r = rows.get(0);
            String result = Db.str(r[10]);
            return new View(id, Db.str(r[0]), Db.str(r[1]), Db.instant(r[2]), Db.instant(r[3]), Db.str(r[4]), Db.str(r[5]), Db.instant(r[6]),
                    Db.instant(r[7]), Db.instant(r[8]), ((Number) r[9]).intValue(),
                    result == null ? null : EventJson.readString(result, RecalcService.Run.class), Db.str(r[11]));
        }));
    }

    @Scheduled(identity = "incentive-what-if-runs", every = "1s", delayed = "5s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public Uni<Void> tick() {
        Instant now = clock.instant();
        return Panache.withTransaction(() -> Db.rows("""
                        update what_if_run set status = 'running', started_at = ?1, attempts = attempts + 1
                        where run_id = (select run_id from what_if_run
                                        where status = 'queued' or (status = 'running' and started_at < ?2)
                                        order by created_at limit 1 for update skip locked)
                        returning run_id, definition, closed_from, closed_to, partner_id, requested_by""", now, now.minus(config.whatIf().stale())))
                .chain(rows -> rows.isEmpty() ? Uni.createFrom().voidItem() : run(rows.get(0)))
                .onFailure().recoverWithUni(t -> {
                    LOG.warnf("what-if tick failed: %s", t.toString());
                    return Uni.createFrom().voidItem();
                });
    }

    private Uni<Void> run(Object[] r) {
        UUID id = (UUID) r[0];
        ProgramDefinition def = EventJson.readString(Db.str(r[1]), ProgramDefinition.class);
        return recalc.whatIf(def, Db.instant(r[2]), Db.instant(r[3]), Db.str(r[4]), Db.str(r[5]))
                .chain(result -> finish(id, "done", EventJson.writeString(result), null))
                .onFailure().recoverWithUni(t -> {
                    LOG.errorf(t, "what-if run %s failed", id);
                    String message = String.valueOf(t.getMessage());
                    return finish(id, "failed", null, message.substring(0, Math.min(500, message.length())));
                });
    }

    private Uni<Void> finish(UUID id, String status, String result, String error) {
        return Panache.withTransaction(() -> Db.exec("""
                        update what_if_run set status = ?2, result = cast(?3 as text), error = cast(?4 as text), finished_at = ?5
                        where run_id = ?1 and status = 'running'""", id, status, result, error, clock.instant()).replaceWithVoid());
    }
}
