package io.partnerflow.attribution.application;

import io.partnerflow.attribution.domain.ReattributionPlanner;
import io.partnerflow.attribution.persistence.AttributionEntity;
import io.partnerflow.attribution.persistence.AttributionModelEntity;
import io.partnerflow.contracts.EventJson;
import io.partnerflow.core.money.Money;
import io.partnerflow.platform.jobs.AdvisoryLock;
import io.partnerflow.platform.persistence.Db;
import io.partnerflow.platform.problem.ProblemException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Re-attribution runs (issue #19): preview a model over deals closed in [from, to) — per-partner deltas per
 * currency, counts, totals; nothing published — then apply after approval by ANOTHER user (canonical identity,
 * {@code CurrentUser#identity}). Apply re-plans with the same planner and refuses (409) when the digest moved; the
 * previewed changed deals are then re-attributed by {@link ReattributionRunJob} in chunks (one transaction per chunk
 * under the platform advisory lock), progress in the database, so a restart resumes where it stopped. Event ids are
 * name-based (run + attribution): a deal is published once. One open (previewed or applying) run at a time.
 */
@ApplicationScoped
public class ReattributionRunService {
    static final String LOCK = "attribution.reattribution-run";

    private final ReattributionService reattribution;
    private final AdvisoryLock lock;
    private final Clock clock;

    public ReattributionRunService(ReattributionService reattribution, AdvisoryLock lock, Clock clock) {
        this.reattribution = reattribution;
        this.lock = lock;
        this.clock = clock;
    }

    public record Who(String subject, String identity) {
    }

    public record PartnerDelta(String partnerId, String currency, String before, String after, String delta) {
    }

    /** {@code withoutModel}: deals in range left alone because the model had no version in effect at their close. */
    public record Preview(int examined, int changed, int unchanged, int withoutModel, List<PartnerDelta> partners,
                          Map<String, String> moved) {
    }

    public record Run(UUID runId, String status, String modelName, Integer modelVersion, Instant from, Instant to,
                      String reason, int total, int processed, int skipped, Preview preview, String createdBy,
                      String decidedBy) {
    }

    /** Plans and stores a run; publishes nothing. 404 for an unknown model, 409 when a run is open. */
    public Uni<Run> preview(String modelName, Integer version, Instant from, Instant to, String reason, Who who) {
        UUID runId = UUID.randomUUID();
        return Panache.withTransaction(() -> Db.rows("select id, status from reattribution_job where status in ('previewed', 'applying')")
                .chain(open -> {
                    if (!open.isEmpty()) {
                        throw ProblemException.conflict("one re-attribution run at a time: run " + open.get(0)[0] + " is "
                                + Db.str(open.get(0)[1]) + " (apply or cancel it first)");
                    }
                    return (version == null ? AttributionModelEntity.count("name", modelName)
                            : AttributionModelEntity.count("name = ?1 and version = ?2", modelName, version));
                })
                .chain(n -> {
                    if (n == 0) {
                        throw ProblemException.notFound("no model " + modelName + (version == null ? "" : " version " + version));
                    }
                    return plan(modelName, version, from, to);
                })
                .chain(planned -> {
                    Preview p = view(planned);
                    List<ReattributionPlanner.DealPlan> changed = planned.plans().stream().filter(ReattributionPlanner.DealPlan::changed).toList();
                    Run run = new Run(runId, "previewed", modelName, version, from, to, reason, changed.size(), 0, 0, p, who.subject(), null);
                    Uni<Integer> insert = Db.exec("""
                                    insert into reattribution_job (id, status, model_name, model_version, closed_from, closed_to, reason, digest,
                                        preview, total, created_by, created_by_identity, created_at)
                                    values (?1, 'previewed', ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)""",
                            runId, modelName, version, from, to, reason, planned.preview().digest(), EventJson.writeString(p),
                            changed.size(), who.subject(), who.identity(), clock.instant());
                    for (int i = 0; i < changed.size(); i++) {
                        var in = changed.get(i).input();
                        int seq = i;
                        insert = insert.chain(() -> Db.exec("insert into reattribution_job_deal (job_id, seq, deal_id, attribution_id) values (?1, ?2, ?3, ?4)",
                                runId, seq, in.dealId(), UUID.fromString(in.attributionId())));
                    }
                    return insert.replaceWith(run);
                }))
                .onFailure(f -> f.getMessage() != null && f.getMessage().contains("reattribution_job_one_open"))
                .transform(f -> ProblemException.conflict("one re-attribution run at a time: another run was just opened"));
    }

    public Uni<Run> get(UUID runId) {
        return Panache.withSession(() -> load(runId, false));
    }

    /** Four eyes: never by whoever previewed it (403). Applying an applying/applied run changes nothing. */
    public Uni<Run> apply(UUID runId, Who who) {
        return Panache.withTransaction(() -> Db.rows("select created_by_identity, digest from reattribution_job where id = ?1 for update", runId)
                .chain(rows -> load(runId, false).chain(run -> {
                    if ("applying".equals(run.status()) || "applied".equals(run.status())) {
                        return Uni.createFrom().item(run);
                    }
                    if (!"previewed".equals(run.status())) {
                        throw ProblemException.conflict("run " + runId + " is " + run.status() + ": nothing to apply");
                    }
                    if (who.identity().equals(Db.str(rows.get(0)[0]))) {
                        throw new ProblemException(403, "Forbidden", "four eyes: " + who.subject() + " previewed re-attribution run "
                                + runId + " and cannot also approve it; another user must", "urn:partnerflow:problem:four-eyes", null);
                    }
                    return plan(run.modelName(), run.modelVersion(), run.from(), run.to()).chain(planned -> {
                        if (!planned.preview().digest().equals(Db.str(rows.get(0)[1]))) {
                            throw ProblemException.conflict("the attributions in range changed since the preview of run " + runId
                                    + ": nothing published; cancel it and preview again");
                        }
                        String status = run.total() == 0 ? "applied" : "applying";
                        return Db.exec("""
                                        update reattribution_job set status = ?2, decided_by = ?3, decided_by_identity = ?4, decided_at = ?5,
                                            finished_at = case when ?2 = 'applied' then cast(?5 as timestamptz) end where id = ?1""",
                                runId, status, who.subject(), who.identity(), clock.instant()).chain(() -> load(runId, false));
                    });
                })));
    }

    /** Cancels a previewed or applying run; deals already re-attributed stay so (documented). */
    public Uni<Run> cancel(UUID runId, Who who) {
        return Panache.withTransaction(() -> load(runId, true).chain(run -> {
            if (!"previewed".equals(run.status()) && !"applying".equals(run.status())) {
                throw ProblemException.conflict("run " + runId + " is " + run.status() + ": only a previewed or applying run can be cancelled");
            }
            return Db.exec("update reattribution_job set status = 'cancelled', decided_by = coalesce(decided_by, ?2), "
                            + "decided_by_identity = coalesce(decided_by_identity, ?3), decided_at = coalesce(decided_at, ?4), finished_at = ?4 where id = ?1",
                    runId, who.subject(), who.identity(), clock.instant()).chain(() -> load(runId, false));
        }));
    }

    /**
     * One chunk of the applying run (if any), in ONE transaction under the advisory lock: re-attributes the next
     * {@code chunk} unapplied deals, marks them applied and advances progress; the last chunk finishes the run.
     * Answers how many deals it handled (0: nothing to do or another replica holds the lock).
     */
    public Uni<Integer> applyChunk(int chunk) {
        return Panache.withTransaction(() -> lock.tryLock(LOCK).chain(got -> !got ? Uni.createFrom().item(0)
                : Db.rows("select id, model_name, model_version, reason from reattribution_job where status = 'applying' order by created_at limit 1 for update")
                .chain(jobs -> {
                    if (jobs.isEmpty()) {
                        return Uni.createFrom().item(0);
                    }
                    UUID runId = UUID.fromString(String.valueOf(jobs.get(0)[0]));
                    String model = Db.str(jobs.get(0)[1]);
                    Integer version = jobs.get(0)[2] == null ? null : ((Number) jobs.get(0)[2]).intValue();
                    String reason = Db.str(jobs.get(0)[3]);
                    Instant now = clock.instant();
                    return Db.rows("select seq, attribution_id from reattribution_job_deal where job_id = ?1 and not applied order by seq limit ?2",
                            runId, chunk).chain(deals -> {
                        int[] skipped = {0};
                        Uni<Void> chain = Uni.createFrom().voidItem();
                        for (Object[] d : deals) {
                            int seq = ((Number) d[0]).intValue();
                            UUID attributionId = UUID.fromString(String.valueOf(d[1]));
                            chain = chain.chain(() -> reattribution.reattribute(attributionId, runId, model, version, reason, now)
                                    .invoke(done -> skipped[0] += done ? 0 : 1)
                                    .chain(() -> Db.exec("update reattribution_job_deal set applied = true where job_id = ?1 and seq = ?2", runId, seq))
                                    .replaceWithVoid());
                        }
                        return chain.chain(() -> Db.exec("""
                                        update reattribution_job set processed = processed + ?2, skipped = skipped + ?3,
                                            status = case when processed + ?2 >= total then 'applied' else status end,
                                            finished_at = case when processed + ?2 >= total then cast(?4 as timestamptz) end where id = ?1""",
                                runId, deals.size(), skipped[0], now)).replaceWith(deals.size());
                    });
                })));
    }

    // ------------------------------------------------------------------------------------------ internals

    record Planned(List<ReattributionPlanner.DealPlan> plans, ReattributionPlanner.Preview preview, int withoutModel) {
    }

    /** Plans every active attribution closed in [from, to) in the current session, in (closedAt, dealId) order. */
    private Uni<Planned> plan(String modelName, Integer version, Instant from, Instant to) {
        return AttributionEntity.<AttributionEntity>list("active = true and closedAt >= ?1 and closedAt < ?2 order by closedAt, dealId", from, to)
                .chain(actives -> {
                    List<ReattributionPlanner.DealPlan> plans = new ArrayList<>();
                    ReattributionPlanner.Preview preview = new ReattributionPlanner.Preview();
                    int[] withoutModel = {0};
                    Uni<Void> chain = Uni.createFrom().voidItem();
                    for (AttributionEntity a : actives) {
                        chain = chain.chain(() -> reattribution.load(a.id, modelName, version).invoke(l -> {
                            if (l != null) {
                                ReattributionPlanner.DealPlan p = ReattributionService.plan(l);
                                plans.add(p);
                                preview.add(p);
                            } else {
                                withoutModel[0]++;
                            }
                        }).replaceWithVoid());
                    }
                    return chain.map(x -> new Planned(plans, preview, withoutModel[0]));
                });
    }

    private static Preview view(Planned planned) {
        ReattributionPlanner.Preview p = planned.preview();
        List<PartnerDelta> partners = p.partners().stream().map(d -> new PartnerDelta(d.partnerId(), d.currency(),
                amount(d.before(), d.currency()), amount(d.after(), d.currency()), amount(d.delta(), d.currency()))).toList();
        Map<String, String> moved = new TreeMap<>();
        p.moved().forEach((c, v) -> moved.put(c, amount(v, c)));
        return new Preview(planned.plans().size(), p.changed(), p.unchanged(), planned.withoutModel(), partners, moved);
    }

    private static String amount(BigDecimal v, String currency) {
        return Money.of(v, currency).amountString();
    }

    private Uni<Run> load(UUID runId, boolean forUpdate) {
        return Db.rows("""
                select status, model_name, model_version, closed_from, closed_to, reason, total, processed, skipped, preview,
                    created_by, decided_by from reattribution_job where id = ?1""" + (forUpdate ? " for update" : ""), runId).map(rows -> {
            if (rows.isEmpty()) {
                throw ProblemException.notFound("no re-attribution run " + runId);
            }
            Object[] r = rows.get(0);
            return new Run(runId, Db.str(r[0]), Db.str(r[1]), r[2] == null ? null : ((Number) r[2]).intValue(), Db.instant(r[3]),
                    Db.instant(r[4]), Db.str(r[5]), ((Number) r[6]).intValue(), ((Number) r[7]).intValue(), ((Number) r[8]).intValue(),
                    EventJson.readString(Db.str(r[9]), Preview.class), Db.str(r[10]), Db.str(r[11]));
        });
    }
}
