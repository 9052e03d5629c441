package io.partnerflow.attribution.application;

import io.partnerflow.attribution.persistence.AttributionModelEntity;
import io.partnerflow.attribution.persistence.SelectionRuleEntity;
import io.partnerflow.contracts.deal.DealClosedWon;
import io.partnerflow.contracts.deal.DealLine;
import io.partnerflow.platform.messaging.BatchMemo;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

/**
 * Chooses the model for a deal: the first selection rule (ascending priority) whose conditions all hold —
 * deal type, a line's product category, the customer's country, amount within [min, max) in the rule's
 * currency — else the model named {@code default}; then the version of that model in effect at the
 * deal's close.
 */
@ApplicationScoped
public class ModelSelector {
    public static final String DEFAULT_MODEL = "default";

    public record Selected(AttributionModelEntity model, String ruleId) {
    }

    /** The rules (ascending priority) and every model version: what selection reads, loaded once for many deals. */
    public record Catalog(List<SelectionRuleEntity> rules, List<AttributionModelEntity> models) {
    }

    /** The catalog, read once per consumer batch (models and rules change by REST, never inside a batch). */
    public Uni<Catalog> catalog() {
        return BatchMemo.get("attribution.selection-catalog", () -> ModelSelector.rules().chain(rules ->
                AttributionModelEntity.<AttributionModelEntity>listAll().map(models -> new Catalog(rules, models))));
    }

    /** The selected model and rule of a deal, in memory over a loaded {@link Catalog}. */
    public static Selected select(DealClosedWon deal, Catalog catalog) {
        for (SelectionRuleEntity r : catalog.rules()) {
            if (matches(r, deal)) {
                AttributionModelEntity m = inEffect(catalog.models(), r.modelName, deal.closedAt());
                return new Selected(m != null ? m : defaultInEffect(catalog, deal), r.id.toString());
            }
        }
        return new Selected(defaultInEffect(catalog, deal), null);
    }

    private static AttributionModelEntity defaultInEffect(Catalog catalog, DealClosedWon deal) {
        AttributionModelEntity m = inEffect(catalog.models(), DEFAULT_MODEL, deal.closedAt());
        if (m == null) {
            throw new IllegalStateException("no attribution model in effect at " + deal.closedAt() + " (not even 'default')");
        }
        return m;
    }

    /** The version of {@code name} in effect at {@code at}: latest effectiveFrom ≤ at, then highest version. */
    static AttributionModelEntity inEffect(List<AttributionModelEntity> models, String name, java.time.Instant at) {
        AttributionModelEntity best = null;
        for (AttributionModelEntity m : models) {
            if (!m.name.equals(name) || m.effectiveFrom.isAfter(at)) {
                continue;
            }
            int byStart = best == null ? 1 : m.effectiveFrom.compareTo(best.effectiveFrom);
            if (byStart > 0 || byStart == 0 && m.version > best.version) {
                best = m;
            }
        }
        return best;
    }

    /** The selection rules by ascending priority. */
    private static Uni<List<SelectionRuleEntity>> rules() {
        return SelectionRuleEntity.<SelectionRuleEntity>listAll(Sort.by("priority"));
    }

    static boolean matches(SelectionRuleEntity r, DealClosedWon d) {
        if (r.dealType != null && !r.dealType.equalsIgnoreCase(d.dealType())) {
            return false;
        }
        if (r.productCategory != null && d.lines().stream().map(DealLine::category).noneMatch(r.productCategory::equalsIgnoreCase)) {
            return false;
        }
        if (r.country != null && (d.customer() == null || !r.country.equalsIgnoreCase(d.customer().country()))) {
            return false;
        }
        if (r.minAmount != null || r.maxAmount != null) {
            if (r.amountCurrency == null || !r.amountCurrency.equals(d.amount().currencyCode())) {
                return false;
            }
            if (r.minAmount != null && d.amount().amount().compareTo(r.minAmount) < 0) {
                return false;
            }
            if (r.maxAmount != null && d.amount().amount().compareTo(r.maxAmount) >= 0) {
                return false;
            }
        }
        return true;
    }
}
