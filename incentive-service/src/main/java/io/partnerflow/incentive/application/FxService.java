package io.partnerflow.incentive.application;

import io.partnerflow.contracts.EventType;
import io.partnerflow.contracts.Topics;
import io.partnerflow.contracts.reference.FxRatePublished;
import io.partnerflow.core.ids.NameBasedIds;
import io.partnerflow.core.money.Money;
import io.partnerflow.incentive.persistence.Db;
import io.partnerflow.platform.problem.Problem;
import io.partnerflow.platform.problem.ProblemException;
import io.partnerflow.platform.outbox.OutboxEvent;
import io.partnerflow.platform.outbox.OutboxWriter;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * The FX rate table (incentive-service owns FX rates): each rate is stored, audited, published as
 * {@code fx.rate-published} on {@code reference.events} (key FROM/TO) through the outbox, and earnings waiting for
 * that pair are computed — all in one transaction.
 */
@ApplicationScoped
public class FxService {
    private final OutboxWriter outbox;
    private final EarningEngine engine;
    private final Clock clock;

    public FxService(OutboxWriter outbox, EarningEngine engine, Clock clock) {
        this.outbox = outbox;
        this.engine = engine;
        this.clock = clock;
    }

    public record RateView(String from, String to, LocalDate date, String rate, String source, Instant publishedAt,
                           String publishedBy) {
    }

    public Uni<RateView> publish(String from, String to, LocalDate date, BigDecimal rate, String source, String actor) {
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
        if (rate.signum() <= 0) {
            throw ProblemException.badRequest("rate must be positive", new Problem.FieldError("rate", "must be positive"));
        }
        if (rate.scale() > 12 || rate.precision() - rate.scale() > 26) {
            throw ProblemException.badRequest("rate has too many digits", new Problem.FieldError("rate", "at most 12 decimals"));
        }
        Instant now = clock.instant();
        String src = source == null || source.isBlank() ? "manual" : source;
        FxRatePublished event = new FxRatePublished(from, to, date, rate, src, now, actor);
        return Panache.withTransaction(() -> Db.strings("select rate::text from fx_rate where from_ccy = ?1 and to_ccy = ?2 and rate_date = ?3 for update",
                        from, to, date)
                .chain(before -> Db.exec("""
                                insert into fx_rate (from_ccy, to_ccy, rate_date, rate, source, published_at, published_by)
                                values (?1, ?2, ?3, ?4, ?5, ?6, ?7)
                                on conflict (from_ccy, to_ccy, rate_date) do update set rate = excluded.rate, source = excluded.source,
                                    published_at = excluded.published_at, published_by = excluded.published_by""",
                                from, to, date, rate, src, now, actor)
                        .chain(() -> Audit.record("fx_rate", FxRatePublished.pairKey(from, to) + "@" + date, actor, now,
                                before.isEmpty() ? null : before.get(0), rate.toPlainString())))
                .chain(() -> outbox.append(new OutboxEvent(NameBasedIds.of("incentive.fx", from, to, date, rate.toPlainString(), now),
                        Topics.REFERENCE_EVENTS, EventType.FX_RATE_PUBLISHED.type(), "currency-pair", FxRatePublished.pairKey(from, to),
                        FxRatePublished.pairKey(from, to), now, event)))
                .chain(() -> engine.resolveFx(from, to)))
                .replaceWith(new RateView(from, to, date, rate.toPlainString(), src, now, actor));
    }

    /** The rate used for {@code date}: the latest on or before it; null if there is none. */
    public Uni<RateView> lookup(String from, String to, LocalDate date) {
        return Panache.withSession(() -> Db.rows("""
                        select from_ccy, to_ccy, rate_date, rate::text, source, published_at, published_by from fx_rate
                        where from_ccy = ?1 and to_ccy = ?2 and rate_date <= ?3 order by rate_date desc limit 1""", from, to, date))
                .map(rows -> rows.isEmpty() ? null : view(rows.get(0)));
    }

    public Uni<List<RateView>> history(String from, String to) {
        return Panache.withSession(() -> Db.rows("""
                        select from_ccy, to_ccy, rate_date, rate::text, source, published_at, published_by from fx_rate
                        where from_ccy = ?1 and to_ccy = ?2 order by rate_date""", from, to))
                .map(rows -> rows.stream().map(FxService::view).toList());
    }

    private static RateView view(Object[] r) {
        return new RateView(Db.str(r[0]), Db.str(r[1]), Db.date(r[2]), io.partnerflow.incentive.domain.Texts.plain(new BigDecimal(Db.str(r[3]))),
                Db.str(r[4]), Db.instant(r[5]), Db.str(r[6]));
    }
}
