package io.partnerflow.analytics.application;

import io.partnerflow.analytics.domain.BadgeRules;
import io.partnerflow.analytics.domain.Challenge;
import io.partnerflow.analytics.domain.Metric;
import io.partnerflow.analytics.domain.Period;
import io.partnerflow.analytics.domain.RateGroup;
import io.partnerflow.analytics.domain.Scorecard;
import io.partnerflow.analytics.persistence.GamificationStore;
import io.partnerflow.analytics.persistence.GamificationStore.BadgeRow;
import io.partnerflow.analytics.persistence.GamificationStore.CompletionRow;
import io.partnerflow.contracts.EventType;
import io.partnerflow.contracts.analytics.ChallengeCompleted;
import io.partnerflow.contracts.analytics.PartnerBadgeAwarded;
import io.partnerflow.core.ids.NameBasedIds;
import io.partnerflow.platform.outbox.OutboxEvent;
import io.partnerflow.platform.outbox.OutboxWriter;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Badges and challenge completions as events arrive, inside the consumer's transaction: the projections hand over
 * the partners whose figures changed; their standings are loaded with a constant number of queries, the pure
 * {@link BadgeRules} and {@link Challenge#progress} decide, the new awards/completions are inserted (duplicates skipped
 * by their primary keys) and each NEW one is appended to the outbox with a name-based id — so a redelivery or a
 * rebuild never awards or publishes twice.
 */
@ApplicationScoped
public class GamificationService {
    private final GamificationStore store;
    private final OutboxWriter outbox;
    private final ScorecardQueries scorecards;
    private final Clock clock;

    public GamificationService(GamificationStore store, OutboxWriter outbox, ScorecardQueries scorecards, Clock clock) {
        this.store = store;
        this.outbox = outbox;
        this.scorecards = scorecards;
        this.clock = clock;
    }

    /** The per-event badges of {@code partners} (their lifetime deals won / certifications changed). In a transaction. */
    public Uni<Void> badgesFor(Collection<String> partners) {
        if (partners.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        Instant now = clock.instant();
        return store.standings(partners).chain(standings -> store.held(partners).chain(held -> {
            List<BadgeRules.Award> awards = new ArrayList<>();
            standings.forEach(s -> awards.addAll(BadgeRules.evaluate(s, held.getOrDefault(s.partnerId(), Set.of()))));
            return store.award(awards, now).chain(this::publishBadges);
        }));
    }

    /** The "top 10 % of the quarter" badges of an ENDED quarter. In a transaction. Answers how many were new. */
    public Uni<Integer> topOfQuarter(Period quarter) {
        Instant now = clock.instant();
        return scorecards.load(quarter, null).chain(all -> {
            Map<String, BigDecimal> revenue = new HashMap<>();
            all.forEach((id, s) -> revenue.put(id, s.scorecard().revenue().amount()));
            return store.award(BadgeRules.topOfQuarter(quarter, revenue, scorecards.baseCurrency()), now)
                    .chain(rows -> publishBadges(rows).replaceWith(rows.size()));
        });
    }

    private Uni<Void> publishBadges(List<BadgeRow> rows) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (BadgeRow r : rows) {
            PartnerBadgeAwarded data = new PartnerBadgeAwarded(r.partnerId(), r.code(), r.name(), r.ruleSetVersion(), r.reason(),
                    r.awardedAt());
            OutboxEvent e = new OutboxEvent(NameBasedIds.of("analytics.badge-awarded", r.code(), r.partnerId()),
                    EventType.PARTNER_BADGE_AWARDED.topic(), EventType.PARTNER_BADGE_AWARDED.type(), "partner", r.partnerId(),
                    r.partnerId(), r.awardedAt(), data);
            chain = chain.chain(() -> outbox.append(e));
        }
        return chain;
    }

    /**
     * Detects completions of every challenge among {@code partners} (null = every partner, e.g. when a challenge is
     * created), and of {@code only} challenge when given. In a transaction.
     */
    public Uni<Void> challengesFor(Collection<String> partners, String only) {
        if (partners != null && partners.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return store.challenges(only == null ? null : java.util.UUID.fromString(only)).chain(challenges -> {
            Uni<Void> chain = Uni.createFrom().voidItem();
            for (Challenge c : challenges) {
                chain = chain.chain(() -> progress(c, partners).chain(progress -> {
                    List<Challenge.Progress> reached = progress.values().stream().filter(Challenge.Progress::reached)
                            .sorted(java.util.Comparator.comparing(Challenge.Progress::partnerId)).toList();
                    return store.complete(c.challengeId(), reached, clock.instant()).chain(rows -> publishCompletions(c, rows));
                }));
            }
            return chain;
        });
    }

    /** Each partner's progress in the challenge ({@code partners} null = everyone with a figure in its window). */
    public Uni<Map<String, Challenge.Progress>> progress(Challenge c, Collection<String> partners) {
        Uni<Map<String, BigDecimal>> achieved = c.goal().isMoney()
                ? store.rateGroups(c, scorecards.baseCurrency(), partners).map(groups -> baseAmounts(c, groups))
                : store.counts(c, partners);
        return achieved.map(figures -> {
            Map<String, Challenge.Progress> out = new HashMap<>();
            figures.forEach((id, v) -> out.put(id, c.progress(id, v)));
            return out;
        });
    }

    /** Money figures in the base currency, converted and rounded once like the scorecards (missing rates left out). */
    private Map<String, BigDecimal> baseAmounts(Challenge c, List<RateGroup> groups) {
        Map<String, List<RateGroup>> byPartner = new HashMap<>();
        groups.forEach(g -> byPartner.computeIfAbsent(g.partnerId(), k -> new ArrayList<>()).add(g));
        Map<String, BigDecimal> out = new HashMap<>();
        byPartner.forEach((id, gs) -> out.put(id, Scorecard.build(id, c.window(), scorecards.baseCurrency(), gs, Map.of())
                .base().get(c.goal().metric()).amount()));
        return out;
    }

    private Uni<Void> publishCompletions(Challenge c, List<CompletionRow> rows) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (CompletionRow r : rows) {
            ChallengeCompleted data = new ChallengeCompleted(c.challengeId(), c.name(), r.partnerId(), c.goal().urlName(),
                    c.target().toPlainString(), r.progress().toPlainString(), c.unit(scorecards.baseCurrency()), c.from(), c.to(),
                    c.award(), r.completedAt());
            OutboxEvent e = new OutboxEvent(NameBasedIds.of("analytics.challenge-completed", c.challengeId(), r.partnerId()),
                    EventType.CHALLENGE_COMPLETED.topic(), EventType.CHALLENGE_COMPLETED.type(), "partner", r.partnerId(),
                    r.partnerId(), r.completedAt(), data);
            chain = chain.chain(() -> outbox.append(e));
        }
        return chain;
    }

    /** The partners whose goal figures (deals won, new-logo deals, sourced revenue) a batch's deltas touched. */
    static Set<String> goalPartners(io.partnerflow.analytics.domain.Deltas d) {
        Set<String> out = new TreeSet<>();
        d.counts().keySet().stream().filter(k -> k.metric() == Metric.DEALS_WON || k.metric() == Metric.NEW_LOGO_DEALS_WON)
                .forEach(k -> out.add(k.partnerId()));
        d.amounts().keySet().stream().filter(k -> k.metric() == Metric.SOURCED_REVENUE).forEach(k -> out.add(k.partnerId()));
        return out;
    }
}
