package io.partnerflow.analytics.rebuild;

import io.partnerflow.platform.persistence.Pg;
import io.smallrye.mutiny.Uni;

import java.util.List;

/**
 * Which tables a rebuild clears and which it keeps, and a deterministic hash of the cleared ones.
 *
 * <p>Cleared (pure functions of the consumed events): the scorecard facts, the per-deal credits, the partner
 * dimension, certifications, FX rates, the pipeline, the MDF-named deals; and this service's inbox rows. Kept: configuration
 * ({@code segment_rule_set}, {@code challenge}), what was already decided and PUBLISHED ({@code badge_award},
 * {@code challenge_completion}, {@code segment_assignment} — keeping them is what keeps a rebuild from publishing an
 * award, a completion or a segment change twice), the trained models ({@code prediction_model},
 * {@code partner_prediction}: re-derived by the next training, not by events), the outbox.
 */
public final class ReadModels {
    /** The tables a rebuild truncates (the read models proper). */
    public static final List<String> CLEARED = List.of("amount_fact", "count_fact", "deal_credits", "partner_profile",
            "certification", "fx_rate", "pipeline_deal", "mdf_deal_mark");

    /**
     * Each cleared table as text rows (partner_profile without its bookkeeping {@code updated_at}; a fact row at zero is
     * the same figure as no row: the live path leaves one where a later batch cancelled an earlier one, a replay that
     * folds both in one batch writes none).
     */
    private static final List<String> ROWS = List.of(
            "select (partner_id, metric, day, currency, amount)::text as r from amount_fact where amount <> 0",
            "select (partner_id, metric, day, n)::text as r from count_fact where n <> 0",
            "select (deal_id, attribution_id, closed_on, currency, shares)::text as r from deal_credits",
            "select (partner_id, name, type, status, country, tier_code, tier_name)::text as r from partner_profile",
            "select (certification_id, partner_id, person_id, completed_on)::text as r from certification",
            "select (from_ccy, to_ccy, rate_date, rate, published_at)::text as r from fx_rate",
            "select (deal_id, revision, status, open_stage, amount, currency, created_on, closed_on, partners, touches)::text as r from pipeline_deal",
            "select (deal_id, partner_id)::text as r from mdf_deal_mark");

    private ReadModels() {
    }

    /** md5 over every cleared table's rows in text order: equal hashes = equal read models. In a transaction. */
    public static Uni<String> hash() {
        StringBuilder sql = new StringBuilder("select md5(");
        for (int i = 0; i < ROWS.size(); i++) {
            sql.append(i == 0 ? "" : " || '#' || ").append("coalesce((select string_agg(r, '|' order by r) from (")
                    .append(ROWS.get(i)).append(") t").append(i).append("), '')");
        }
        sql.append(")");
        return Pg.strings(sql.toString()).map(l -> l.get(0));
    }

    /** Rows in the cleared tables (for the status). In a transaction. */
    public static Uni<Long> rows() {
        StringBuilder sql = new StringBuilder("select ");
        for (int i = 0; i < CLEARED.size(); i++) {
            sql.append(i == 0 ? "" : " + ").append("(select count(*) from ").append(CLEARED.get(i)).append(")");
        }
        return Pg.strings(sql.toString()).map(l -> Long.parseLong(l.get(0)));
    }

    /** Clears the read models and this consumer's inbox rows. In ONE transaction (the caller's). */
    public static Uni<Void> clear(String consumer) {
        return Pg.exec("truncate " + String.join(", ", CLEARED))
                .chain(() -> Pg.exec("delete from processed_event where consumer = $1", consumer))
                .replaceWithVoid();
    }
}
