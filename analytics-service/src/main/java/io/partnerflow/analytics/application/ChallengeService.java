package io.partnerflow.analytics.application;

import io.partnerflow.analytics.domain.Challenge;
import io.partnerflow.analytics.domain.Period;
import io.partnerflow.analytics.persistence.GamificationStore;
import io.partnerflow.analytics.persistence.GamificationStore.CompletionRow;
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
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Challenges (created by channel managers, validated before anything is written), progress, badges read side. */
@ApplicationScoped
public class ChallengeService {

    /** One partner's progress in a challenge, with its completion when there is one. */
    public record PartnerProgress(String partnerId, BigDecimal achieved, BigDecimal percent, boolean completed,
                                  Instant completedAt) {
    }

    private final GamificationStore store;
    private final GamificationService gamification;
    private final ScorecardQueries scorecards;
    private final Clock clock;

    public ChallengeService(GamificationStore store, GamificationService gamification, ScorecardQueries scorecards, Clock clock) {
        this.store = store;
        this.gamification = gamification;
        this.scorecards = scorecards;
        this.clock = clock;
    }

    public String baseCurrency() {
        return scorecards.baseCurrency();
    }

    /**
     * Validates (400 naming each field, nothing written) and stores a challenge, then — in the same transaction —
     * detects the partners whose figures in its window already reach the goal.
     */
    public Uni<Challenge> create(Challenge.Draft draft, String actor) {
        List<String> problems = Challenge.problems(draft, scorecards.baseCurrency());
        if (!problems.isEmpty()) {
            throw ProblemException.badRequest("the challenge is invalid: " + String.join("; ", problems),
                    problems.stream().map(p -> new Problem.FieldError(p.substring(0, p.indexOf(':')), p.substring(p.indexOf(':') + 2)))
                            .toArray(Problem.FieldError[]::new));
        }
        Challenge c = Challenge.of(UUID.randomUUID().toString(), draft);
        return Panache.withTransaction(() -> store.create(c, actor, clock.instant())
                .chain(() -> gamification.challengesFor(null, c.challengeId()))).replaceWith(c);
    }

    public Uni<List<Challenge>> all() {
        return Panache.withSession(() -> store.challenges(null));
    }

    public Uni<Optional<Challenge>> one(UUID id) {
        return Panache.withSession(() -> store.challenges(id)).map(l -> l.stream().findFirst());
    }

    /**
     * Progress in the challenge: of one partner ({@code partnerId} non-null; zero when it has no figure yet) or of every
     * partner with a figure or a completion, highest first, ties by partner id.
     */
    public Uni<List<PartnerProgress>> progress(Challenge c, UUID partnerId) {
        return Panache.withSession(() -> gamification.progress(c, partnerId == null ? null : List.of(partnerId.toString()))
                .chain(progress -> store.completions(c.challengeId(), partnerId).map(done -> {
                    Map<String, Challenge.Progress> all = new java.util.HashMap<>(progress);
                    done.keySet().forEach(id -> all.putIfAbsent(id, c.progress(id, BigDecimal.ZERO)));
                    if (partnerId != null) {
                        all.putIfAbsent(partnerId.toString(), c.progress(partnerId.toString(), BigDecimal.ZERO));
                    }
                    return all.values().stream()
                            .map(p -> {
                                CompletionRow d = done.get(p.partnerId());
                                return new PartnerProgress(p.partnerId(), p.achieved().stripTrailingZeros(), p.percent(), d != null,
                                        d == null ? null : d.completedAt());
                            })
                            .sorted(Comparator.comparing(PartnerProgress::achieved).reversed().thenComparing(PartnerProgress::partnerId))
                            .toList();
                })));
    }

    /** Badges of one partner, or of everyone ({@code partnerId} null), optionally of one badge code. */
    public Uni<List<GamificationStore.BadgeRow>> badges(UUID partnerId, String code) {
        return Panache.withSession(() -> store.badges(partnerId, code));
    }

    /** Awards the "top 10 % of the quarter" badges of a quarter that has ended (400 otherwise). */
    public Uni<Integer> evaluateQuarter(Period quarter) {
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        if (!quarter.isQuarter() || today.isBefore(quarter.toExclusive())) {
            throw ProblemException.badRequest("quarter badges are awarded for a quarter that has ended",
                    new Problem.FieldError("period", "a quarter like 2026-Q3 that ended before today (" + today + ")"));
        }
        return Panache.withTransaction(() -> gamification.topOfQuarter(quarter));
    }

    /** The quarter before the running one (the scheduled job's). */
    public Period previousQuarter() {
        return Period.quarterOf(LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC)).previous();
    }
}
