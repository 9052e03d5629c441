package io.partnerflow.analytics.application;

import io.partnerflow.analytics.domain.Fact;
import io.partnerflow.analytics.domain.ScorecardFold;
import io.partnerflow.analytics.persistence.ScorecardStore;
import io.partnerflow.platform.messaging.EventEnvelope;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Applies consumed events to the scorecard read model, a LIST at a time inside the caller's transaction (the
 * consumer's, after its inbox dedupe): the states of the deals involved loaded with one query, the pure fold, then
 * the changed deal states and the summed deltas written with multi-row upserts — a constant number of statements
 * per batch, whatever its size. Then the badges and challenge completions of the partners whose deals changed
 * ({@link GamificationService}), still in the same transaction.
 */
@ApplicationScoped
public class ScorecardProjection {
    private final ScorecardStore store;
    private final GamificationService gamification;

    public ScorecardProjection(ScorecardStore store, GamificationService gamification) {
        this.store = store;
        this.gamification = gamification;
    }

    public Uni<Void> apply(List<EventEnvelope> events) {
        List<Fact> facts = new ArrayList<>();
        for (EventEnvelope e : events) {
            facts.addAll(EventFacts.of(e));
        }
        if (facts.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        Set<String> deals = new LinkedHashSet<>();
        for (Fact f : facts) {
            if (f instanceof Fact.Attribution a) {
                deals.add(a.dealId());
            } else if (f instanceof Fact.Reversal r) {
                deals.add(r.dealId());
            } else if (f instanceof Fact.MdfCampaign c) {
                deals.addAll(c.dealIds());
            }
        }
        return store.loadDeals(deals).chain(state -> store.loadMdfMarks(deals).chain(marks -> {
            ScorecardFold.Result result = ScorecardFold.fold(state, marks, facts);
            Set<String> goals = GamificationService.goalPartners(result.deltas());
            return store.saveDeals(result.changedDeals().values()).chain(() -> store.saveMdfMarks(result.newMdfMarks()))
                    .chain(() -> store.apply(result.deltas()))
                    // badges and challenge completions of the partners whose deals changed, in the same transaction
                    .chain(() -> gamification.badgesFor(goals)).chain(() -> gamification.challengesFor(goals, null));
        }));
    }
}
