package io.partnerflow.payout.application;

import io.partnerflow.contracts.EventJson;
import io.partnerflow.contracts.EventType;
import io.partnerflow.contracts.Topics;
import io.partnerflow.contracts.payout.StatementIssued;
import io.partnerflow.core.ids.NameBasedIds;
import io.partnerflow.core.money.Money;
import io.partnerflow.payout.config.PayoutConfig;
import io.partnerflow.payout.persistence.Sql;
import io.partnerflow.platform.outbox.OutboxEvent;
import io.partnerflow.platform.outbox.OutboxWriter;
import io.partnerflow.platform.problem.ProblemException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Partner statements per calendar month (and for any period of whole days, one section per currency): opening
 * balance (what was owed at the start), every movement of the period from the ledger — earnings with their explanation and links, clawbacks, adjustments, declines, payouts —
 * and the closing balance, which must equal opening + movements (checked on every statement). Journals are booked
 * at the time they happen, never back-dated, so a closed period's movements cannot change; an issued statement
 * is also stored frozen and the database refuses to change it.
 */
@ApplicationScoped
public class StatementService {
    private final PayoutConfig config;
    private final OutboxWriter outbox;
    private final Clock clock;

    public StatementService(PayoutConfig config, OutboxWriter outbox, Clock clock) {
        this.config = config;
        this.outbox = outbox;
        this.clock = clock;
    }

    public record Links(String earning, String deal, String attribution, String payoutRun) {
    }

    /**
     * @param category accrued, reversed, adjusted (incl. declined lines and dispute adjustments) or paid
     * @param amount   the effect on what is owed to the partner (paid lines are negative here)
     */
    public record Line(Instant bookedAt, String category, String journalKind, UUID journalId, UUID earningId,
                       String earningKind, String dealId, String dealName, String explanation, Money amount,
                       String reference, Links links) {
    }

    public record Statement(UUID statementId, String partnerId, String period, LocalDate periodStart, LocalDate periodEnd,
                            String currency, String status, Money openingBalance, Money accrued, Money reversed,
                            Money adjusted, Money paid, Money closingBalance, List<Line> lines, Instant issuedAt,
                            String issuedBy) {
    }

    public static YearMonth period(String period) {
        try {
            YearMonth m = YearMonth.parse(period);
            if (m.getYear() < 2000 || m.getYear() > 2100) {
                throw ProblemException.badRequest("period " + period + " is out of range",
                        new io.partnerflow.platform.problem.Problem.FieldError("period", "a month between 2000-01 and 2100-12"));
            }
            return m;
        } catch (DateTimeParseException | NullPointerException e) {
            throw ProblemException.badRequest("period must be a month like 2025-06",
                    new io.partnerflow.platform.problem.Problem.FieldError("period", "not a month: " + period));
        }
    }

    /** The issued statement if there is one, else the statement as computed now (status open or closed). */
    public Uni<Statement> get(String partnerId, YearMonth period, String currency) {
        return Panache.withSession(() -> currency(partnerId, currency).chain(ccy -> issued(partnerId, period, ccy)
                .chain(st -> st != null ? Uni.createFrom().item(st) : compute(partnerId, period, ccy))));
    }

    /** Issues (freezes and publishes) a closed period's statement; issuing again returns the first one. */
    public Uni<Statement> issue(String partnerId, YearMonth period, String currency, String actor) {
        Instant now = Times.now(clock);
        if (end(period).isAfter(now)) {
            throw ProblemException.conflict("period " + period + " is not over yet: its statement can be issued from "
                    + end(period));
        }
        return Panache.withTransaction(() -> requireKnown(partnerId).chain(() -> currency(partnerId, currency)).chain(ccy -> Sql.query(
                        "select cast(pg_advisory_xact_lock(hashtextextended(?1, 0)) as text)", "statement|" + partnerId + "|" + period)
                .chain(() -> issued(partnerId, period, ccy))
                .chain(existing -> existing != null ? Uni.createFrom().item(existing) : compute(partnerId, period, ccy).chain(draft -> {
                    UUID id = NameBasedIds.of("payout.statement", partnerId, period, ccy);
                    Statement st = new Statement(id, partnerId, period.toString(), draft.periodStart(), draft.periodEnd(), ccy,
                            "issued", draft.openingBalance(), draft.accrued(), draft.reversed(), draft.adjusted(), draft.paid(),
                            draft.closingBalance(), draft.lines(), now, actor);
                    return Sql.exec("""
                                    insert into statement (id, partner_id, period, currency, period_start, period_end, opening,
                                        accrued, reversed, adjusted, paid, closing, line_count, document, issued_at, issued_by)
                                    values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)""",
                                    id, partnerId, period.toString(), ccy, st.periodStart(), st.periodEnd(),
                                    st.openingBalance().amount(), st.accrued().amount(), st.reversed().amount(),
                                    st.adjusted().amount(), st.paid().amount(), st.closingBalance().amount(), st.lines().size(),
                                    EventJson.writeString(st), now, actor)
                            .chain(() -> outbox.append(new OutboxEvent(NameBasedIds.of("payout.event.statement-issued", id),
                                    Topics.PAYOUT_EVENTS, EventType.STATEMENT_ISSUED.type(), "partner", partnerId, id.toString(), now,
                                    new StatementIssued(id.toString(), partnerId, period.toString(), st.periodStart(), st.periodEnd(),
                                            ccy, st.openingBalance(), st.accrued(), st.reversed(), st.adjusted(), st.paid(),
                                            st.closingBalance(), st.lines().size(), now,
                                            "/partners/" + partnerId + "/statements/" + period + "?currency=" + ccy))))
                            .replaceWith(st);
                }))));
    }

    public record IssuedSummary(String period, int issued, List<UUID> statementIds) {
    }

    /**
     * Issues the statement of a closed month for every partner and currency with ledger activity up to its end
     * (each in its own transaction; already issued ones are returned as they are).
     */
    public Uni<IssuedSummary> issueAll(YearMonth period, String actor) {
        if (end(period).isAfter(Times.now(clock))) {
            throw ProblemException.conflict("period " + period + " is not over yet");
        }
        return Panache.withSession(() -> Sql.query("""
                        select distinct p.partner_id, p.currency from posting p join journal j on j.id = p.journal_id
                         where p.partner_id is not null and j.booked_at < ?1 order by p.partner_id, p.currency""", end(period)))
                .chain(rows -> {
                    List<UUID> ids = new ArrayList<>();
                    Uni<Void> chain = Uni.createFrom().voidItem();
                    for (Sql.Row r : rows) {
                        chain = chain.chain(() -> issue(r.str(0), period, r.str(1), actor).invoke(st -> ids.add(st.statementId()))
                                .replaceWithVoid());
                    }
                    return chain.map(x -> new IssuedSummary(period.toString(), ids.size(), ids));
                });
    }

    private Uni<Statement> issued(String partnerId, YearMonth period, String currency) {
        return Sql.one("select document from statement where partner_id = ?1 and period = ?2 and currency = ?3",
                partnerId, period.toString(), currency).map(r -> r == null ? null : EventJson.readString(r.str(0), Statement.class));
    }

    /**
     * A statement is issued only for a partner this service knows — registered (partner-events) or with ledger entries —
     * so a mistyped or made-up id is a 404 instead of a frozen, published empty statement (and an id longer than any
     * partner's is not a failed insert).
     */
    private Uni<Void> requireKnown(String partnerId) {
        return Sql.one("""
                select exists(select 1 from partner where partner_id = ?1)
                    or exists(select 1 from posting where partner_id = ?1)""", partnerId)
                .invoke(r -> {
                    if (!Boolean.TRUE.equals(r.get(0))) {
                        throw ProblemException.notFound("payout-service knows no partner with this id (not registered, no"
                                + " ledger entries); a partner registered a moment ago may not have reached it yet");
                    }
                }).replaceWithVoid();
    }

    private Uni<String> currency(String partnerId, String requested) {
        if (requested != null && !requested.isBlank()) {
            try {
                return Uni.createFrom().item(Money.currencyOf(requested.trim().toUpperCase()).getCurrencyCode());
            } catch (IllegalArgumentException e) {
                throw ProblemException.badRequest(e.getMessage());
            }
        }
        return Sql.one("""
                select coalesce((select payout_currency from partner where partner_id = ?1),
                                (select currency from posting where partner_id = ?1 limit 1), 'EUR')""", partnerId)
                .map(r -> r.str(0));
    }

    Instant start(YearMonth period) {
        return period.atDay(1).atStartOfDay(config.statements().zone()).toInstant();
    }

    Instant end(YearMonth period) {
        return period.plusMonths(1).atDay(1).atStartOfDay(config.statements().zone()).toInstant();
    }

    private Uni<Money> owedAt(String partnerId, String currency, Instant at) {
        return Sql.one("""
                        select coalesce(-sum(p.amount), 0) from posting p
                          join journal j on j.id = p.journal_id
                          join ledger_account a on a.code = p.account_code
                         where p.partner_id = ?1 and p.currency = ?2 and j.booked_at < ?3
                           and a.kind in ('pending_earnings', 'payable', 'bank_clearing')""", partnerId, currency, at)
                .map(r -> Money.of(r.dec(0), currency));
    }

    Uni<Statement> compute(String partnerId, YearMonth period, String currency) {
        return compute(partnerId, period.toString(), period.atDay(1), period.atEndOfMonth(), currency,
                NameBasedIds.of("payout.statement", partnerId, period, currency));
    }

    /** A statement per currency the partner has ledger activity in up to {@code to}: any period of whole days. */
    public record PeriodStatements(String partnerId, LocalDate from, LocalDate to, List<Statement> sections) {
    }

    /** The statements of the days {@code from} … {@code to} (inclusive, zone {@code payout.statements.zone}). */
    public Uni<PeriodStatements> forPeriod(String partnerId, LocalDate from, LocalDate to) {
        Instant end = dayStart(to.plusDays(1));
        String label = from + ".." + to;
        return Panache.withSession(() -> Sql.query("""
                        select distinct p.currency from posting p join journal j on j.id = p.journal_id
                         where p.partner_id = ?1 and j.booked_at < ?2 order by p.currency""", partnerId, end)
                .chain(rows -> {
                    List<Statement> sections = new ArrayList<>();
                    Uni<Void> chain = Uni.createFrom().voidItem();
                    for (Sql.Row r : rows) {
                        String ccy = r.str(0);
                        chain = chain.chain(() -> compute(partnerId, label, from, to, ccy,
                                NameBasedIds.of("payout.statement.period", partnerId, from, to, ccy)).invoke(sections::add).replaceWithVoid());
                    }
                    return chain.map(x -> new PeriodStatements(partnerId, from, to, List.copyOf(sections)));
                }));
    }

    private Instant dayStart(LocalDate day) {
        return day.atStartOfDay(config.statements().zone()).toInstant();
    }

    /** The statement of the whole days {@code firstDay} … {@code lastDay}: the monthly and the any-period one. */
    private Uni<Statement> compute(String partnerId, String period, LocalDate firstDay, LocalDate lastDay, String currency,
                                   UUID statementId) {
        Instant from = dayStart(firstDay);
        Instant to = dayStart(lastDay.plusDays(1));
        return owedAt(partnerId, currency, from).chain(opening -> owedAt(partnerId, currency, to).chain(closing -> Sql.query("""
                        select j.booked_at, j.kind, j.id, j.earning_id, e.kind, e.deal_id, e.deal_name,
                               coalesce(e.summary, j.reason), e.line_type, e.attribution_id, i.run_id, i.bank_reference,
                               -sum(p.amount)
                          from journal j
                          join posting p on p.journal_id = j.id
                          join ledger_account a on a.code = p.account_code
                          left join earning e on e.earning_id = j.earning_id
                          left join payout_item i on i.id = j.run_item_id
                         where j.partner_id = ?1 and p.partner_id = ?1 and p.currency = ?2
                           and j.booked_at >= ?3 and j.booked_at < ?4
                           and a.kind in ('pending_earnings', 'payable', 'bank_clearing')
                         group by j.seq, j.booked_at, j.kind, j.id, j.earning_id, e.kind, e.deal_id, e.deal_name, e.summary,
                                  j.reason, e.line_type, e.attribution_id, i.run_id, i.bank_reference
                        having sum(p.amount) <> 0
                         order by j.seq""", partnerId, currency, from, to).map(rows -> {
            List<Line> lines = new ArrayList<>();
            Money accrued = Money.zero(currency);
            Money reversed = Money.zero(currency);
            Money adjusted = Money.zero(currency);
            Money paid = Money.zero(currency);
            for (Sql.Row r : rows) {
                String kind = r.str(1);
                Money amount = Money.of(r.dec(12), currency);
                String lineType = r.str(8);
                String category;
                if ("payout_paid".equals(kind)) {
                    category = "paid";
                    paid = paid.minus(amount);
                } else if ("earning_booked".equals(kind) && "accrued".equals(lineType)) {
                    category = "accrued";
                    accrued = accrued.plus(amount);
                } else if ("earning_booked".equals(kind) && "reversed".equals(lineType)) {
                    category = "reversed";
                    reversed = reversed.plus(amount);
                } else {
                    category = "adjusted"; // earning.adjusted, dispute adjustments, declined lines
                    adjusted = adjusted.plus(amount);
                }
                UUID earningId = r.uuid(3);
                String dealId = r.str(5);
                UUID runId = r.uuid(10);
                lines.add(new Line(r.instant(0), category, kind, r.uuid(2), earningId, r.str(4), dealId, r.str(6), r.str(7),
                        amount, r.str(11), new Links(earningId == null ? null : "/earnings/" + earningId,
                        dealId == null ? null : "deal:" + dealId, r.str(9) == null ? null : "attribution:" + r.str(9),
                        runId == null ? null : "/payout-runs/" + runId)));
            }
            Money computed = opening.plus(accrued).plus(reversed).plus(adjusted).minus(paid);
            if (!computed.equals(closing)) {
                throw new IllegalStateException("statement of " + partnerId + " " + period + " does not reconcile: opening "
                        + opening + " + movements = " + computed + " but the ledger says " + closing);
            }
            String status = to.isAfter(Times.now(clock)) ? "open" : "closed";
            return new Statement(statementId, partnerId, period, firstDay, lastDay, currency, status, opening, accrued, reversed,
                    adjusted, paid, closing, lines, null, null);
        })));
    }

    public static String csv(Statement s) {
        StringBuilder csv = new StringBuilder();
        Csv.row(csv, "partner_id", "period", "currency", "status", "opening_balance", "accrued", "reversed", "adjusted", "paid",
                "closing_balance");
        Csv.row(csv, s.partnerId(), s.period(), s.currency(), s.status(), s.openingBalance().amountString(),
                s.accrued().amountString(), s.reversed().amountString(), s.adjusted().amountString(), s.paid().amountString(),
                s.closingBalance().amountString());
        csv.append('\n');
        Csv.row(csv, "booked_at", "category", "amount", "currency", "earning_id", "earning_kind", "deal_id", "deal_name",
                "explanation", "reference", "attribution", "payout_run");
        for (Line l : s.lines()) {
            Csv.row(csv, l.bookedAt().toString(), l.category(), l.amount().amountString(), l.amount().currencyCode(),
                    l.earningId() == null ? "" : l.earningId().toString(), l.earningKind(), l.dealId(), l.dealName(),
                    l.explanation(), l.reference(), l.links().attribution(), l.links().payoutRun());
        }
        return csv.toString();
    }
}
