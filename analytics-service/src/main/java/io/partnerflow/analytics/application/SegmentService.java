package io.partnerflow.analytics.application;

import io.partnerflow.analytics.application.ScorecardQueries.PartnerScorecard;
import io.partnerflow.analytics.domain.Metric;
import io.partnerflow.analytics.domain.Period;
import io.partnerflow.analytics.domain.SegmentEvaluator;
import io.partnerflow.analytics.domain.SegmentRuleSet;
import io.partnerflow.analytics.persistence.PredictionStore;
import io.partnerflow.analytics.persistence.SegmentStore;
import io.partnerflow.contracts.EventType;
import io.partnerflow.contracts.analytics.PartnerSegmentChanged;
import io.partnerflow.core.ids.NameBasedIds;
import io.partnerflow.platform.jobs.AdvisoryLock;
import io.partnerflow.platform.outbox.OutboxEvent;
import io.partnerflow.platform.outbox.OutboxWriter;
import io.partnerflow.platform.problem.Problem;
import io.partnerflow.platform.problem.ProblemException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;

/**
 * Segment rules (versioned data) and their evaluation: once across replicas (advisory lock), in ONE transaction —
 * figures of every partner loaded with a constant number of queries, the pure {@link SegmentEvaluator}, the changed
 * assignments written with multi-row upserts and one {@code partner.segment-changed} outbox row per change.
 */
@ApplicationScoped
public class SegmentService {
    static final String LOCK = "analytics-segment-evaluation";

    /** What an evaluation did; {@code skipped} when another replica/request held the lock. */
    public record Outcome(String period, int ruleSetVersion, LocalDate asOf, int evaluated, int changed, boolean skipped) {
    }

    private final ScorecardQueries scorecards;
    private final SegmentStore store;
    private final PredictionStore predictions;
    private final OutboxWriter outbox;
    private final AdvisoryLock lock;
    private final Clock clock;

    public SegmentService(ScorecardQueries scorecards, SegmentStore store, PredictionStore predictions, OutboxWriter outbox,
                          AdvisoryLock lock, Clock clock) {
        this.predictions = predictions;
        this.scorecards = scorecards;
        this.store = store;
        this.outbox = outbox;
        this.lock = lock;
        this.clock = clock;
    }

    public Uni<SegmentRuleSet> rules() {
        return Panache.withSession(store::currentRules);
    }

    /** Validates and stores a new version of the rules; nothing is written when a rule is invalid. */
    public Uni<SegmentRuleSet> putRules(SegmentRuleSet proposed, String actor) {
        List<String> problems = proposed.problems();
        if (!problems.isEmpty()) {
            throw ProblemException.badRequest("the segment rules are invalid: " + String.join("; ", problems),
                    problems.stream().map(p -> new Problem.FieldError(p.substring(0, p.indexOf(':')), p.substring(p.indexOf(':') + 2)))
                            .toArray(Problem.FieldError[]::new));
        }
        return Panache.withTransaction(() -> store.addRules(proposed, actor))
                .map(v -> new SegmentRuleSet(v, proposed.rules(), proposed.defaultCode(), proposed.defaultName()));
    }

    public Uni<Map<String, SegmentStore.Row>> assignments(UUID partnerId) {
        return Panache.withSession(() -> store.assignments(partnerId));
    }

    /** The quarter running today (the scheduled evaluation's period). */
    public Period currentQuarter() {
        return Period.quarterOf(LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC));
    }

    /** Evaluates every known partner for {@code quarter} (as of today while it runs, else as of its last day). */
    public Uni<Outcome> evaluate(Period quarter) {
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        LocalDate asOf = quarter.contains(today) ? today : quarter.toExclusive().minusDays(1);
        Instant now = clock.instant();
        return Panache.withTransaction(() -> lock.tryLock(LOCK).chain(locked -> {
            if (!locked) {
                return Uni.createFrom().item(new Outcome(quarter.key(), 0, asOf, 0, 0, true));
            }
            return store.currentRules().chain(rules -> scorecards.load(quarter, null).chain(current ->
                    scorecards.load(quarter.previous(), null).chain(previous -> store.lastDealDays(asOf).chain(lastDeal ->
                            store.assignments(null).chain(before -> latestScores().chain(scores ->
                                    apply(quarter, asOf, now, rules, current, previous, lastDeal, scores, before)))))));
        }));
    }

    private Uni<Outcome> apply(Period quarter, LocalDate asOf, Instant now, SegmentRuleSet rules,
                               Map<String, PartnerScorecard> current, Map<String, PartnerScorecard> previous,
                               Map<String, LocalDate> lastDeal, Map<String, PredictionStore.ScoreRow> scores,
                               Map<String, SegmentStore.Row> before) {
        TreeSet<String> ids = new TreeSet<>(current.keySet());
        ids.addAll(previous.keySet());
        ids.addAll(scores.keySet()); // a partner the latest model scored is evaluated even without revenue in either quarter
        List<SegmentEvaluator.Figures> figures = new ArrayList<>();
        for (String id : ids) {
            LocalDate last = lastDeal.get(id);
            PredictionStore.ScoreRow score = scores.get(id);
            figures.add(new SegmentEvaluator.Figures(id, revenue(current.get(id)), revenue(previous.get(id)),
                    current.containsKey(id) ? current.get(id).scorecard().counts().get(Metric.DEALS_WON) : 0,
                    last == null ? null : ChronoUnit.DAYS.between(last, asOf),
                    score == null ? null : score.atRisk(), score == null ? null : score.modelVersion()));
        }
        Map<String, SegmentEvaluator.Assignment> assigned = SegmentEvaluator.evaluate(rules, figures, scorecards.baseCurrency());
        List<SegmentStore.Row> changed = new ArrayList<>();
        Uni<Void> events = Uni.createFrom().voidItem();
        for (SegmentEvaluator.Assignment a : assigned.values()) {
            SegmentStore.Row was = before.get(a.partnerId());
            if (was != null && was.code().equals(a.code())) {
                continue; // unchanged: nothing written, nothing published
            }
            int changes = was == null ? 1 : was.changes() + 1;
            changed.add(new SegmentStore.Row(a.partnerId(), a.code(), a.name(), rules.version(), a.reason(), quarter.key(), changes, now));
            PartnerSegmentChanged data = new PartnerSegmentChanged(a.partnerId(), was == null ? null : was.code(), a.code(),
                    a.name(), rules.version(), a.reason(), quarter.key(), now);
            OutboxEvent event = new OutboxEvent(NameBasedIds.of("analytics.segment-changed", a.partnerId(), changes),
                    EventType.PARTNER_SEGMENT_CHANGED.topic(), EventType.PARTNER_SEGMENT_CHANGED.type(), "partner",
                    a.partnerId(), a.partnerId(), now, data);
            events = events.chain(() -> outbox.append(event));
        }
        Uni<Void> writes = events;
        return store.save(changed).chain(() -> writes)
                .replaceWith(new Outcome(quarter.key(), rules.version(), asOf, assigned.size(), changed.size(), false));
    }

    /** The scores of the latest trained prediction model (none before the first training), by partner id. */
    private Uni<Map<String, PredictionStore.ScoreRow>> latestScores() {
        return predictions.models().chain(models -> models.isEmpty() ? Uni.createFrom().item(Map.<String, PredictionStore.ScoreRow>of())
                : predictions.scores(models.get(0).version(), null));
    }

    private static BigDecimal revenue(PartnerScorecard s) {
        return s == null ? BigDecimal.ZERO : s.scorecard().revenue().amount();
    }

}
