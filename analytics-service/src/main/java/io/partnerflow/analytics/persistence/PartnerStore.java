package io.partnerflow.analytics.persistence;

import io.partnerflow.analytics.domain.Period;
import io.partnerflow.platform.persistence.Db;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The partner dimension of the read model (from partner.events, latest wins in key order), certifications and FX
 * rates (reference.events). Runs in the caller's session.
 */
@ApplicationScoped
public class PartnerStore {

    /** A partner as the analytics know it; fields are null until an event has told them. */
    public record Profile(String partnerId, String name, String type, String status, String country, String tierCode,
                          String tierName) {
    }

    /** Partner counts of certifications: completed within the period, and distinct certified people up to its end. */
    public record Certifications(long completed, long certifiedPeople) {
    }

    public Uni<Void> upsertProfile(UUID partnerId, String name, String type, String status, String country, String tierCode) {
        return Db.exec("""
                insert into partner_profile (partner_id, name, type, status, country, tier_code, updated_at)
                values (?1, cast(?2 as text), cast(?3 as text), cast(?4 as text), cast(?5 as text), cast(?6 as text), now())
                on conflict (partner_id) do update set
                   name = coalesce(excluded.name, partner_profile.name), type = coalesce(excluded.type, partner_profile.type),
                   status = coalesce(excluded.status, partner_profile.status),
                   country = coalesce(excluded.country, partner_profile.country),
                   tier_code = coalesce(excluded.tier_code, partner_profile.tier_code), updated_at = now()""",
                partnerId, name, type, status, country, tierCode).replaceWithVoid();
    }

    public Uni<Void> tier(UUID partnerId, String code, String name) {
        return Db.exec("""
                insert into partner_profile (partner_id, tier_code, tier_name) values (?1, cast(?2 as text), cast(?3 as text))
                on conflict (partner_id) do update set tier_code = excluded.tier_code, tier_name = excluded.tier_name,
                   updated_at = now()""", partnerId, code, name).replaceWithVoid();
    }

    public Uni<Void> certification(String certificationId, UUID partnerId, String personId, LocalDate completedOn) {
        return Db.exec("""
                insert into certification (certification_id, partner_id, person_id, completed_on) values (?1, ?2, cast(?3 as text), ?4)
                on conflict (certification_id) do nothing""", certificationId, partnerId, personId, completedOn).replaceWithVoid();
    }

    public Uni<Void> fxRate(String from, String to, LocalDate date, BigDecimal rate, Instant publishedAt) {
        return Db.exec("""
                insert into fx_rate (from_ccy, to_ccy, rate_date, rate, published_at)
                values (?1, ?2, ?3, cast(cast(?4 as text) as numeric), ?5)
                on conflict (from_ccy, to_ccy, rate_date) do update set rate = excluded.rate, published_at = excluded.published_at
                 where fx_rate.published_at <= excluded.published_at""", from, to, date, rate.toPlainString(), publishedAt)
                .replaceWithVoid();
    }

    /** A withdrawn rate: conversions of that date fall back to the latest earlier rate (fx.rate-corrected). */
    public Uni<Void> withdrawFxRate(String from, String to, LocalDate date, Instant withdrawnAt) {
        return Db.exec("delete from fx_rate where from_ccy = ?1 and to_ccy = ?2 and rate_date = ?3 and published_at <= ?4",
                from, to, date, withdrawnAt).replaceWithVoid();
    }

    // ---- reads

    public Uni<Map<String, Profile>> profiles(UUID partnerId) {
        String sql = "select cast(partner_id as text), name, type, status, country, tier_code, tier_name from partner_profile"
                + (partnerId == null ? "" : " where partner_id = ?1");
        Object[] params = partnerId == null ? new Object[0] : new Object[] {partnerId};
        return Db.rows(sql, params).map(rows -> {
            Map<String, Profile> out = new HashMap<>();
            for (Object[] r : rows) {
                out.put(Db.str(r[0]), new Profile(Db.str(r[0]), Db.str(r[1]), Db.str(r[2]), Db.str(r[3]), Db.str(r[4]),
                        Db.str(r[5]), Db.str(r[6])));
            }
            return out;
        });
    }

    public Uni<Map<String, Certifications>> certifications(Period period, UUID partnerId) {
        String sql = """
                select cast(partner_id as text),
                       count(*) filter (where completed_on >= ?1),
                       count(distinct person_id)
                  from certification where completed_on < ?2 %s group by partner_id""";
        Object[] params = partnerId == null ? new Object[] {period.from(), period.toExclusive()}
                : new Object[] {period.from(), period.toExclusive(), partnerId};
        return Db.rows(String.format(sql, partnerId == null ? "" : "and partner_id = ?3"), params).map(rows -> {
            Map<String, Certifications> out = new HashMap<>();
            for (Object[] r : rows) {
                out.put(Db.str(r[0]), new Certifications(Long.parseLong(Db.str(r[1])), Long.parseLong(Db.str(r[2]))));
            }
            return out;
        });
    }

    /** True when anything at all is known of the partner (a profile or any fact). */
    public Uni<Boolean> known(UUID partnerId) {
        return Db.rows("""
                select 1 where exists (select 1 from partner_profile where partner_id = ?1)
                    or exists (select 1 from amount_fact where partner_id = ?1)
                    or exists (select 1 from count_fact where partner_id = ?1)""", partnerId).map(r -> !r.isEmpty());
    }

}
