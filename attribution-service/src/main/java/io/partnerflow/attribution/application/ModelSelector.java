package io.partnerflow.attribution.application;

import io.partnerflow.attribution.persistence.AttributionModelEntity;
import io.partnerflow.attribution.persistence.SelectionRuleEntity;
import io.partnerflow.contracts.deal.DealClosedWon;
import io.partnerflow.contracts.deal.DealLine;
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

    public Uni<Selected> select(DealClosedWon deal) {
        return rules().chain(rules -> select(deal, rules));
    }

    /** The selection rules by ascending priority (load once for many deals of one transaction). */
    public Uni<List<SelectionRuleEntity>> rules() {
        return SelectionRuleEntity.<SelectionRuleEntity>listAll(Sort.by("priority"));
    }

    /** As {@link #select(DealClosedWon)} with the rules already loaded ({@link #rules()}). */
    public Uni<Selected> select(DealClosedWon deal, List<SelectionRuleEntity> rules) {
        for (SelectionRuleEntity r : rules) {
            if (matches(r, deal)) {
                return inEffect(r.modelName, deal).map(m -> new Selected(m, r.id.toString()));
            }
        }
        return inEffect(DEFAULT_MODEL, deal).map(m -> new Selected(m, null));
    }

    private static Uni<AttributionModelEntity> inEffect(String name, DealClosedWon deal) {
        return AttributionModelEntity.inEffect(name, deal.closedAt())
                .chain(m -> m != null || DEFAULT_MODEL.equals(name) ? Uni.createFrom().item(m)
                        : AttributionModelEntity.inEffect(DEFAULT_MODEL, deal.closedAt()))
                .onItem().ifNull().failWith(() -> new IllegalStateException(
                        "no attribution model in effect at " + deal.closedAt() + " (not even 'default')"));
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
