package io.partnerflow.incentive.application;

import com.fasterxml.jackson.databind.JsonNode;
import io.partnerflow.contracts.EventJson;
import io.partnerflow.incentive.domain.calc.Basis;
import io.partnerflow.contracts.EventType;
import io.partnerflow.contracts.Topics;
import io.partnerflow.contracts.incentive.EarningAdjusted;
import io.partnerflow.contracts.incentive.EarningSource;
import io.partnerflow.contracts.incentive.Explanation;
import io.partnerflow.contracts.incentive.FxConversion;
import io.partnerflow.contracts.incentive.ProgramRef;
import io.partnerflow.contracts.incentive.RuleRef;
import io.partnerflow.contracts.reference.FxRateCorrected;
import io.partnerflow.contracts.reference.FxRatePublished;
import io.partnerflow.core.ids.NameBasedIds;
import io.partnerflow.core.money.Money;
import io.partnerflow.incentive.config.IncentiveConfig;
import io.partnerflow.incentive.domain.Facts;
import io.partnerflow.incentive.domain.FxDelta;
import io.partnerflow.incentive.domain.Periods;
import io.partnerflow.incentive.domain.Texts;
import io.partnerflow.platform.outbox.OutboxEvent;
import io.partnerflow.platform.outbox.OutboxWriter;
import io.partnerflow.platform.persistence.Db;
import io.partnerflow.platform.problem.Problem;
import io.partnerflow.platform.problem.ProblemException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The FX rate table (incentive-service owns FX rates): each rate is stored, audited, published as
 * {@code fx.rate-published} on {@code reference.events} (key FROM/TO) through the outbox, and earnings waiting for
 * that pair are computed — all in one transaction. A published rate is never overwritten: a correction or a
 * withdrawal is a new version naming the one it replaces ({@code fx_rate_version}), audited and published as
 * {@code fx.rate-corrected}.
 */
@ApplicationScoped
public class FxService {
    private final OutboxWriter outbox;
    private final EarningEngine engine;
    private final Reference reference;
    private final IncentiveConfig config;
    private final Clock clock;

    public FxService(OutboxWriter outbox, EarningEngine engine, Reference reference, IncentiveConfig config, Clock clock) {
        this.outbox = outbox;
        this.engine = engine;
        this.reference = reference;
        this.config = config;
        this.clock = clock;
    }

    public record RateView(String from, String to, LocalDate date, String rate, String source, Instant publishedAt,
                           String publishedBy, int version) {
    }

    /**
     * Publishes the rate of a pair and date. The same rate again is a no-op (answers the current version); a different
     * rate for a date that has one is refused (409): a published rate is changed only by {@link #correct}.
     */
    public Uni<Published> publish(String from, String to, LocalDate date, BigDecimal rate, String source, String actor,
                                  String actorIdentity) {
        checkPair(from, to);
        checkRate(rate);
        Instant now = clock.instant();
        String src = source == null || source.isBlank() ? "manual" : source;
        FxRatePublished event = new FxRatePublished(from, to, date, rate, src, now, actor);
        return Panache.withTransaction(() -> current(from, to, date, true).chain(cur -> {
                    if (cur != null) {
                        if (cur.rate().compareTo(rate) == 0) {
                            return Uni.createFrom().item(new Published(cur.view(from, to, date), false));
                        }
                        throw ProblemException.conflict(FxRatePublished.pairKey(from, to) + " on " + date + " is published as "
                                + cur.rate().toPlainString() + " (version " + cur.version() + "): a different value is a correction — POST /fx-rates/"
                                + from + "/" + to + "/" + date + "/corrections {rate, reason, replacesVersion: " + cur.version() + "}");
                    }
                    return Db.rows("select coalesce(max(version), 0) from fx_rate_version where from_ccy = ?1 and to_ccy = ?2 and rate_date = ?3",
                                    from, to, date)
                            .chain(max -> {
                                int last = ((Number) max.get(0)[0]).intValue();
                                int version = last + 1;
                                return Db.exec("""
                                                insert into fx_rate (from_ccy, to_ccy, rate_date, rate, source, published_at, published_by, version)
                                                values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)""", from, to, date, rate, src, now, actor, version)
                                        .chain(() -> version(from, to, date, version, "published", rate, last == 0 ? null : last,
                                                null, src, now, actor, actorIdentity))
                                        .chain(() -> Audit.record("fx_rate", FxRatePublished.pairKey(from, to) + "@" + date, actor, now,
                                                null, rate.toPlainString()))
                                        .chain(() -> outbox.append(new OutboxEvent(NameBasedIds.of("incentive.fx", from, to, date, rate.toPlainString(), now),
                                                Topics.REFERENCE_EVENTS, EventType.FX_RATE_PUBLISHED.type(), "currency-pair", FxRatePublished.pairKey(from, to),
                                                FxRatePublished.pairKey(from, to), now, event)))
                                        .chain(() -> engine.resolveFx(from, to))
                                        .replaceWith(new Published(new RateView(from, to, date, rate.toPlainString(), src, now, actor, version), true));
                            });
                }))
                .onFailure(FxService::isUniqueViolation)
                .transform(t -> ProblemException.conflict(FxRatePublished.pairKey(from, to) + " on " + date
                        + " was published concurrently by someone else: read it and correct it if needed"));
    }

    private static boolean isUniqueViolation(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            String m = c.getMessage();
            if (m != null && (m.contains("23505") || m.contains("duplicate key"))) {
                return true;
            }
        }
        return false;
    }

    public record Published(RateView rate, boolean created) {
    }

    /**
     * Corrects ({@code newRate} not null) or withdraws ({@code newRate} null) the current rate of a pair and date: a new
     * version naming the one it replaces ({@code replacesVersion} must be the current one, else 409), audited and
     * published as {@code fx.rate-corrected}. After a withdrawal conversions for that date use the latest earlier rate.
     */
    public Uni<FxRateCorrected> correct(String from, String to, LocalDate date, int replacesVersion, BigDecimal newRate,
                                        String reason, String actor, String actorIdentity) {
        checkPair(from, to);
        if (newRate != null) {
            checkRate(newRate);
        }
        Instant now = clock.instant();
        boolean withdraw = newRate == null;
        return Panache.withTransaction(() -> current(from, to, date, true).chain(cur -> {
            if (cur == null) {
                throw ProblemException.notFound("no current " + FxRatePublished.pairKey(from, to) + " rate on " + date);
            }
            if (cur.version() != replacesVersion) {
                throw new ProblemException(409, "Conflict", "replacesVersion " + replacesVersion + " is not the current version "
                        + cur.version() + " of " + FxRatePublished.pairKey(from, to) + " on " + date, "urn:partnerflow:problem:conflict",
                        List.of(new Problem.FieldError("replacesVersion", "the current version is " + cur.version())));
            }
            if (!withdraw && cur.rate().compareTo(newRate) == 0) {
                throw ProblemException.badRequest("the correction equals the current rate",
                        new Problem.FieldError("rate", "equals the current rate " + cur.rate().toPlainString()));
            }
            int version = cur.version() + 1;
            String action = withdraw ? FxRateCorrected.WITHDRAWN : FxRateCorrected.CORRECTED;
            FxRateCorrected event = new FxRateCorrected(from, to, date, action, version, cur.version(), newRate, cur.rate(),
                    reason, now, actor);
            Uni<Integer> change = withdraw
                    ? Db.exec("delete from fx_rate where from_ccy = ?1 and to_ccy = ?2 and rate_date = ?3", from, to, date)
                    : Db.exec("""
                            update fx_rate set rate = ?4, published_at = ?5, published_by = ?6, version = ?7
                             where from_ccy = ?1 and to_ccy = ?2 and rate_date = ?3""", from, to, date, newRate, now, actor, version);
            return change
                    .chain(() -> version(from, to, date, version, action, newRate, cur.version(), reason, cur.source(), now, actor, actorIdentity))
                    .chain(() -> deltas(event))
                    .chain(() -> Audit.record("fx_rate", FxRatePublished.pairKey(from, to) + "@" + date, actor, now,
                            cur.rate().toPlainString(), withdraw ? "withdrawn: " + reason : newRate.toPlainString() + " (" + reason + ")"))
                    .chain(() -> outbox.append(new OutboxEvent(NameBasedIds.of("incentive.fx-corrected", from, to, date, version),
                            Topics.REFERENCE_EVENTS, EventType.FX_RATE_CORRECTED.type(), "currency-pair", FxRatePublished.pairKey(from, to),
                            FxRatePublished.pairKey(from, to), now, event)))
                    .replaceWith(event);
        }));
    }

    /**
     * Posts an exact {@code earning.adjusted} (reason {@code fx_correction}) for every earning converted with the
     * replaced rate (its rate date is the corrected date): the earning's exact original figure at the new rate — after
     * a withdrawal, the latest earlier rate — minus what it (and earlier FX deltas of this pair and date) paid. A
     * withdrawal that leaves such earnings without any rate is refused (409): a rate is never guessed.
     */
    private Uni<Void> deltas(FxRateCorrected c) {
        String keyPrefix = "fx-correction:" + FxRatePublished.pairKey(c.from(), c.to()) + "@" + c.date() + ":";
        return Db.rows("""
                        select earning_id, partner_id, kind, program_id, rule_id, rule_version, deal_id, attribution_id, amount,
                               currency, original_amount, original_currency, basis, payload
                          from earning
                         where original_currency = ?1 and currency = ?2 and fx_date = ?3
                           and event_type in ('accrued', 'reversed', 'adjusted')
                           and (source_key is null or source_key not like 'fx-correction:%')
                         order by created_at, earning_id""", c.from(), c.to(), c.date())
                .chain(roots -> roots.isEmpty() ? Uni.createFrom().voidItem()
                        : newRate(c).chain(rate -> Db.rows("select related_earning_id, sum(amount) from earning where source_key like ?1 "
                                + "group by related_earning_id", keyPrefix + "%")
                        .chain(prior -> reference.closedPeriods().chain(closed -> {
                            Map<UUID, BigDecimal> paidBefore = new HashMap<>();
                            prior.forEach(r -> paidBefore.put((UUID) r[0], Db.decimal(r[1])));
                            String booking = Periods.bookingMonth(c.correctedAt(), config.periodZone(), closed);
                            Uni<Void> chain = Uni.createFrom().voidItem();
                            for (Object[] r : roots) {
                                chain = chain.chain(() -> delta(c, keyPrefix, r, rate, paidBefore, booking));
                            }
                            return chain;
                        }))));
    }

    /** The rate that applies now to what used the corrected date's rate: the correction, or the latest earlier one. */
    private Uni<Facts.FxRate> newRate(FxRateCorrected c) {
        if (c.rate() != null) {
            return Uni.createFrom().item(new Facts.FxRate(c.from(), c.to(), c.rate(), c.date()));
        }
        return Db.rows("select rate_date, rate::text from fx_rate where from_ccy = ?1 and to_ccy = ?2 and rate_date < ?3 "
                + "order by rate_date desc limit 1", c.from(), c.to(), c.date()).map(rows -> {
            if (rows.isEmpty()) {
                throw ProblemException.conflict("earnings were converted with " + FxRatePublished.pairKey(c.from(), c.to()) + " of "
                        + c.date() + " and no earlier rate exists to fall back to: correct the rate instead of withdrawing it");
            }
            return new Facts.FxRate(c.from(), c.to(), new BigDecimal(Db.str(rows.get(0)[1])), Db.date(rows.get(0)[0]));
        });
    }

    private Uni<Void> delta(FxRateCorrected c, String keyPrefix, Object[] r, Facts.FxRate rate, Map<UUID, BigDecimal> paidBefore,
                            String booking) {
        UUID root = (UUID) r[0];
        String partnerId = Db.str(r[1]);
        String kind = Db.str(r[2]);
        String payoutCcy = Db.str(r[9]).trim();
        String originalCcy = Db.str(r[11]).trim();
        Basis basis = r[12] == null ? null : EventJson.readString(Db.str(r[12]), Basis.class);
        BigDecimal exactOriginal = basis != null && basis.exactOriginal() != null ? basis.exactOriginal() : Db.decimal(r[10]);
        Money paid = EarningWriter.money(Db.decimal(r[8]).add(paidBefore.getOrDefault(root, BigDecimal.ZERO)), payoutCcy);
        FxDelta.Result d = FxDelta.of(exactOriginal, paid, rate.rate());
        if (d.delta().isZero()) {
            return Uni.createFrom().voidItem();
        }
        JsonNode payload = EventJson.readTree(Db.str(r[13]));
        UUID id = NameBasedIds.of("incentive.fx-correction", root, c.from(), c.to(), c.date(), c.version());
        String what = FxRateCorrected.WITHDRAWN.equals(c.action())
                ? "was withdrawn (" + c.reason() + "); the " + rate.date() + " rate " + rate.rate().toPlainString() + " applies"
                : "was corrected from " + c.replacedRate().toPlainString() + " to " + rate.rate().toPlainString() + " (" + c.reason() + ")";
        String sentence = "The " + FxRatePublished.pairKey(c.from(), c.to()) + " rate of " + c.date() + " " + what + ": your "
                + kind.replace('_', ' ') + " converted with it is now " + Texts.money(d.figure()) + " (was " + Texts.money(paid)
                + "), an adjustment of " + Texts.money(d.delta());
        Explanation ex = new Explanation(sentence, "exact original figure x new rate, rounded HALF_EVEN once - what was paid",
                List.of(new Explanation.Input("exact_original", exactOriginal.toPlainString(), originalCcy, "earning:" + root),
                        new Explanation.Input("replaced_rate", c.replacedRate().toPlainString(), "ratio",
                                "fx:" + FxRatePublished.pairKey(c.from(), c.to()) + "@" + c.date() + "#v" + c.replacesVersion()),
                        new Explanation.Input("new_rate", rate.rate().toPlainString(), "ratio",
                                "fx:" + FxRatePublished.pairKey(c.from(), c.to()) + "@" + rate.date() + "#v" + c.version()),
                        new Explanation.Input("paid", paid.amountString(), payoutCcy, "earning:" + root)),
                List.of(new Explanation.Step("figure at the new rate", exactOriginal.toPlainString() + " x " + rate.rate().toPlainString(),
                                d.figure().amountString(), payoutCcy),
                        new Explanation.Step("delta", d.figure().amountString() + " - " + paid.amountString(), d.delta().amountString(), payoutCcy)),
                d.delta());
        EarningAdjusted e = new EarningAdjusted(id.toString(), root.toString(), partnerId,
                EventJson.readString(payload.get("program").toString(), ProgramRef.class),
                EventJson.readString(payload.get("rule").toString(), RuleRef.class), kind, "fx_correction",
                "FX " + FxRatePublished.pairKey(c.from(), c.to()) + " of " + c.date() + " " + c.action() + " (version " + c.version() + ")",
                d.delta(), Money.zero(originalCcy), new FxConversion(c.from(), c.to(), rate.rate(), rate.date()),
                payload.hasNonNull("source") ? EventJson.readString(payload.get("source").toString(), EarningSource.class) : null,
                null, booking, c.correctedAt(), ex);
        return engine.write(new EarningWriter.Row(id, "adjusted", partnerId, kind, (UUID) r[3], (UUID) r[4], ((Number) r[5]).intValue(),
                Db.str(r[6]), Db.str(r[7]), keyPrefix + "v" + c.version(), d.delta(), Money.zero(originalCcy), rate, booking, root, null),
                EventType.EARNING_ADJUSTED, e);
    }

    public record VersionView(int version, String action, String rate, Integer replacesVersion, String reason, String source,
                              Instant recordedAt, String recordedBy) {
    }

    /** Every version of a pair's rate on a date, oldest first. */
    public Uni<List<VersionView>> versions(String from, String to, LocalDate date) {
        return Panache.withSession(() -> Db.rows("""
                        select version, action, rate::text, replaces_version, reason, source, recorded_at, recorded_by
                          from fx_rate_version where from_ccy = ?1 and to_ccy = ?2 and rate_date = ?3 order by version""", from, to, date))
                .map(rows -> rows.stream().map(r -> new VersionView(((Number) r[0]).intValue(), Db.str(r[1]),
                        r[2] == null ? null : io.partnerflow.incentive.domain.Texts.plain(new BigDecimal(Db.str(r[2]))),
                        r[3] == null ? null : ((Number) r[3]).intValue(), Db.str(r[4]), Db.str(r[5]), Db.instant(r[6]), Db.str(r[7]))).toList());
    }

    private record Current(BigDecimal rate, String source, Instant publishedAt, String publishedBy, int version) {
        RateView view(String from, String to, LocalDate date) {
            return new RateView(from, to, date, io.partnerflow.incentive.domain.Texts.plain(rate), source, publishedAt, publishedBy, version);
        }
    }

    private static Uni<Current> current(String from, String to, LocalDate date, boolean lock) {
        return Db.rows("select rate::text, source, published_at, published_by, version from fx_rate where from_ccy = ?1 and to_ccy = ?2 and rate_date = ?3"
                        + (lock ? " for update" : ""), from, to, date)
                .map(rows -> rows.isEmpty() ? null : new Current(new BigDecimal(Db.str(rows.get(0)[0])), Db.str(rows.get(0)[1]),
                        Db.instant(rows.get(0)[2]), Db.str(rows.get(0)[3]), ((Number) rows.get(0)[4]).intValue()));
    }

    private static Uni<Integer> version(String from, String to, LocalDate date, int version, String action, BigDecimal rate,
                                        Integer replaces, String reason, String source, Instant at, String actor, String identity) {
        return Db.exec("""
                        insert into fx_rate_version (from_ccy, to_ccy, rate_date, version, action, rate, replaces_version, reason, source,
                                                     recorded_at, recorded_by, recorded_by_identity)
                        values (?1, ?2, ?3, ?4, ?5, cast(?6 as numeric), cast(?7 as integer), cast(?8 as text), ?9, ?10, ?11, ?12)""",
                from, to, date, version, action, rate, replaces, reason, source, at, actor, identity);
    }

    private static void checkPair(String from, String to) {
        try {
            Money.currencyOf(from);
            Money.currencyOf(to);
        } catch (RuntimeException e) {
            throw ProblemException.badRequest("from and to must be ISO 4217 currencies with a minor unit",
                    new Problem.FieldError("from/to", e.getMessage()));
        }
        if (from.equals(to)) {
            throw ProblemException.badRequest("from and to must differ", new Problem.FieldError("to", "same as from"));
        }
    }

    private static void checkRate(BigDecimal rate) {
        if (rate.signum() <= 0) {
            throw ProblemException.badRequest("rate must be positive", new Problem.FieldError("rate", "must be positive"));
        }
        if (rate.scale() > 12 || rate.precision() - rate.scale() > 26) {
            throw ProblemException.badRequest("rate has too many digits", new Problem.FieldError("rate", "at most 12 decimals"));
        }
    }

    /** The rate used for {@code date}: the latest on or before it; null if there is none. */
    public Uni<RateView> lookup(String from, String to, LocalDate date) {
        return Panache.withSession(() -> Db.rows("""
                        select from_ccy, to_ccy, rate_date, rate::text, source, published_at, published_by, version from fx_rate
                        where from_ccy = ?1 and to_ccy = ?2 and rate_date <= ?3 order by rate_date desc limit 1""", from, to, date))
                .map(rows -> rows.isEmpty() ? null : view(rows.get(0)));
    }

    public Uni<List<RateView>> history(String from, String to) {
        return Panache.withSession(() -> Db.rows("""
                        select from_ccy, to_ccy, rate_date, rate::text, source, published_at, published_by, version from fx_rate
                        where from_ccy = ?1 and to_ccy = ?2 order by rate_date""", from, to))
                .map(rows -> rows.stream().map(FxService::view).toList());
    }

    private static RateView view(Object[] r) {
        return new RateView(Db.str(r[0]), Db.str(r[1]), Db.date(r[2]), io.partnerflow.incentive.domain.Texts.plain(new BigDecimal(Db.str(r[3]))),
                Db.str(r[4]), Db.instant(r[5]), Db.str(r[6]), ((Number) r[7]).intValue());
    }
}
