package io.partnerflow.analytics.persistence;

import io.partnerflow.analytics.domain.BadgeRules;
import io.partnerflow.analytics.domain.Challenge;
import io.partnerflow.analytics.domain.ChallengeGoal;
import io.partnerflow.analytics.domain.Metric;
import io.partnerflow.analytics.domain.RateGroup;
import io.partnerflow.core.money.Money;
import io.partnerflow.platform.persistence.Db;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Badges, challenges and completions. Awards and completions are inserted {@code ON CONFLICT DO NOTHING RETURNING}:
 * only the rows that were really new come back, so only they are published — whatever the redeliveries, rebuilds or
 * concurrent consumers. Runs in the caller's session/transaction.
 */
@ApplicationScoped
public class GamificationStore {

    /** A stored badge award. */
    public record BadgeRow(String partnerId, String code, String name, int ruleSetVersion, String reason, Instant awardedAt) {
    }

    /** A stored completion. */
    public record CompletionRow(String challengeId, String partnerId, BigDecimal progress, Instant completedAt) {
    }

    // ---- badges

    /** Lifetime deals won and certifications of the partners. */
    public Uni<List<BadgeRules.Standing>> standings(Collection<String> partnerIds) {
        List<UUID> ids = uuids(partnerIds);
        return Db.rows("select cast(partner_id as text), sum(n) from count_fact where metric = 'DEALS_WON' and partner_id in (?1)"
                        + " group by partner_id", ids)
                .chain(deals -> Db.rows("select cast(partner_id as text), count(*) from certification where partner_id in (?1)"
                        + " group by partner_id", ids).map(certs -> {
                    Map<String, Long> won = new HashMap<>();
                    deals.forEach(r -> won.put(Db.str(r[0]), Long.parseLong(Db.str(r[1]))));
                    Map<String, Long> certified = new HashMap<>();
                    certs.forEach(r -> certified.put(Db.str(r[0]), Long.parseLong(Db.str(r[1]))));
                    return partnerIds.stream().distinct().sorted().map(id -> new BadgeRules.Standing(id, won.getOrDefault(id, 0L),
                            certified.getOrDefault(id, 0L))).toList();
                }));
    }

    /** The badge codes each partner holds. */
    public Uni<Map<String, Set<String>>> held(Collection<String> partnerIds) {
        return Db.rows("select cast(partner_id as text), badge_code from badge_award where partner_id in (?1)", uuids(partnerIds))
                .map(rows -> {
                    Map<String, Set<String>> out = new HashMap<>();
                    rows.forEach(r -> out.computeIfAbsent(Db.str(r[0]), k -> new HashSet<>()).add(Db.str(r[1])));
                    return out;
                });
    }

    /** Inserts the awards; answers those that were new (badge code + partner). */
    public Uni<List<BadgeRow>> award(List<BadgeRules.Award> awards, Instant at) {
        if (awards.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        StringBuilder sql = new StringBuilder("insert into badge_award (badge_code, partner_id, badge_name, rule_set_version, reason, awarded_at) values ");
        List<Object> params = new ArrayList<>();
        for (BadgeRules.Award a : awards) {
            int p = params.size();
            sql.append(p == 0 ? "" : ", ").append(String.format("(?%d, ?%d, ?%d, ?%d, ?%d, ?%d)", p + 1, p + 2, p + 3, p + 4, p + 5, p + 6));
            params.addAll(List.of(a.code(), UUID.fromString(a.partnerId()), a.name(), BadgeRules.VERSION, a.reason(), at));
        }
        sql.append(" on conflict do nothing returning cast(partner_id as text), badge_code, badge_name, rule_set_version, reason, awarded_at");
        return Db.rows(sql.toString(), params.toArray()).map(rows -> rows.stream().map(GamificationStore::badge).toList());
    }

    /** Awards of one partner, or of everyone ({@code partnerId} null), optionally of one badge. */
    public Uni<List<BadgeRow>> badges(UUID partnerId, String code) {
        return Db.rows("""
                        select cast(partner_id as text), badge_code, badge_name, rule_set_version, reason, awarded_at from badge_award
                         where (cast(?1 as uuid) is null or partner_id = cast(?1 as uuid)) and (cast(?2 as text) is null or badge_code = cast(?2 as text))
                         order by awarded_at, badge_code, partner_id""", partnerId, code)
                .map(rows -> rows.stream().map(GamificationStore::badge).toList());
    }

    private static BadgeRow badge(Object[] r) {
        return new BadgeRow(Db.str(r[0]), Db.str(r[1]), Db.str(r[2]), Integer.parseInt(Db.str(r[3])), Db.str(r[4]), Db.instant(r[5]));
    }

    // ---- challenges

    public Uni<Void> create(Challenge c, String actor, Instant at) {
        return Db.exec("""
                        insert into challenge (challenge_id, name, starts_on, ends_on, metric, target, award_amount, award_currency, created_by, created_at)
                        values (?1, ?2, ?3, ?4, ?5, cast(cast(?6 as text) as numeric), cast(cast(?7 as text) as numeric), ?8, ?9, ?10)""",
                UUID.fromString(c.challengeId()), c.name(), c.from(), c.to(), c.goal().urlName(), c.target().toPlainString(),
                c.award().amount().toPlainString(), c.award().currencyCode(), actor, at).replaceWithVoid();
    }

    /** One challenge ({@code id} non-null) or all of them, ordered by start. */
    public Uni<List<Challenge>> challenges(UUID id) {
        return Db.rows("""
                        select cast(challenge_id as text), name, starts_on, ends_on, metric, cast(target as text), cast(award_amount as text), award_currency
                          from challenge where cast(?1 as uuid) is null or challenge_id = cast(?1 as uuid) order by starts_on, challenge_id""", id)
                .map(rows -> rows.stream().map(r -> {
                    String ccy = Db.str(r[7]);
                    return new Challenge(Db.str(r[0]), Db.str(r[1]), Db.date(r[2]), Db.date(r[3]), ChallengeGoal.find(Db.str(r[4])).orElseThrow(),
                            new BigDecimal(Db.str(r[5])).stripTrailingZeros(),
                            Money.of(new BigDecimal(Db.str(r[6])).setScale(Money.scaleOf(Money.currencyOf(ccy))), ccy));
                }).toList());
    }

    /** A count metric's sum over the challenge's window per partner ({@code partnerIds} null = every partner). */
    public Uni<Map<String, BigDecimal>> counts(Challenge c, Collection<String> partnerIds) {
        String sql = """
                select cast(partner_id as text), sum(n) from count_fact
                 where metric = ?1 and day >= ?2 and day < ?3 %s group by partner_id""";
        Object[] params = partnerIds == null ? new Object[] {c.goal().metric().name(), c.window().from(), c.window().toExclusive()}
                : new Object[] {c.goal().metric().name(), c.window().from(), c.window().toExclusive(), uuids(partnerIds)};
        return Db.rows(String.format(sql, partnerIds == null ? "" : "and partner_id in (?4)"), params).map(rows -> {
            Map<String, BigDecimal> out = new HashMap<>();
            rows.forEach(r -> out.put(Db.str(r[0]), new BigDecimal(Db.str(r[1]))));
            return out;
        });
    }

    /**
     * A money metric's facts over the challenge's window, grouped by partner, currency and the base-currency rate of
     * their days (as {@link ScorecardStore#rateGroups}); {@code partnerIds} null = every partner.
     */
    public Uni<List<RateGroup>> rateGroups(Challenge c, String baseCurrency, Collection<String> partnerIds) {
        String sql = """
                select cast(f.partner_id as text), f.metric, f.currency, cast(sum(f.amount) as text), cast(r.rate as text),
                       cast(min(f.day) as text)
                  from amount_fact f
                  left join lateral (select x.rate from fx_rate x
                                      where x.from_ccy = f.currency and x.to_ccy = ?1 and x.rate_date <= f.day
                                      order by x.rate_date desc limit 1) r on f.currency <> ?1
                 where f.metric = ?2 and f.day >= ?3 and f.day < ?4 %s
                 group by f.partner_id, f.metric, f.currency, r.rate""";
        Object[] params = partnerIds == null
                ? new Object[] {baseCurrency, c.goal().metric().name(), c.window().from(), c.window().toExclusive()}
                : new Object[] {baseCurrency, c.goal().metric().name(), c.window().from(), c.window().toExclusive(), uuids(partnerIds)};
        return Db.rows(String.format(sql, partnerIds == null ? "" : "and f.partner_id in (?5)"), params)
                .map(rows -> rows.stream().map(r -> new RateGroup(Db.str(r[0]), Metric.valueOf(Db.str(r[1])), Db.str(r[2]),
                        new BigDecimal(Db.str(r[3])), r[4] == null ? null : new BigDecimal(Db.str(r[4])), Db.date(r[5]))).toList());
    }

    /** Inserts the completions; answers those that were new. */
    public Uni<List<CompletionRow>> complete(String challengeId, List<Challenge.Progress> reached, Instant at) {
        if (reached.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        StringBuilder sql = new StringBuilder("insert into challenge_completion (challenge_id, partner_id, progress, completed_at) values ");
        List<Object> params = new ArrayList<>();
        for (Challenge.Progress p : reached) {
            int i = params.size();
            sql.append(i == 0 ? "" : ", ").append(String.format("(?%d, ?%d, cast(cast(?%d as text) as numeric), ?%d)", i + 1, i + 2, i + 3, i + 4));
            params.addAll(List.of(UUID.fromString(challengeId), UUID.fromString(p.partnerId()), p.achieved().toPlainString(), at));
        }
        sql.append(" on conflict do nothing returning cast(challenge_id as text), cast(partner_id as text), cast(progress as text), completed_at");
        return Db.rows(sql.toString(), params.toArray()).map(rows -> rows.stream().map(GamificationStore::completion).toList());
    }

    /** Completions of a challenge (one partner's, or all with {@code partnerId} null). */
    public Uni<Map<String, CompletionRow>> completions(String challengeId, UUID partnerId) {
        return Db.rows("""
                        select cast(challenge_id as text), cast(partner_id as text), cast(progress as text), completed_at from challenge_completion
                         where challenge_id = ?1 and (cast(?2 as uuid) is null or partner_id = cast(?2 as uuid))""",
                        UUID.fromString(challengeId), partnerId)
                .map(rows -> {
                    Map<String, CompletionRow> out = new HashMap<>();
                    rows.forEach(r -> out.put(Db.str(r[1]), completion(r)));
                    return out;
                });
    }

    private static CompletionRow completion(Object[] r) {
        return new CompletionRow(Db.str(r[0]), Db.str(r[1]), new BigDecimal(Db.str(r[2])).stripTrailingZeros(), Db.instant(r[3]));
    }

    private static List<UUID> uuids(Collection<String> ids) {
        return ids.stream().map(UUID::fromString).toList();
    }
}
