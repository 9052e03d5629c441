package io.partnerflow.partner.application;

import io.partnerflow.partner.api.TierDtos;
import io.partnerflow.partner.api.TierDtos.CurrentTierView;
import io.partnerflow.partner.api.TierDtos.HistoryEntryView;
import io.partnerflow.partner.api.TierDtos.MetricCheckView;
import io.partnerflow.partner.domain.tier.Criterion;
import io.partnerflow.partner.domain.tier.EvaluationDates;
import io.partnerflow.partner.domain.tier.Ladder;
import io.partnerflow.partner.domain.tier.MetricCalculator;
import io.partnerflow.partner.domain.tier.Tier;
import io.partnerflow.partner.domain.tier.TierEvaluator;
import io.partnerflow.partner.persistence.TierHistoryEntity;
import io.partnerflow.partner.persistence.TierStateEntity;
import io.partnerflow.platform.problem.ProblemException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** Tier reads: where a partner stands, its history, its tier on a date, its metrics as of a date. */
@ApplicationScoped
public class TierReads {
    private final LadderService ladders;
    private final MetricFactsStore facts;
    private final Clock clock;

    public TierReads(LadderService ladders, MetricFactsStore facts, Clock clock) {
        this.ladders = ladders;
        this.facts = facts;
        this.clock = clock;
    }

    public Uni<CurrentTierView> current(UUID partnerId) {
        return Panache.withSession(() -> PartnerService.find(partnerId)
                .chain(p -> TierStateEntity.<TierStateEntity>findById(partnerId))
                .chain(st -> TierHistoryEntity.<TierHistoryEntity>find(
                                "partnerId = ?1 order by effectiveAt desc, seq desc", partnerId).firstResult()
                        .chain(last -> TierService.pendingProposal(partnerId).chain(pending -> (st == null || st.ladderVersion == null
                                ? Uni.createFrom().item(Optional.<Ladder>empty()) : ladders.ladder(st.ladderId, st.ladderVersion))
                                .map(ladder -> {
                                    Optional<Tier> tier = ladder.flatMap(l -> st.tierCode == null ? Optional.empty()
                                            : l.tier(st.tierCode));
                                    LocalDate due = st == null || st.failingSince == null || ladder.isEmpty() ? null
                                            : st.failingSince.plusDays(ladder.get().demotionGraceDays());
                                    return new CurrentTierView(partnerId,
                                            tier.map(t -> new TierDtos.TierRef(t.code(), t.name(), t.rank())).orElse(null),
                                            last == null ? null : last.effectiveAt,
                                            st == null ? null : st.ladderVersion,
                                            tier.map(LadderService::benefits).orElse(List.of()),
                                            st == null || st.overrideTierCode == null ? null
                                                    : new TierDtos.OverrideView(st.overrideTierCode, st.overrideReason,
                                                    st.overrideExpiresAt, st.overrideBy),
                                            st == null ? null : st.failingSince, due,
                                            st == null ? null : st.lastAsOf, st == null ? null : st.lastEvaluatedAt,
                                            st == null ? null : st.evaluationStatus,
                                            st == null ? null : st.evaluationNote,
                                            pending == null ? null : TierViews.proposalView(pending));
                                })))));
    }

    public Uni<List<HistoryEntryView>> history(UUID partnerId) {
        return Panache.withSession(() -> PartnerService.find(partnerId).chain(p -> TierHistoryEntity
                        .<TierHistoryEntity>list("partnerId = ?1 order by effectiveAt, seq", partnerId)))
                .map(l -> l.stream().map(TierViews::historyView).toList());
    }

    /** The history entry in effect at {@code at} ("which tier was P on date D"), or 404 when none was. */
    public Uni<HistoryEntryView> tierAt(UUID partnerId, Instant atOrNull) {
        Instant at = atOrNull == null ? Times.now(clock) : atOrNull;
        return Panache.withSession(() -> PartnerService.find(partnerId).chain(p -> TierHistoryEntity
                        .<TierHistoryEntity>find("partnerId = ?1 and effectiveAt <= ?2 order by effectiveAt desc, seq desc",
                                partnerId, at).<TierHistoryEntity>firstResult()))
                .onItem().ifNull().failWith(() -> ProblemException.notFound("partner " + partnerId + " had no tier at " + at))
                .map(TierViews::historyView);
    }

    public Uni<TierDtos.MetricsView> metrics(UUID partnerId, LocalDate asOf) {
        Instant now = Times.now(clock);
        LocalDate date = asOfOrToday(asOf, now);
        return Panache.withSession(() -> PartnerService.find(partnerId).chain(p -> ladders.ladderAt(p.type, EvaluationDates.atFor(date, now))
                .chain(l -> l.isEmpty() ? ladders.latest(p.type) : Uni.createFrom().item(l))
                .chain(ladderOpt -> {
                    Ladder ladder = ladderOpt.orElseThrow(() -> ProblemException.notFound("no tier ladder is configured"));
                    return measure(partnerId, ladder, date).map(r -> {
                        List<MetricCheckView> values = new ArrayList<>();
                        Tier qualified = null;
                        if (!r.pending()) {
                            r.values().values().stream()
                                    .sorted(Comparator.comparing((io.partnerflow.partner.domain.tier.MetricValue v) -> v.key().metric())
                                            .thenComparingInt(v -> v.key().windowMonths()))
                                    .forEach(v -> values.add(new MetricCheckView(v.key().metric(), v.key().metric().wire(),
                                            v.key().metric().windowed() ? v.key().windowMonths() : null,
                                            v.value().toPlainString(), v.unit(), null, true, v.windowStart(), v.windowEnd())));
                            qualified = TierEvaluator.qualified(ladder, r.values());
                        }
                        return new TierDtos.MetricsView(partnerId, date, ladders.baseCurrency(), values, r.missing(),
                                qualified == null ? null : new TierDtos.TierRef(qualified.code(), qualified.name(),
                                        qualified.rank()));
                    });
                })));
    }


    /** Measures every metric the ladder needs, as of {@code asOf}. Must run in a session. */
    Uni<MetricCalculator.Result> measure(UUID partnerId, Ladder ladder, LocalDate asOf) {
        int maxWindow = ladder.metricKeys().stream().mapToInt(Criterion.MetricKey::windowMonths).max().orElse(0);
        String base = ladders.baseCurrency();
        return facts.load(partnerId, asOf.minusMonths(maxWindow), asOf).chain(f -> {
            Set<String> currencies = new HashSet<>();
            f.revenue().forEach(r -> currencies.add(r.amount().currencyCode()));
            currencies.remove(base);
            return facts.rates(currencies, base, asOf)
                    .map(fx -> MetricCalculator.compute(ladder.metricKeys(), f, fx, asOf, base));
        });
    }


    /** {@code asOf}, or today when absent; 422 for a future date. */
    static LocalDate asOfOrToday(LocalDate asOf, Instant now) {
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        if (asOf == null) {
            return today;
        }
        if (asOf.isAfter(today)) {
            throw ProblemException.unprocessable("asOf " + asOf + " is in the future (today is " + today + ")");
        }
        return asOf;
    }

}
