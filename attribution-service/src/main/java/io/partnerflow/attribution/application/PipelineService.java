package io.partnerflow.attribution.application;

import io.partnerflow.attribution.application.PipelineChanges.Change;
import io.partnerflow.attribution.domain.AttributionModels;
import io.partnerflow.attribution.domain.AttributionModels.TouchWeights;
import io.partnerflow.attribution.domain.CreditSplit;
import io.partnerflow.attribution.domain.CreditSplit.PartnerCredit;
import io.partnerflow.attribution.domain.SourcedRule;
import io.partnerflow.contracts.EventJson;
import io.partnerflow.contracts.deal.DealClosedWon;
import io.partnerflow.contracts.deal.DealPipelineUpdated;
import io.partnerflow.platform.persistence.Pg;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Provisional attribution of OPEN deals for influenced-pipeline reporting (never published, never paid):
 * the model that would apply if the deal closed at its last update, over its current touches and lines.
 * A consumer batch is applied at once ({@link PipelineChanges}: the last state per deal): one SELECT of the stored
 * revisions, one DELETE, multi-row INSERTs — on the raw connection ({@link Pg}), nothing else in the batch touches
 * {@code pipeline_credit}.
 */
@ApplicationScoped
public class PipelineService {
    /** Rows per INSERT (7 parameters each; PostgreSQL allows 32767 parameters per statement). */
    static final int ROWS_PER_STATEMENT = 4000;
    private static final int PARAMS = 7;

    private final ModelSelector selector;

    public PipelineService(ModelSelector selector) {
        this.selector = selector;
    }

    /** Applies a batch's net pipeline changes (inside the consumer's transaction). */
    public Uni<Void> apply(PipelineChanges batch) {
        if (batch.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<Change> changes = batch.changes();
        String[] checked = changes.stream().filter(c -> c.update() != null && c.checkStored())
                .map(Change::dealId).toArray(String[]::new);
        Uni<Map<String, Long>> stored = checked.length == 0 ? Uni.createFrom().item(Map.of())
                : Pg.rows("select deal_id, max(revision) from pipeline_credit where deal_id = any($1) group by deal_id",
                (Object) checked).map(rows -> {
                    Map<String, Long> max = new HashMap<>();
                    rows.forEach(r -> max.put((String) r[0], ((Number) r[1]).longValue()));
                    return max;
                });
        return stored.chain(max -> {
            // an update older than the stored revision is stale: it neither removes nor writes anything
            List<Change> live = changes.stream().filter(c -> c.update() == null || !c.checkStored()
                    || max.getOrDefault(c.dealId(), -1L) <= c.update().revision()).toList();
            if (live.isEmpty()) {
                return Uni.createFrom().voidItem();
            }
            String[] ids = live.stream().map(Change::dealId).toArray(String[]::new);
            return Pg.exec("delete from pipeline_credit where deal_id = any($1)", (Object) ids)
                    .chain(selector::catalog) // the rules and models once per batch
                    .chain(catalog -> {
                        List<Object[]> rows = new ArrayList<>();
                        for (Change c : live) {
                            if (c.update() != null) {
                                rows.addAll(credits(c.update(), catalog));
                            }
                        }
                        return insert(rows);
                    });
        });
    }

    /** The provisional credits of an open deal as pipeline_credit rows. */
    private static List<Object[]> credits(DealPipelineUpdated p, ModelSelector.Catalog catalog) {
        // The same shape as a closed-won snapshot, "closing" at the update, so the same selection and maths apply.
        DealClosedWon asIfClosed = new DealClosedWon(p.dealId(), p.crmDealId(), p.crmSystem(), p.revision(), p.name(),
                p.dealType(), p.customer(), p.amount(), p.lines(), p.createdAt(), p.updatedAt(), p.registration(), p.touchpoints());
        ModelSelector.Selected sel = ModelSelector.select(asIfClosed, catalog);
        ModelConfig config = EventJson.readString(sel.model().spec, ModelConfig.class);
        TouchWeights w = AttributionModels.weigh(config.toSpec(), p.createdAt(), p.updatedAt(), AttributionService.touches(asIfClosed));
        List<PartnerCredit> credits = CreditSplit.split(w, AttributionService.lines(asIfClosed), false);
        Optional<String> sourced = SourcedRule.sourcedPartner(p.registration() == null ? null : p.registration().partnerId(),
                w.credited().stream().map(AttributionModels.WeightedTouch::touch).toList(),
                credits.stream().map(PartnerCredit::partnerId).toList());
        OffsetDateTime updatedAt = OffsetDateTime.ofInstant(p.updatedAt(), ZoneOffset.UTC);
        return credits.stream().map(c -> new Object[]{p.dealId(), c.partnerId(),
                sourced.filter(c.partnerId()::equals).isPresent() ? "sourced" : "influenced",
                c.amount().amount(), c.amount().currencyCode(), p.revision(), updatedAt}).toList();
    }

    private static Uni<Void> insert(List<Object[]> rows) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (int from = 0; from < rows.size(); from += ROWS_PER_STATEMENT) {
            List<Object[]> part = rows.subList(from, Math.min(rows.size(), from + ROWS_PER_STATEMENT));
            Object[] params = new Object[part.size() * PARAMS];
            for (int r = 0; r < part.size(); r++) {
                System.arraycopy(part.get(r), 0, params, r * PARAMS, PARAMS);
            }
            chain = chain.chain(() -> Pg.exec(insertSql(part.size()), params).replaceWithVoid());
        }
        return chain;
    }

    static String insertSql(int rows) {
        StringBuilder sql = new StringBuilder(
                "insert into pipeline_credit (deal_id, partner_id, role, amount, currency, revision, updated_at) values ");
        for (int r = 0; r < rows; r++) {
            sql.append(r == 0 ? "(" : ", (");
            for (int c = 1; c <= PARAMS; c++) {
                sql.append(c == 1 ? "$" : ", $").append(r * PARAMS + c);
            }
            sql.append(')');
        }
        return sql.toString();
    }
}
