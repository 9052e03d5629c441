package io.partnerflow.analytics.persistence;

import com.fasterxml.jackson.core.type.TypeReference;
import io.partnerflow.analytics.domain.SegmentRule;
import io.partnerflow.analytics.domain.SegmentRuleSet;
import io.partnerflow.contracts.EventJson;
import io.partnerflow.platform.persistence.Db;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Segment rule versions, assignments, and the last won-deal day per partner. Runs in the caller's session. */
@ApplicationScoped
public class SegmentStore {


    public record Row(String partnerId, String code, String name, int ruleSetVersion, String reason, String period,
                      int changes, Instant assignedAt) {
    }

    public Uni<SegmentRuleSet> currentRules() {
        return Db.rows("select version, rules, default_code, default_name from segment_rule_set order by version desc limit 1")
                .map(rows -> {
                    Object[] r = rows.get(0);
                    List<SegmentRule> rules = EventJson.mapper().convertValue(EventJson.readTree(Db.str(r[1])),
                            new TypeReference<List<SegmentRule>>() { });
                    return new SegmentRuleSet(Integer.parseInt(Db.str(r[0])), rules, Db.str(r[2]), Db.str(r[3]));
                });
    }

    /** Stores {@code set} as the next version; returns that version. */
    public Uni<Integer> addRules(SegmentRuleSet set, String actor) {
        // concurrent PUTs queue on a transaction lock, so each gets the next version
        return Db.rows("select count(*) from (select pg_advisory_xact_lock(hashtext('analytics-segment-rules'))) l")
                .chain(() -> Db.strings("select coalesce(max(version), 0) + 1 from segment_rule_set")).chain(v -> {
            int version = Integer.parseInt(v.get(0));
            return Db.exec("insert into segment_rule_set (version, rules, default_code, default_name, created_by) values (?1, ?2, ?3, ?4, ?5)",
                    version, EventJson.writeString(set.rules()), set.defaultCode(), set.defaultName(), actor).replaceWith(version);
        });
    }

    public Uni<Map<String, Row>> assignments(UUID partnerId) {
        String sql = """
                select cast(partner_id as text), segment_code, segment_name, rule_set_version, reason, period, changes, assigned_at
                  from segment_assignment""" + (partnerId == null ? "" : " where partner_id = ?1");
        Object[] params = partnerId == null ? new Object[0] : new Object[] {partnerId};
        return Db.rows(sql, params).map(rows -> {
            Map<String, Row> out = new HashMap<>();
            for (Object[] r : rows) {
                out.put(Db.str(r[0]), new Row(Db.str(r[0]), Db.str(r[1]), Db.str(r[2]), Integer.parseInt(Db.str(r[3])),
                        Db.str(r[4]), Db.str(r[5]), Integer.parseInt(Db.str(r[6])), Db.instant(r[7])));
            }
            return out;
        });
    }

    /** Writes changed assignments with one multi-row upsert per chunk. */
    public Uni<Void> save(List<Row> rows) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (int start = 0; start < rows.size(); start += 500) {
            List<Row> chunk = rows.subList(start, Math.min(rows.size(), start + 500));
            StringBuilder sql = new StringBuilder("""
                    insert into segment_assignment (partner_id, segment_code, segment_name, rule_set_version, reason, period,
                                                    changes, assigned_at) values """);
            List<Object> params = new ArrayList<>();
            for (Row r : chunk) {
                int n = params.size();
                sql.append(n == 0 ? "" : ", ").append(String.format("(?%d, ?%d, ?%d, ?%d, ?%d, ?%d, ?%d, ?%d)",
                        n + 1, n + 2, n + 3, n + 4, n + 5, n + 6, n + 7, n + 8));
                params.addAll(List.of(UUID.fromString(r.partnerId()), r.code(), r.name(), r.ruleSetVersion(), r.reason(),
                        r.period(), r.changes(), r.assignedAt()));
            }
            sql.append("""
                     on conflict (partner_id) do update set segment_code = excluded.segment_code,
                       segment_name = excluded.segment_name, rule_set_version = excluded.rule_set_version,
                       reason = excluded.reason, period = excluded.period, changes = excluded.changes,
                       assigned_at = excluded.assigned_at""");
            chain = chain.chain(() -> Db.exec(sql.toString(), params.toArray()).replaceWithVoid());
        }
        return chain;
    }

    /** The last day with a net positive won-deal count on or before {@code asOf}, per partner. */
    public Uni<Map<String, LocalDate>> lastDealDays(LocalDate asOf) {
        return Db.rows("""
                select cast(partner_id as text), cast(max(day) as text) from count_fact
                 where metric = 'DEALS_WON' and n > 0 and day <= ?1 group by partner_id""", asOf).map(rows -> {
            Map<String, LocalDate> out = new HashMap<>();
            rows.forEach(r -> out.put(Db.str(r[0]), Db.date(r[1])));
            return out;
        });
    }
}
