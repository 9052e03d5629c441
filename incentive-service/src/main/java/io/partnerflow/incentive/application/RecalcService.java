package io.partnerflow.incentive.application;

import io.partnerflow.contracts.EventJson;
import io.partnerflow.contracts.EventType;
import io.partnerflow.contracts.incentive.EarningAdjusted;
import io.partnerflow.contracts.incentive.RuleRef;
import io.partnerflow.core.ids.NameBasedIds;
import io.partnerflow.core.money.Money;
import io.partnerflow.incentive.config.IncentiveConfig;
import io.partnerflow.incentive.domain.Periods;
import io.partnerflow.incentive.domain.calc.ActiveProgram;
import io.partnerflow.incentive.domain.calc.RecalcPlanner;
import io.partnerflow.incentive.domain.RuleKind;
import io.partnerflow.incentive.domain.ProgramDefinition;
import io.partnerflow.incentive.domain.ProgramValidator;
import io.partnerflow.incentive.domain.RuleSpec;
import io.partnerflow.incentive.domain.calc.ActiveRule;
import io.partnerflow.incentive.domain.period.CalendarPeriod;
import io.partnerflow.platform.persistence.Db;
import io.partnerflow.platform.problem.Problem;
import io.partnerflow.platform.problem.ProblemException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import static io.partnerflow.incentive.application.EarningWriter.dealSource;
import static io.partnerflow.incentive.application.EarningWriter.forEach;
import static io.partnerflow.incentive.application.EarningWriter.fx;
import static io.partnerflow.incentive.application.EarningWriter.programRef;

/**
 * Recalculation runs: preview a program version over deals closed in a range (deltas per partner, counts, totals —
 * nothing posted), then apply after approval by another user. Apply re-plans with the same pure core
 * ({@link RecalcPlanner} → {@code EarningCalculator}, the accrual's own call) and posts the deltas as
 * {@code earning.adjusted} (reason {@code recalculation}) only if they are exactly the previewed ones; ids are
 * name-based (run + deal + rule + partner) and a later run plans nothing already posted. Deltas are booked in the
 * current month, or the next open one when it is closed: closed periods are never edited. One open run per program.
 */
@ApplicationScoped
public class RecalcService {
    private final EarningWriter writer;
    private final ProgramCatalog catalog;
    private final Reference ref;
    private final IncentiveConfig config;
    private final Clock clock;
    private final PeriodDeltas periodDeltas;

    public RecalcService(EarningWriter writer, ProgramCatalog catalog, Reference ref, IncentiveConfig config, Clock clock,
                         PeriodDeltas periodDeltas) {
        this.periodDeltas = periodDeltas;
        this.writer = writer;
        this.catalog = catalog;
        this.ref = ref;
        this.config = config;
        this.clock = clock;
    }

    public record PartnerDelta(String partnerId, String currency, String delta, int deltas) {
    }

    public record Run(UUID runId, String status, String programCode, int programVersion, Instant closedFrom, Instant closedTo,
                      int credits, int deltaCount, int processed, List<PartnerDelta> partners, Map<String, String> totals,
                      List<RecalcPlanner.Skipped> skipped, String createdBy, String decidedBy, String partnerId, List<String> periods,
                      int periodDeltaCount) {
        Run with(String newStatus, int newProcessed, String decider) {
            return new Run(runId, newStatus, programCode, programVersion, closedFrom, closedTo, credits, deltaCount, newProcessed,
                    partners, totals, skipped, createdBy, decider, partnerId, periods, periodDeltaCount);
        }
    }

    /**
     * A run's plan: the per-deal deltas ({@link RecalcPlanner}) and the deltas of the program's volume rebates and
     * accelerators in the CLOSED periods that lie wholly inside the range ({@link PeriodDeltas}, the close's own computation).
     */
    record FullPlan(RecalcPlanner.Plan perDeal, List<String> periods, List<PeriodDeltas.Planned> periodDeltas) {
        int size() {
            return perDeal.deltas().size() + periodDeltas.size();
        }
    }

    /**
     * Plans and stores a run; publishes nothing. 422 for an unknown program version, 409 when the program has an open run.
     * {@code partnerId} (optional) limits it to one partner's credits — e.g. after a backdated tier override.
     */
    public Uni<Run> preview(String code, int version, Instant from, Instant to, String partnerId, Actor actor) {
        return Panache.withTransaction(() -> programVersion(code, version).chain(program -> Db.rows(
                        "select run_id, status from recalc_run where program_id = ?1 and status in ('previewed', 'applying')", program.programId())
                .chain(open -> {
                    if (!open.isEmpty()) {
                        throw ProblemException.conflict("one recalculation at a time per program: run " + open.get(0)[0] + " of "
                                + code + " is " + Db.str(open.get(0)[1]) + " (apply or cancel it first)");
                    }
                    UUID runId = UUID.randomUUID();
                    return plan(program, from, to, partnerId, runId).map(plan -> Map.entry(runId, plan));
                })
                .chain(planned -> {
                    UUID runId = planned.getKey();
                    FullPlan plan = planned.getValue();
                    Run run = summary(runId, "previewed", program, from, to, partnerId, plan, actor.subject());
                    return Db.exec("""
                                    insert into recalc_run (run_id, program_id, program_code, program_version, closed_from, closed_to, status, preview,
                                        digest, delta_count, created_by, created_by_identity, created_at)
                                    values (?1, ?2, ?3, ?4, ?5, ?6, 'previewed', ?7, ?8, ?9, ?10, ?11, ?12)""",
                            runId, program.programId(), code, version, from, to, EventJson.writeString(run), digest(plan),
                            plan.size(), actor.subject(), actor.identity(), clock.instant()).replaceWith(run);
                })));
    }

    /**
     * What-if of a PROPOSED version of a program over deals (and closed periods) in [from, to): the same plan a
     * recalculation of that version would post — per-deal rules of every kind and the period rules — computed by the same
     * calls; nothing stored, nothing published. 422 for an invalid definition.
     */
    public Uni<Run> whatIf(ProgramDefinition def, Instant from, Instant to, String partnerId, String requestedBy) {
        validate(def);
        return Panache.withSession(() -> catalog.all().chain(all -> {
            ActiveProgram proposed = proposedVersion(def, from, all);
            return plan(proposed, from, to, partnerId, null)
                    .map(plan -> summary(null, "what-if", proposed, from, to, partnerId, plan, requestedBy));
        }));
    }

    /** 422 problem+json naming every problem of a proposed program ({@code definition.<field>}). */
    static void validate(ProgramDefinition def) {
        List<ProgramValidator.Problem> problems = ProgramValidator.validate(def);
        if (!problems.isEmpty()) {
            throw new ProblemException(422, "Unprocessable Content", "the proposed program is not valid: " + problems.size() + " problem(s)",
                    "urn:partnerflow:problem:rule-violation", problems.stream().map(p -> new Problem.FieldError("definition." + p.field(), p.message())).toList());
        }
    }

    /** The version {@code def} would become if published now: the program's next version, its rules' ids and versions. */
    static ActiveProgram proposedVersion(ProgramDefinition def, Instant from, List<ActiveProgram> all) {
        UUID programId = NameBasedIds.of("incentive.program", def.code());
        List<ActiveProgram> existing = all.stream().filter(p -> p.programId().equals(programId)).toList();
        int version = existing.stream().mapToInt(ActiveProgram::version).max().orElse(0) + 1;
        List<ActiveRule> rules = new ArrayList<>();
        for (RuleSpec spec : def.rules()) {
            UUID ruleId = NameBasedIds.of("incentive.rule", programId, spec.key());
            List<ActiveRule> earlier = existing.stream().flatMap(p -> p.rules().stream()).filter(r -> r.ruleId().equals(ruleId)).toList();
            int ruleVersion = earlier.stream().filter(r -> EventJson.writeString(r.spec()).equals(EventJson.writeString(spec)))
                    .mapToInt(ActiveRule::version).findFirst()
                    .orElse(earlier.stream().mapToInt(ActiveRule::version).max().orElse(0) + 1);
            rules.add(new ActiveRule(ruleId, ruleVersion, spec));
        }
        return new ActiveProgram(programId, def.code(), def.name(), def.priorityOrZero(), def.exclusivityGroup(), version,
                def.effectiveFrom() == null ? from : def.effectiveFrom(), def.effectiveTo(), rules);
    }

    public Uni<Run> get(UUID runId) {
        return Panache.withSession(() -> load(runId, false).map(Stored::run));
    }

    /**
     * Four eyes: never by whoever previewed it. Checks the plan is still the previewed one (409 otherwise, nothing
     * posted) and hands the run to {@link RecalcApplyJob} ({@code applying}), which posts it in chunks. Applying an
     * applying or applied run answers it and starts nothing.
     */
    public Uni<Run> apply(UUID runId, Actor actor) {
        return Panache.withTransaction(() -> load(runId, true).chain(s -> {
            if ("applied".equals(s.run().status()) || "applying".equals(s.run().status())) {
                return Uni.createFrom().item(s.run());
            }
            if (!"previewed".equals(s.run().status())) {
                throw ProblemException.conflict("run " + runId + " is " + s.run().status() + ": nothing to apply");
            }
            if (actor.isSamePersonAs(s.createdByIdentity())) {
                throw new ProblemException(403, "Forbidden", "four eyes: " + actor.subject() + " previewed recalculation run " + runId
                        + " and cannot also approve it; another user must", "urn:partnerflow:problem:four-eyes", null);
            }
            return programVersion(s.run().programCode(), s.run().programVersion())
                    .chain(program -> plan(program, s.run().closedFrom(), s.run().closedTo(), s.run().partnerId(), runId).chain(plan -> {
                        if (!digest(plan).equals(s.digest())) {
                            throw ProblemException.conflict("the earnings or credits in range changed since the preview of run " + runId
                                    + ": nothing posted; cancel it and preview again");
                        }
                        return Db.exec("""
                                        update recalc_run set status = 'applying', processed = 0, decided_by = ?2, decided_by_identity = ?3,
                                            decided_at = ?4 where run_id = ?1""",
                                runId, actor.subject(), actor.identity(), clock.instant())
                                .replaceWith(s.run().with("applying", 0, actor.subject()));
                    }));
        }));
    }

    /** A run being applied: its program version and what is left to post (re-planned: what was posted nets out). */
    record Applying(UUID runId, ActiveProgram program, FullPlan remaining, int alreadyPosted) {
    }

    /** The oldest run in {@code applying}, re-planned; null when there is none. */
    Uni<Applying> nextApplying() {
        return Panache.withSession(() -> Db.rows("select run_id from recalc_run where status = 'applying' order by decided_at, run_id limit 1")
                .chain(rows -> rows.isEmpty() ? Uni.createFrom().nullItem() : load((UUID) rows.get(0)[0], false).chain(s ->
                        programVersion(s.run().programCode(), s.run().programVersion()).chain(program ->
                                plan(program, s.run().closedFrom(), s.run().closedTo(), s.run().partnerId(), s.run().runId())
                                        .map(plan -> new Applying(s.run().runId(), program, plan,
                                                Math.max(0, s.run().deltaCount() - plan.size())))))));
    }

    /**
     * Posts deltas [from, to) of the remaining plan in ONE transaction, if the run is still {@code applying} (false when
     * it was cancelled meanwhile); {@code processed} moves with it.
     */
    Uni<Boolean> postChunk(Applying a, int from, int to) {
        return Panache.withTransaction(() -> Db.rows("select status from recalc_run where run_id = ?1 for update", a.runId()).chain(rows -> {
            if (rows.isEmpty() || !"applying".equals(Db.str(rows.get(0)[0]))) {
                return Uni.createFrom().item(false);
            }
            return ref.closedPeriods().chain(closed -> {
                Instant now = clock.instant();
                String booking = Periods.bookingMonth(now, config.periodZone(), closed);
                String note = "recalculation run " + a.runId() + " (" + a.program().code() + " v" + a.program().version() + ")";
                List<RecalcPlanner.Delta> perDeal = a.remaining().perDeal().deltas();
                Uni<Void> chain = Uni.createFrom().voidItem();
                for (int i = from; i < to; i++) {
                    int k = i;
                    chain = chain.chain(() -> k < perDeal.size() ? post(a.runId(), a.program(), perDeal.get(k), booking, now)
                            : periodDeltas.post(a.remaining().periodDeltas().get(k - perDeal.size()), "recalculation", note, a.runId().toString(),
                            note, booking));
                }
                return chain.chain(() -> Db.exec("update recalc_run set processed = ?2 where run_id = ?1", a.runId(), a.alreadyPosted() + to))
                        .replaceWith(true);
            });
        }));
    }

    /** Marks an applying run applied once everything is posted. */
    Uni<Void> finishApplying(UUID runId) {
        return Panache.withTransaction(() -> Db.exec("""
                        update recalc_run set status = 'applied', processed = delta_count, finished_at = ?2
                        where run_id = ?1 and status = 'applying'""", runId, clock.instant()).replaceWithVoid());
    }

    /**
     * Plans and applies in one step, for a decision already taken elsewhere (a backdated tier change, see
     * {@link TierBackdateRecalc}): the same planning and posting as preview + apply, stored as an applied run decided by
     * {@code decidedBy}. Idempotent: a run with this id that exists is answered as is; a plan without deltas stores nothing
     * (answers null). Must run in a transaction (the consumer's).
     */
    public Uni<Run> applyDecided(UUID runId, ActiveProgram program, Instant from, Instant to, String partnerId, String decidedBy) {
        return Db.rows("select run_id from recalc_run where run_id = ?1", runId).chain(existing -> {
            if (!existing.isEmpty()) {
                return load(runId, false).map(Stored::run);
            }
            return plan(program, from, to, partnerId, runId).chain(plan -> {
                if (plan.size() == 0) {
                    return Uni.createFrom().nullItem();
                }
                Instant now = clock.instant();
                Run run = summary(runId, "applied", program, from, to, partnerId, plan, decidedBy).with("applied", plan.size(), decidedBy);
                return Db.exec("""
                                insert into recalc_run (run_id, program_id, program_code, program_version, closed_from, closed_to, status, preview,
                                    digest, delta_count, processed, created_by, created_by_identity, created_at, decided_by, decided_by_identity,
                                    decided_at, finished_at)
                                values (?1, ?2, ?3, ?4, ?5, ?6, 'applied', ?7, ?8, ?9, ?9, ?10, ?10, ?11, ?10, ?10, ?11, ?11)""",
                                runId, program.programId(), program.code(), program.version(), from, to, EventJson.writeString(run), digest(plan),
                                plan.size(), decidedBy, now)
                        .chain(() -> ref.closedPeriods())
                        .chain(closed -> {
                            String booking = Periods.bookingMonth(now, config.periodZone(), closed);
                            return postAll(runId, program, plan, booking, now);
                        })
                        .replaceWith(run);
            });
        });
    }

    public Uni<Run> cancel(UUID runId, Actor actor) {
        return Panache.withTransaction(() -> load(runId, true).chain(s -> {
            if (!"previewed".equals(s.run().status()) && !"applying".equals(s.run().status())) {
                throw ProblemException.conflict("run " + runId + " is " + s.run().status() + ": only a previewed or applying run can be cancelled");
            }
            if ("applying".equals(s.run().status())) { // the approval stays on record; what was posted stays posted
                return Db.exec("update recalc_run set status = 'cancelled', finished_at = ?2 where run_id = ?1", runId, clock.instant())
                        .replaceWith(s.run().with("cancelled", s.run().processed(), s.run().decidedBy()));
            }
            return Db.exec("update recalc_run set status = 'cancelled', decided_by = ?2, decided_by_identity = ?3, decided_at = ?4, finished_at = ?4 where run_id = ?1",
                    runId, actor.subject(), actor.identity(), clock.instant()).replaceWith(s.run().with("cancelled", s.run().processed(), actor.subject()));
        }));
    }

    // ------------------------------------------------------------------------------------------ internals

    private record Stored(Run run, String digest, String createdByIdentity) {
    }

    private Uni<Stored> load(UUID runId, boolean lock) {
        return Db.rows("select preview, status, processed, decided_by, digest, created_by_identity from recalc_run where run_id = ?1"
                + (lock ? " for update" : ""), runId).map(rows -> {
            if (rows.isEmpty()) {
                throw ProblemException.notFound("no recalculation run " + runId);
            }
            Object[] r = rows.get(0);
            Run run = EventJson.readString(Db.str(r[0]), Run.class).with(Db.str(r[1]), ((Number) r[2]).intValue(), Db.str(r[3]));
            return new Stored(run, Db.str(r[4]), Db.str(r[5]));
        });
    }

    private Uni<ActiveProgram> programVersion(String code, int version) {
        return catalog.all().map(all -> all.stream().filter(p -> p.code().equals(code) && p.version() == version).findFirst()
                .orElseThrow(() -> new ProblemException(422, "Unprocessable Content", "no version " + version + " of program " + code,
                        "urn:partnerflow:problem:rule-violation", List.of(new Problem.FieldError("version",
                        "program " + code + " has no version " + version)))));
    }

    /** The whole plan of {@code program} over [from, to); {@code runId} names the period deltas' ids (null for a what-if). */
    Uni<FullPlan> plan(ActiveProgram program, Instant from, Instant to, String partnerId, UUID runId) {
        return perDealPlan(program, from, to, partnerId).chain(perDeal -> closedPeriodsWithin(program, from, to).chain(periods -> {
            List<PeriodDeltas.Planned> out = new ArrayList<>();
            String trigger = "recalculation:" + (runId == null ? "what-if" : runId.toString());
            Uni<Void> chain = Uni.createFrom().voidItem();
            for (CalendarPeriod p : periods) {
                chain = chain.chain(() -> periodDeltas.plan(p, partnerId, program, trigger).invoke(out::addAll).replaceWithVoid());
            }
            return chain.map(x -> new FullPlan(perDeal, periods.stream().map(CalendarPeriod::id).toList(), out));
        }));
    }

    /** The closed periods wholly inside [from, to) whose granularity one of the program's period rules settles. */
    private Uni<List<CalendarPeriod>> closedPeriodsWithin(ActiveProgram program, Instant from, Instant to) {
        java.util.Set<String> granularities = new java.util.TreeSet<>();
        program.rules().forEach(r -> {
            if (r.spec().kind() == RuleKind.VOLUME_REBATE) {
                granularities.add(r.spec().rebate().period());
            } else if (r.spec().kind() == RuleKind.ACCELERATOR) {
                granularities.add(r.spec().accelerator().period());
            }
        });
        if (granularities.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return ref.closedPeriods().map(closed -> closed.stream().map(io.partnerflow.incentive.domain.period.Periods::parse)
                .filter(p -> granularities.contains(p.granularity().code()))
                .filter(p -> !p.startInstant(config.periodZone()).isBefore(from) && !p.endInstant(config.periodZone()).isAfter(to))
                .sorted().toList());
    }

    private Uni<Void> postAll(UUID runId, ActiveProgram program, FullPlan plan, String booking, Instant now) {
        String note = "recalculation run " + runId + " (" + program.code() + " v" + program.version() + ")";
        return forEach(plan.perDeal().deltas(), d -> post(runId, program, d, booking, now))
                .chain(() -> forEach(plan.periodDeltas(), x -> periodDeltas.post(x, "recalculation", note, runId.toString(), note, booking)));
    }

    private Uni<RecalcPlanner.Plan> perDealPlan(ActiveProgram program, Instant from, Instant to, String partnerId) {
        return RecalcInputs.load(program, from, to, config.periodZone(), config.baseCurrency()).map(in -> {
            List<RecalcPlanner.Subject> subjects = in.subjects().stream()
                    .filter(x -> partnerId == null || partnerId.equals(x.partner().partnerId())).toList();
            RecalcPlanner.Plan p = RecalcPlanner.plan(program, subjects, in.net(), config.periodZone());
            List<RecalcPlanner.Skipped> skipped = new ArrayList<>(in.skipped().stream()
                    .filter(x -> partnerId == null || partnerId.equals(x.partnerId())).toList());
            skipped.addAll(p.skipped());
            return new RecalcPlanner.Plan(p.deltas(), skipped, p.subjects());
        });
    }

    private Uni<Void> post(UUID runId, ActiveProgram program, RecalcPlanner.Delta d, String booking, Instant now) {
        var deal = d.subject().credit().deal();
        String attributionId = d.subject().credit().attributionId();
        UUID id = NameBasedIds.of("incentive.recalculation", runId, deal.dealId(), d.ruleId(), d.partnerId());
        EarningAdjusted e = new EarningAdjusted(id.toString(), d.adjusts() == null ? null : d.adjusts().toString(), d.partnerId(),
                programRef(program), new RuleRef(d.ruleId().toString(), d.ruleVersion(), d.ruleName()), d.kind(), "recalculation",
                "recalculation run " + runId + " (" + program.code() + " v" + program.version() + ")", d.result().delta(),
                d.result().deltaOriginal(), d.next() == null ? null : fx(d.next()), dealSource(deal, attributionId, null), runId.toString(),
                booking, now, d.result().explanation());
        return writer.write(new EarningWriter.Row(id, "adjusted", d.partnerId(), d.kind(), program.programId(), d.ruleId(), d.ruleVersion(),
                deal.dealId(), attributionId, runId.toString(), d.result().delta(), d.result().deltaOriginal(),
                d.next() == null ? null : d.next().fx(), booking, d.adjusts(), null), EventType.EARNING_ADJUSTED, e);
    }

    static Run summary(UUID runId, String status, ActiveProgram program, Instant from, Instant to, String partnerId,
                       FullPlan full, String createdBy) {
        RecalcPlanner.Plan plan = full.perDeal();
        Map<String, Integer> counts = new TreeMap<>();
        Map<String, Money> byPartner = new TreeMap<>(plan.totalsByPartner());
        Map<String, Money> byCcy = new TreeMap<>(plan.totals());
        plan.deltas().forEach(d -> counts.merge(d.partnerId() + "|" + d.result().delta().currencyCode(), 1, Integer::sum));
        for (PeriodDeltas.Planned x : full.periodDeltas()) {
            Money m = x.delta().amount();
            counts.merge(x.partnerId() + "|" + m.currencyCode(), 1, Integer::sum);
            byPartner.merge(x.partnerId() + "|" + m.currencyCode(), m, Money::plus);
            byCcy.merge(m.currencyCode(), m, Money::plus);
        }
        List<PartnerDelta> partners = new ArrayList<>();
        byPartner.forEach((k, m) -> partners.add(new PartnerDelta(k.substring(0, k.lastIndexOf('|')), m.currencyCode(),
                m.amountString(), counts.get(k))));
        Map<String, String> totals = new TreeMap<>();
        byCcy.forEach((ccy, m) -> totals.put(ccy, m.amountString()));
        return new Run(runId, status, program.code(), program.version(), from, to, plan.subjects(), full.size(), 0, partners,
                totals, plan.skipped(), createdBy, null, partnerId, full.periods(), full.periodDeltas().size());
    }

    /** What apply must find unchanged: every delta (deal, partner, rule, amounts), in order. */
    static String digest(FullPlan full) {
        RecalcPlanner.Plan plan = full.perDeal();
        StringBuilder sb = new StringBuilder();
        for (PeriodDeltas.Planned x : full.periodDeltas()) {
            sb.append(x.period().id()).append('|').append(x.delta().adjustsEarningId()).append('|').append(x.delta().amount().amountString())
                    .append(x.delta().amount().currencyCode()).append('\n');
        }
        for (RecalcPlanner.Delta d : plan.deltas()) {
            Money m = d.result().delta();
            sb.append(d.subject().dealId()).append('|').append(d.partnerId()).append('|').append(d.ruleId()).append('|')
                    .append(m.amountString()).append(m.currencyCode()).append('|').append(d.result().deltaOriginal().amountString()).append('\n');
        }
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(sb.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
