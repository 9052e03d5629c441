package io.partnerflow.incentive.application;

import io.partnerflow.incentive.config.IncentiveConfig;
import io.partnerflow.incentive.domain.Facts;
import io.partnerflow.incentive.domain.FxBook;
import io.partnerflow.incentive.domain.Texts;
import io.partnerflow.platform.persistence.Db;
import io.partnerflow.platform.persistence.Pg;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Reads of the projections the rules need (inside the caller's session). */
@ApplicationScoped
public class Reference {
    private final String base;

    @jakarta.inject.Inject
    public Reference(IncentiveConfig config) {
        this.base = config.baseCurrency();
    }

    /** For code outside CDI that needs only partner/tier/period reads; FX then resolves through the default base, USD. */
    Reference() {
        this.base = "USD";
    }

    public Uni<Facts.Partner> partner(String partnerId) {
        return Db.rows("select partner_id, name, type, status, country, payout_currency from partner where partner_id = ?1", partnerId)
                .map(rows -> rows.isEmpty() ? null : partnerOf(rows.get(0)));
    }

    /** The known partners among {@code partnerIds} (one query); an unknown partner has no entry. */
    public Uni<Map<String, Facts.Partner>> partners(List<String> partnerIds) {
        return Pg.rows("select partner_id, name, type, status, country, payout_currency from partner where partner_id = any($1)",
                        (Object) partnerIds.toArray(String[]::new))
                .map(rows -> {
                    Map<String, Facts.Partner> out = new HashMap<>();
                    rows.forEach(r -> out.put(Db.str(r[0]), partnerOf(r)));
                    return out;
                });
    }

    private static Facts.Partner partnerOf(Object[] r) {
        return new Facts.Partner(Db.str(r[0]), Db.str(r[1]), Db.str(r[2]), Db.str(r[3]), Db.str(r[4]), Db.str(r[5]));
    }

    /** The tier in effect at {@code at}: the latest entry effective on or before it (a later decision wins a tie). */
    public Uni<Facts.Tier> tierAsOf(String partnerId, Instant at) {
        return Db.rows("""
                        select tier_code, tier_name, effective_at, reason, decided_at from partner_tier
                        where partner_id = ?1 and effective_at <= ?2 order by effective_at desc, decided_at desc limit 1""", partnerId, at)
                .map(rows -> rows.isEmpty() ? noTier(at) : tier(rows.get(0), 0, at));
    }

    /** {@link #tierAsOf} of several partners at once (one query); every asked partner has an entry. */
    public Uni<Map<String, Facts.Tier>> tiersAsOf(List<String> partnerIds, Instant at) {
        return Db.rows("""
                        select distinct on (partner_id) partner_id, tier_code, tier_name, effective_at, reason, decided_at from partner_tier
                        where partner_id in (?1) and effective_at <= ?2 order by partner_id, effective_at desc, decided_at desc""",
                        partnerIds, at)
                .map(rows -> {
                    Map<String, Facts.Tier> out = new HashMap<>();
                    for (Object[] r : rows) {
                        out.put(Db.str(r[0]), tier(r, 1, at));
                    }
                    partnerIds.forEach(id -> out.computeIfAbsent(id, x -> noTier(at)));
                    return out;
                });
    }

    static Facts.Tier noTier(Instant at) {
        return new Facts.Tier("none", "No-tier", null, "no tier in effect on or before " + at);
    }

    /** A tier row: tier_code, tier_name, effective_at, reason from column {@code from} on. */
    static Facts.Tier tier(Object[] r, int from, Instant at) {
        String code = Db.str(r[from]);
        String name = r[from + 1] == null ? Texts.capitalize(code) : Db.str(r[from + 1]);
        Instant eff = Db.instant(r[from + 2]);
        return new Facts.Tier(code, name, eff, Db.str(r[from + 3]) + " effective " + eff + ", the latest on or before " + at);
    }

    /** The latest rate of every pair on or before {@code date}, with inverses and crosses through the base ({@link FxBook}). */
    public Uni<Facts.FxTable> fxTable(LocalDate date) {
        return Db.rows("""
                        select distinct on (from_ccy, to_ccy) from_ccy, to_ccy, rate, rate_date from fx_rate
                        where rate_date <= ?1 order by from_ccy, to_ccy, rate_date desc""", date)
                .map(rows -> {
                    Map<String, Facts.FxRate> m = new HashMap<>();
                    for (Object[] r : rows) {
                        BigDecimal rate = Db.decimal(r[2]).stripTrailingZeros();
                        m.put(Db.str(r[0]) + "/" + Db.str(r[1]), new Facts.FxRate(Db.str(r[0]), Db.str(r[1]),
                                rate.scale() < 0 ? rate.setScale(0) : rate, Db.date(r[3])));
                    }
                    return FxBook.through(base, (from, to, d) -> {
                        if (!d.equals(date)) {
                            throw new IllegalStateException("FX table of " + date + " asked for " + d);
                        }
                        return Optional.ofNullable(m.get(from + "/" + to));
                    });
                });
    }

    public Uni<Set<String>> closedPeriods() {
        return Db.strings("select period from period_close").map(HashSet::new);
    }
}
