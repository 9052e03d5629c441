package io.partnerflow.analytics.application;

import io.partnerflow.analytics.config.AnalyticsConfig;
import io.partnerflow.analytics.domain.DealActivity;
import io.partnerflow.analytics.domain.Metric;
import io.partnerflow.analytics.persistence.PredictionStore;
import io.partnerflow.analytics.domain.Period;
import io.partnerflow.analytics.domain.RateGroup;
import io.partnerflow.analytics.domain.Scorecard;
import io.partnerflow.analytics.persistence.PartnerStore;
import io.partnerflow.analytics.persistence.ScorecardStore;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.UUID;

/**
 * Reads scorecards: one partner's, or every partner's for a period (four queries in all, whatever the number of
 * partners), each built by the pure {@link Scorecard#build}.
 */
@ApplicationScoped
public class ScorecardQueries {

    /** A scorecard with the partner's dimension and certifications. */
    public record PartnerScorecard(Scorecard scorecard, PartnerStore.Profile profile,
                                   PartnerStore.Certifications certifications, DealActivity.Figures activity) {
    }

    private final ScorecardStore facts;
    private final PartnerStore partners;
    private final PredictionStore pipeline;
    private final String baseCurrency;

    public ScorecardQueries(ScorecardStore facts, PartnerStore partners, PredictionStore pipeline, AnalyticsConfig config) {
        this.facts = facts;
        this.partners = partners;
        this.pipeline = pipeline;
        this.baseCurrency = config.baseCurrency();
    }

    public String baseCurrency() {
        return baseCurrency;
    }

    /** The partner's scorecard; empty when nothing at all is known of the partner. */
    public Uni<Optional<PartnerScorecard>> one(UUID partnerId, Period period) {
        return Panache.withSession(() -> partners.known(partnerId).chain(known -> {
            if (!known) {
                return Uni.createFrom().item(Optional.<PartnerScorecard>empty());
            }
            return load(period, partnerId).map(all -> Optional.ofNullable(all.get(partnerId.toString())));
        }));
    }

    /** Every partner known (by profile or by a fact in the period), by partner id. Must run in a session. */
    public Uni<List<PartnerScorecard>> all(Period period) {
        return Panache.withSession(() -> load(period, null)).map(m -> new ArrayList<>(m.values()));
    }

    Uni<Map<String, PartnerScorecard>> load(Period period, UUID partnerId) {
        return facts.rateGroups(period, baseCurrency, partnerId).chain(groups -> facts.counts(period, partnerId)
                .chain(counts -> partners.profiles(partnerId).chain(profiles -> partners.certifications(period, partnerId)
                        .chain(certs -> pipeline.touchedDeals(partnerId == null ? null : partnerId.toString()).map(deals -> {
                            Map<String, List<DealActivity.PipelineDeal>> touched = new HashMap<>();
                            for (DealActivity.PipelineDeal d : deals) {
                                new TreeSet<>(d.touches().stream().map(DealActivity.Touch::partnerId).toList())
                                        .forEach(id -> touched.computeIfAbsent(id, k -> new ArrayList<>()).add(d));
                            }
                            Map<String, List<RateGroup>> byPartner = new HashMap<>();
                            groups.forEach(g -> byPartner.computeIfAbsent(g.partnerId(), k -> new ArrayList<>()).add(g));
                            TreeSet<String> ids = new TreeSet<>(profiles.keySet());
                            ids.addAll(byPartner.keySet());
                            ids.addAll(counts.keySet());
                            if (partnerId != null) {
                                ids.add(partnerId.toString());
                            }
                            Map<String, PartnerScorecard> out = new HashMap<>();
                            for (String id : ids) {
                                Scorecard s = Scorecard.build(id, period, baseCurrency, byPartner.getOrDefault(id, List.of()),
                                        counts.getOrDefault(id, Map.<Metric, Long>of()));
                                PartnerStore.Profile p = profiles.getOrDefault(id,
                                        new PartnerStore.Profile(id, null, null, null, null, null, null));
                                out.put(id, new PartnerScorecard(s, p, certs.getOrDefault(id, new PartnerStore.Certifications(0, 0)),
                                        DealActivity.of(id, period.from(), period.toExclusive(), touched.getOrDefault(id, List.of()))));
                            }
                            return out;
                        })))));
    }
}
