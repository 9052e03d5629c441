package io.partnerflow.incentive.application;

import io.partnerflow.incentive.domain.Facts;
import io.partnerflow.incentive.domain.Texts;
import io.partnerflow.incentive.persistence.Db;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Reads of the projections the rules need (inside the caller's session). */
@ApplicationScoped
public class Reference {

    public Uni<Facts.Partner> partner(String partnerId) {
        return Db.rows("select partner_id, name, type, status, country, payout_currency from partner where partner_id = ?1", partnerId)
                .map(rows -> rows.isEmpty() ? null : new Facts.Partner(Db.str(rows.get(0)[0]), Db.str(rows.get(0)[1]),
                        Db.str(rows.get(0)[2]), Db.str(rows.get(0)[3]), Db.str(rows.get(0)[4]), Db.str(rows.get(0)[5])));
    }

    /** The tier in effect at {@code at}: the latest entry effective on or before it (a later decision wins a tie). */
    public Uni<Facts.Tier> tierAsOf(String partnerId, Instant at) {
        return Db.rows("""
                        select tier_code, tier_name, effective_at, reason, decided_at from partner_tier
                        where partner_id = ?1 and effective_at <= ?2 order by effective_at desc, decided_at desc limit 1""", partnerId, at)
                .map(rows -> {
                    if (rows.isEmpty()) {
                        return new Facts.Tier("none", "No-tier", null, "no tier in effect on or before " + at);
                    }
                    Object[] r = rows.get(0);
                    String code = Db.str(r[0]);
                    String name = r[1] == null ? Texts.capitalize(code) : Db.str(r[1]);
                    Instant eff = Db.instant(r[2]);
                    return new Facts.Tier(code, name, eff, Db.str(r[3]) + " effective " + eff + ", the latest on or before " + at);
                });
    }

    /** The latest rate of every pair on or before {@code date}. */
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
                    return (from, to, d) -> {
                        if (!d.equals(date)) {
                            throw new IllegalStateException("FX table of " + date + " asked for " + d);
                        }
                        return Optional.ofNullable(m.get(from + "/" + to));
                    };
                });
    }

    public Uni<Set<String>> closedPeriods() {
        return Db.strings("select period from period_close").map(HashSet::new);
    }
}
