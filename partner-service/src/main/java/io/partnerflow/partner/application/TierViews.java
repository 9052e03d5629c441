package io.partnerflow.partner.application;

import com.fasterxml.jackson.core.type.TypeReference;
import io.partnerflow.contracts.EventJson;
import io.partnerflow.contracts.partner.PartnerTierChanged;
import io.partnerflow.partner.api.TierDtos;
import io.partnerflow.partner.api.TierDtos.EvaluationView;
import io.partnerflow.partner.api.TierDtos.HistoryEntryView;
import io.partnerflow.partner.api.TierDtos.MetricCheckView;
import io.partnerflow.partner.api.TierDtos.ProposalView;
import io.partnerflow.partner.api.TierDtos.RunView;
import io.partnerflow.partner.domain.tier.Tier;
import io.partnerflow.partner.domain.tier.TierEvaluator;
import io.partnerflow.partner.domain.tier.TierEvaluator.Decision;
import io.partnerflow.partner.persistence.TierHistoryEntity;
import io.partnerflow.partner.persistence.TierProposalEntity;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Tier DTO and event mapping (no I/O): history, proposal and evaluation views, run summaries, wire metrics. */
final class TierViews {
    private TierViews() {
    }

    static RunView summary(LocalDate date, List<EvaluationView> all) {
        int changed = 0, proposed = 0, pending = 0, skipped = 0;
        List<EvaluationView> changes = new ArrayList<>();
        for (EvaluationView v : all) {
            switch (v.outcome()) {
                case "initial", "promoted", "demoted" -> {
                    changed++;
                    changes.add(v);
                }
                case "proposed" -> {
                    proposed++;
                    changes.add(v);
                }
                case "pending" -> pending++;
                case "skipped", "error" -> skipped++;
                default -> {
                }
            }
        }
        return new RunView(date, all.size(), changed, proposed, pending, skipped, changes);
    }

    static List<PartnerTierChanged.Metric> wire(List<TierEvaluator.MetricCheck> checks) {
        return checks.stream().map(c -> new PartnerTierChanged.Metric(c.value().key().metric().wire(),
                c.value().value(), c.value().unit(), c.threshold(), c.met(), c.value().windowStart(),
                c.value().windowEnd())).toList();
    }

    static List<PartnerTierChanged.Metric> readMetrics(String json) {
        try {
            return EventJson.mapper().readValue(json, new TypeReference<List<PartnerTierChanged.Metric>>() {
            });
        } catch (Exception e) {
            throw new IllegalStateException("unreadable metrics", e);
        }
    }

    static EvaluationView skipped(UUID partnerId, LocalDate asOf, String why) {
        return new EvaluationView(partnerId, asOf, "skipped", null, null, null, why, null, List.of(), List.of());
    }

    static EvaluationView view(UUID partnerId, LocalDate asOf, String outcome, Decision d) {
        return new EvaluationView(partnerId, asOf, outcome, ref(d.from()), ref(d.to()), ref(d.qualified()), d.note(),
                d.failingSince(), d.metrics().stream().map(c -> new MetricCheckView(c.value().key().metric(),
                c.value().key().metric().wire(), c.value().key().metric().windowed() ? c.value().key().windowMonths() : null,
                c.value().value().toPlainString(), c.value().unit(), c.threshold().toPlainString(), c.met(),
                c.value().windowStart(), c.value().windowEnd())).toList(), d.missing());
    }

    static TierDtos.TierRef ref(Tier t) {
        return t == null ? null : new TierDtos.TierRef(t.code(), t.name(), t.rank());
    }

    static HistoryEntryView historyView(TierHistoryEntity h) {
        return new HistoryEntryView(h.seq, h.fromCode == null ? null : new TierDtos.TierRef(h.fromCode, h.fromName, h.fromRank),
                new TierDtos.TierRef(h.toCode, h.toName, h.toRank), h.effectiveAt, h.decidedAt, h.reason, h.note,
                h.decidedBy, h.ladderId, h.ladderVersion, EventJson.readTree(h.metrics), EventJson.readTree(h.benefits));
    }

    static ProposalView proposalView(TierProposalEntity p) {
        return new ProposalView(p.id, p.partnerId, p.fromCode, p.toCode, p.toRank, p.effectiveAt, p.proposedAt,
                p.ladderVersion, p.status, p.decidedBy, p.decidedAt, p.decisionNote, EventJson.readTree(p.metrics));
    }
}
