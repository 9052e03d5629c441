package io.partnerflow.payout.application;

import io.partnerflow.payout.persistence.Steps;

import io.partnerflow.contracts.EventJson;
import io.partnerflow.contracts.EventType;
import io.partnerflow.contracts.Topics;
import io.partnerflow.contracts.payout.PayoutFailed;
import io.partnerflow.contracts.payout.PayoutPaid;
import io.partnerflow.contracts.payout.PayoutRunApproved;
import io.partnerflow.core.ids.NameBasedIds;
import io.partnerflow.core.money.Money;
import io.partnerflow.payout.config.PayoutConfig;
import io.partnerflow.payout.domain.ledger.Journals;
import io.partnerflow.payout.domain.run.RunPlanner;
import io.partnerflow.payout.persistence.LedgerStore;
import io.partnerflow.payout.persistence.Sql;
import io.partnerflow.platform.outbox.OutboxEvent;
import io.partnerflow.platform.outbox.OutboxWriter;
import io.partnerflow.platform.problem.ProblemException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Payout runs. Creation is serialised by a transaction-scoped advisory lock (runs never race for the same earning)
 * and guarded by the database (an earning is in at most one live item: unique index), so even concurrent requests
 * with different idempotency keys can never claim an earning twice. Approval needs a second finance user.
 */
@ApplicationScoped
public class RunService {
    private static final String RUN_COLUMNS = """
            id, idempotency_key, cutoff, period, status, created_by, created_at, approved_by, approved_at, held,
            created_by_identity""";
    private static final String ITEM_COLUMNS = """
            id, run_id, partner_id, partner_name, amount, currency, method, earning_count, account_holder, iban_masked, bic,
            aba_masked, account_masked, account_type, business, status, bank_reference, value_date, failure_code,
            failure_reason, settled_at, settled_by, bank_secret, bank_fingerprint""";

    private final LedgerStore ledger;
    private final OutboxWriter outbox;
    private final ProfileService profiles;
    private final EarningService earnings;
    private final PayoutConfig config;
    private final Clock clock;

    public RunService(LedgerStore ledger, OutboxWriter outbox, ProfileService profiles, EarningService earnings,
                      PayoutConfig config, Clock clock) {
        this.ledger = ledger;
        this.outbox = outbox;
        this.profiles = profiles;
        this.earnings = earnings;
        this.config = config;
        this.clock = clock;
    }

    public record Held(String partnerId, Money amount, String reason, String detail, String earningId) {
    }

    public record RunRow(UUID id, String idempotencyKey, LocalDate cutoff, String period, String status,
                         String createdBy, Instant createdAt, String approvedBy, Instant approvedAt, List<Held> held,
                         String createdByIdentity) {
        static RunRow of(Sql.Row r) {
            return new RunRow(r.uuid(0), r.str(1), r.date(2), r.str(3), r.str(4), r.str(5), r.instant(6), r.str(7),
                    r.instant(8), List.of(EventJson.readString(r.str(9), Held[].class)), r.str(10));
        }
    }

    /** An item: its bank numbers only masked; {@code bankSecret} = the sealed numbers (opened for the files only). */
    public record ItemRow(UUID id, UUID runId, String partnerId, String partnerName, Money amount, String method,
                          int earningCount, String accountHolder, String ibanMasked, String bic, String abaMasked,
                          String accountMasked, String accountType, boolean business, String status,
                          String bankReference, LocalDate valueDate, String failureCode, String failureReason,
                          Instant settledAt, String settledBy, String bankSecret, String bankFingerprint) {
        /** Masked: an item never shows its bank numbers (nor their sealed value) in a log line or an exception. */
        @Override
        public String toString() {
            return "ItemRow[id=" + id + ", partnerId=" + partnerId + ", amount=" + amount + ", method=" + method
                    + ", iban=" + ibanMasked + ", accountNumber=" + accountMasked + ", status=" + status + "]";
        }

        /** The masked account shown for the item (IBAN, else US account number). */
        public String maskedAccount() {
            return ibanMasked != null ? ibanMasked : accountMasked;
        }

        static ItemRow of(Sql.Row r) {
            return new ItemRow(r.uuid(0), r.uuid(1), r.str(2), r.str(3), Money.of(r.dec(4), r.str(5)), r.str(6),
                    (int) r.lng(7), r.str(8), r.str(9), r.str(10), r.str(11), r.str(12), r.str(13), r.bool(14),
                    r.str(15), r.str(16), r.date(17), r.str(18), r.str(19), r.instant(20), r.str(21), r.str(22), r.str(23));
        }
    }

    public record Created(RunRow run, boolean created) {
    }

    // ---- create

    public Uni<Created> create(String idempotencyKey, LocalDate cutoff, Actor actor) {
        return Panache.withTransaction(() -> byKey(idempotencyKey).chain(existing -> {
                    if (existing != null) {
                        return Uni.createFrom().item(replay(existing, cutoff));
                    }
                    return Sql.query("select cast(pg_advisory_xact_lock(hashtextextended('payout.run-creation', 0)) as text)")
                            .chain(() -> byKey(idempotencyKey))
                            .chain(again -> again != null ? Uni.createFrom().item(replay(again, cutoff))
                                    : plan(cutoff).chain(plan -> persist(idempotencyKey, cutoff, actor, plan)));
                }))
                .onFailure(RunService::isUniqueViolation)
                .recoverWithUni(() -> Panache.withSession(() -> byKey(idempotencyKey)).map(r -> replay(r, cutoff)));
    }

    private static Created replay(RunRow run, LocalDate cutoff) {
        if (!run.cutoff().equals(cutoff)) {
            throw ProblemException.unprocessable("idempotency key " + run.idempotencyKey() + " was used for the run of "
                    + run.cutoff() + ", not " + cutoff);
        }
        return new Created(run, false);
    }

    private record Planned(RunPlanner.Plan plan, Map<String, PartnerDirectory.PartnerRow> partners,
                           Map<String, ProfileService.Profile> profiles) {
    }

    private Uni<Planned> plan(LocalDate cutoff) {
        Instant cutoffEnd = cutoff.plusDays(1).atStartOfDay(config.statements().zone()).toInstant();
        return Sql.query("""
                        select e.earning_id, e.partner_id, e.amount, e.currency, e.hold_reason, e.open_dispute_id
                          from earning e
                         where e.status = 'approved' and e.approved_at < ?1
                         order by e.partner_id, e.earning_id
                           for update""", cutoffEnd)
                .chain(rows -> {
                    List<RunPlanner.Line> lines = new ArrayList<>();
                    List<String> partnerIds = new ArrayList<>();
                    for (Sql.Row r : rows) {
                        lines.add(new RunPlanner.Line(r.uuid(0), r.str(1), Money.of(r.dec(2), r.str(3)), r.str(4), r.uuid(5) != null));
                        if (!partnerIds.contains(r.str(1))) {
                            partnerIds.add(r.str(1));
                        }
                    }
                    Map<String, PartnerDirectory.PartnerRow> partners = new HashMap<>();
                    Map<String, ProfileService.Profile> profileMap = new HashMap<>();
                    Map<String, RunPlanner.PartnerFacts> facts = new HashMap<>();
                    Steps chain = Steps.start();
                    for (String pid : partnerIds) {
                        chain = chain.chain(() -> Sql.one("select partner_id, name, legal_name, status, country, payout_currency from partner where partner_id = ?1", pid)
                                .chain(p -> profiles.find(pid, false).invoke(profile -> {
                                    PartnerDirectory.PartnerRow row = p == null ? null
                                            : new PartnerDirectory.PartnerRow(p.str(0), p.str(1), p.str(2), p.str(3), p.str(4), p.str(5));
                                    if (row != null) {
                                        partners.put(pid, row);
                                    }
                                    if (profile != null) {
                                        profileMap.put(pid, profile);
                                    }
                                    facts.put(pid, new RunPlanner.PartnerFacts(pid, row != null, row == null ? null : row.status(),
                                            profile == null ? null : profile.forPlanner()));
                                })).replaceWithVoid());
                    }
                    return chain.run().map(x -> new Planned(RunPlanner.plan(cutoff, lines, facts), partners, profileMap));
                });
    }

    private Uni<Created> persist(String key, LocalDate cutoff, Actor maker, Planned planned) {
        String actor = maker.subject();
        Instant now = Times.now(clock);
        UUID runId = UUID.randomUUID();
        List<Held> held = planned.plan().held().stream().map(h -> new Held(h.partnerId(), h.amount(), h.reason().wire(),
                h.detail(), h.earningId() == null ? null : h.earningId().toString())).toList();
        Steps chain = Steps.start(() -> Sql.exec("""
                        insert into payout_run (id, idempotency_key, cutoff, period, status, created_by, created_at, held,
                            created_by_identity)
                        values (?1, ?2, ?3, ?4, 'draft', ?5, ?6, ?7, ?8)""",
                runId, key, cutoff, YearMonth.from(cutoff).toString(), actor, now, EventJson.writeString(held), maker.identity()));
        for (RunPlanner.Item item : planned.plan().items()) {
            UUID itemId = NameBasedIds.of("payout.item", runId, item.partnerId(), item.amount().currencyCode());
            ProfileService.Profile p = planned.profiles().get(item.partnerId());
            PartnerDirectory.PartnerRow partner = planned.partners().get(item.partnerId());
            String name = partner == null ? null : partner.legalName() != null ? partner.legalName() : partner.name();
            boolean sepa = item.method() == RunPlanner.Method.SEPA_CREDIT_TRANSFER;
            boolean ach = item.method() == RunPlanner.Method.ACH;
            chain = chain.chain(() -> Sql.exec("""
                            insert into payout_item (id, run_id, partner_id, partner_name, amount, currency, method, earning_count,
                                account_holder, iban_masked, bic, aba_masked, account_masked, account_type, business, status,
                                bank_secret, bank_key_id, bank_fingerprint)
                            values (?1, ?2, ?3, cast(?4 as text), ?5, ?6, ?7, ?8, cast(?9 as text), cast(?10 as varchar),
                                cast(?11 as varchar), cast(?12 as varchar), cast(?13 as varchar), cast(?14 as varchar), ?15, 'pending',
                                cast(?16 as text), cast(?17 as varchar), cast(?18 as varchar))""",
                    itemId, runId, item.partnerId(), name, item.amount().amount(), item.amount().currencyCode(),
                    item.method().wire(), item.earningIds().size(), p.accountHolder() != null ? p.accountHolder() : name,
                    sepa ? p.ibanMasked() : null, sepa ? p.bic() : null, ach ? p.abaMasked() : null, ach ? p.accountMasked() : null,
                    ach ? p.accountType() : null, p.business(),
                    // the sealed numbers are copied as they are (never opened here): the files open them
                    sepa || ach ? p.bank().secret() : null, sepa || ach ? p.bank().keyId() : null,
                    sepa || ach ? p.bank().fingerprint() : null));
            // the item's earnings in ONE statement: a run over tens of thousands of earnings sent one INSERT each and
            // outlived its caller's timeout under load (fault run at 100 deals/s, issue #16)
            UUID[] earningIds = item.earningIds().toArray(UUID[]::new);
            chain = chain.chain(() -> Sql.exec("""
                            insert into payout_item_earning (item_id, earning_id, amount)
                            select ?1, earning_id, amount from earning where earning_id = any(cast(?2 as uuid[]))""",
                    itemId, earningIds));
            chain = chain.chain(() -> Sql.exec("""
                            insert into earning_history (earning_id, at, actor, action, from_status, to_status, reason)
                            select earning_id, ?2, ?3, 'in_run', 'approved', 'in_run', ?4
                              from payout_item_earning where item_id = ?1 and not released""",
                            itemId, now, actor, "payout run " + runId))
                    .chain(() -> Sql.exec("""
                            update earning set status = 'in_run'
                             where earning_id in (select earning_id from payout_item_earning where item_id = ?1 and not released)""",
                            itemId));
        }
        return chain.run().chain(() -> find(runId)).map(r -> new Created(r, true));
    }

    // ---- approve (maker-checker), cancel

    public Uni<RunRow> approve(UUID runId, Actor checker) {
        Instant now = Times.now(clock);
        String actor = checker.subject();
        return Panache.withTransaction(() -> lockRun(runId).chain(run -> {
            // canonical identities (issuer + normalised subject): SEC-FIN1 is the same person as sec-fin1
            if (checker.isSamePersonAs(run.createdByIdentity(), run.createdBy())) {
                throw new ProblemException(403, "Forbidden", "maker-checker: " + actor + " created run " + runId
                        + " and cannot also approve it; another finance user must", "urn:partnerflow:problem:maker-checker", null);
            }
            if (!"draft".equals(run.status())) {
                throw ProblemException.conflict("run " + runId + " is " + run.status() + ", not draft");
            }
            return items(runId).chain(items -> {
                Steps chain = Steps.start(() -> Sql.exec("update payout_run set status = 'approved', approved_by = ?2, approved_at = ?3, approved_by_identity = ?4 where id = ?1",
                        runId, actor, now, checker.identity()));
                for (ItemRow i : items) {
                    chain.chain(() -> ledger.post(Journals.committed(i.partnerId(), i.id(), i.amount(), now, actor)));
                }
                PayoutRunApproved data = runApproved(run, actor, now, items);
                return chain.run().chain(() -> outbox.append(new OutboxEvent(NameBasedIds.of("payout.event.run-approved", runId),
                                Topics.PAYOUT_EVENTS, EventType.PAYOUT_RUN_APPROVED.type(), "payout-run", runId.toString(),
                                runId.toString(), now, data)))
                        .chain(() -> find(runId));
            });
        }));
    }

    static PayoutRunApproved runApproved(RunRow run, String approver, Instant at, List<ItemRow> items) {
        Map<String, Money> totals = new TreeMap<>();
        for (ItemRow i : items) {
            totals.merge(i.amount().currencyCode(), i.amount(), Money::plus);
        }
        LocalDate start = run.cutoff().withDayOfMonth(1);
        return new PayoutRunApproved(run.id().toString(), run.period(), start, run.cutoff(), run.createdBy(), approver, at,
                items.stream().map(i -> new PayoutRunApproved.Item(i.id().toString(), i.partnerId(), i.amount(), i.method(),
                        i.earningCount())).toList(),
                List.copyOf(totals.values()),
                run.held().stream().map(h -> new PayoutRunApproved.Held(h.partnerId(), h.amount(), h.reason())).toList());
    }

    public Uni<RunRow> cancel(UUID runId, String actor, String reason) {
        Instant now = Times.now(clock);
        return Panache.withTransaction(() -> lockRun(runId).chain(run -> {
            if (!"draft".equals(run.status())) {
                throw ProblemException.conflict("run " + runId + " is " + run.status() + "; only a draft run can be cancelled");
            }
            return Sql.exec("""
                            insert into earning_history (earning_id, at, actor, action, from_status, to_status, reason)
                            select x.earning_id, ?2, ?3, 'run_cancelled', 'in_run', 'approved', ?4
                              from payout_item_earning x join payout_item i on i.id = x.item_id
                             where i.run_id = ?1 and not x.released""", runId, now, actor, reason)
                    .chain(() -> Sql.exec("""
                            update earning set status = 'approved' where earning_id in (select x.earning_id
                              from payout_item_earning x join payout_item i on i.id = x.item_id where i.run_id = ?1 and not x.released)""", runId))
                    .chain(() -> Sql.exec("""
                            update payout_item_earning set released = true
                             where item_id in (select id from payout_item where run_id = ?1)""", runId))
                    .chain(() -> Sql.exec("update payout_item set status = 'cancelled' where run_id = ?1", runId))
                    .chain(() -> Sql.exec("update payout_run set status = 'cancelled', cancelled_by = ?2, cancelled_at = ?3 where id = ?1",
                            runId, actor, now))
                    .chain(() -> find(runId));
        }));
    }

    // ---- settlement

    public record Settlement(String outcome, String bankReference, LocalDate valueDate, String failureCode, String reason) {
    }

    public Uni<ItemRow> settle(UUID runId, UUID itemId, Settlement s, String actor) {
        Instant now = Times.now(clock);
        return Panache.withTransaction(() -> lockRun(runId).chain(run -> Sql.one("select " + ITEM_COLUMNS
                        + " from payout_item where id = ?1 and run_id = ?2 for update", itemId, runId).chain(r -> {
            if (r == null) {
                throw ProblemException.notFound("no item " + itemId + " in run " + runId);
            }
            ItemRow item = ItemRow.of(r);
            if (!"approved".equals(run.status()) && !"completed".equals(run.status())) {
                throw ProblemException.conflict("run " + runId + " is " + run.status() + ": only approved runs are settled");
            }
            if (!"pending".equals(item.status())) {
                if (item.status().equals(s.outcome())) {
                    return Uni.createFrom().item(item); // the same result again: nothing changes
                }
                throw ProblemException.conflict("item " + itemId + " is already " + item.status());
            }
            Uni<Void> effect = "paid".equals(s.outcome()) ? paid(run, item, s, actor, now)
                    : failed(run, item, s.failureCode(), s.reason(), "settlement", false, actor, now);
            return effect
                    .chain(() -> Sql.exec("""
                            update payout_run set status = 'completed'
                             where id = ?1 and not exists (select 1 from payout_item where run_id = ?1 and status = 'pending')""", runId))
                    .chain(() -> Sql.one("select " + ITEM_COLUMNS + " from payout_item where id = ?1", itemId))
                    .map(ItemRow::of);
        })));
    }

    private Uni<Void> paid(RunRow run, ItemRow item, Settlement s, String actor, Instant now) {
        return Sql.exec("""
                        update payout_item set status = 'paid', bank_reference = ?2, value_date = cast(?3 as date), settled_at = ?4,
                               settled_by = ?5 where id = ?1""", item.id(), s.bankReference(), s.valueDate(), now, actor)
                .chain(() -> ledger.post(Journals.paid(item.partnerId(), item.id(), item.amount(), s.bankReference(), now, actor)))
                .chain(() -> Sql.exec("""
                        insert into earning_history (earning_id, at, actor, action, from_status, to_status, reason)
                        select earning_id, ?2, ?3, 'paid', 'in_run', 'paid', ?4 from payout_item_earning where item_id = ?1 and not released""",
                        item.id(), now, actor, "bank reference " + s.bankReference()))
                .chain(() -> Sql.exec("""
                        update earning set status = 'paid'
                         where earning_id in (select earning_id from payout_item_earning where item_id = ?1 and not released)""", item.id()))
                .chain(() -> Sql.query("select earning_id from payout_item_earning where item_id = ?1 and not released order by earning_id", item.id()))
                .chain(ids -> outbox.append(new OutboxEvent(NameBasedIds.of("payout.event.paid", item.id()), Topics.PAYOUT_EVENTS,
                        EventType.PAYOUT_PAID.type(), "partner", item.partnerId(), item.id().toString(), now,
                        new PayoutPaid(item.id().toString(), run.id().toString(), item.partnerId(), item.amount(), item.method(),
                                s.bankReference(), s.valueDate(), now, actor, ids.stream().map(x -> x.str(0)).toList()))));
    }

    /**
     * The bank did not pay the item: the commitment is reversed (the amount is payable again), its lines are released
     * for the next run, {@code payout.failed} is published. {@code holdBankDetails}: the partner is held until its
     * bank details differ from those the item was sent to (a returned payment).
     */
    Uni<Void> failed(RunRow run, ItemRow item, String code, String why, String source, boolean holdBankDetails,
                     String actor, Instant now) {
        boolean hold = holdBankDetails && item.bankFingerprint() != null;
        UUID committed = Journals.committed(item.partnerId(), item.id(), item.amount(), now, actor).id();
        return Sql.exec("""
                        update payout_item set status = 'failed', failure_code = ?2, failure_reason = ?3, settled_at = ?4,
                               settled_by = ?5 where id = ?1""", item.id(), code, why, now, actor)
                .chain(() -> ledger.post(Journals.failed(item.partnerId(), item.id(), committed, item.amount(),
                        "payout failed: " + code + " " + why, now, actor)))
                .chain(() -> Sql.exec("""
                        insert into earning_history (earning_id, at, actor, action, from_status, to_status, reason)
                        select earning_id, ?2, ?3, 'payout_failed', 'in_run', 'approved', ?4 from payout_item_earning
                         where item_id = ?1 and not released""", item.id(), now, actor, code + ": " + why))
                .chain(() -> Sql.exec("""
                        update earning set status = 'approved'
                         where earning_id in (select earning_id from payout_item_earning where item_id = ?1 and not released)""", item.id()))
                .chain(() -> Sql.exec("update payout_item_earning set released = true where item_id = ?1", item.id()))
                .chain(() -> !hold ? Uni.createFrom().item(0) : Sql.exec("""
                        update payout_profile set returned_fingerprint = ?2, returned_reason = ?3 where partner_id = ?1""",
                        item.partnerId(), item.bankFingerprint(), code + " " + why))
                .chain(() -> outbox.append(new OutboxEvent(NameBasedIds.of("payout.event.failed", item.id()), Topics.PAYOUT_EVENTS,
                        EventType.PAYOUT_FAILED.type(), "partner", item.partnerId(), item.id().toString(), now,
                        new PayoutFailed(item.id().toString(), run.id().toString(), item.partnerId(), item.amount(), item.method(),
                                code, why, now, true, source, hold))));
    }

    // ---- reads

    public Uni<RunRow> find(UUID runId) {
        return Sql.one("select " + RUN_COLUMNS + " from payout_run where id = ?1", runId).map(r -> r == null ? null : RunRow.of(r));
    }

    Uni<RunRow> lockRun(UUID runId) {
        return Sql.one("select " + RUN_COLUMNS + " from payout_run where id = ?1 for update", runId).map(r -> {
            if (r == null) {
                throw ProblemException.notFound("no payout run " + runId);
            }
            return RunRow.of(r);
        });
    }

    Uni<RunRow> byKey(String key) {
        return Sql.one("select " + RUN_COLUMNS + " from payout_run where idempotency_key = ?1", key).map(r -> r == null ? null : RunRow.of(r));
    }

    public Uni<List<ItemRow>> items(UUID runId) {
        return Sql.query("select " + ITEM_COLUMNS + " from payout_item where run_id = ?1 order by partner_id, currency", runId)
                .map(rows -> rows.stream().map(ItemRow::of).toList());
    }

    public Uni<List<RunRow>> list(int limit) {
        return Sql.query("select " + RUN_COLUMNS + " from payout_run order by created_at desc limit ?1", limit)
                .map(rows -> rows.stream().map(RunRow::of).toList());
    }

    public Uni<List<ItemRow>> itemsOfPartner(String partnerId) {
        return Sql.query("select " + ITEM_COLUMNS + " from payout_item where partner_id = ?1 and status <> 'cancelled' order by settled_at nulls last, id",
                partnerId).map(rows -> rows.stream().map(ItemRow::of).toList());
    }

    static boolean isUniqueViolation(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            String m = c.getMessage();
            if (m != null && (m.contains("23505") || m.contains("duplicate key"))) {
                return true;
            }
        }
        return false;
    }

    static BigDecimal zero() {
        return BigDecimal.ZERO;
    }
}
