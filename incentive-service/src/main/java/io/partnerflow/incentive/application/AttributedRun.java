package io.partnerflow.incentive.application;

import io.partnerflow.contracts.EventJson;
import io.partnerflow.contracts.EventType;
import io.partnerflow.contracts.attribution.Credit;
import io.partnerflow.contracts.attribution.DealAttributed;
import io.partnerflow.incentive.config.IncentiveConfig;
import io.partnerflow.incentive.domain.Facts;
import io.partnerflow.incentive.domain.calc.ActiveProgram;
import io.partnerflow.platform.persistence.Db;
import io.partnerflow.platform.persistence.Pg;
import io.partnerflow.platform.trace.TraceContext;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code deal.attributed} per chunk (issue #16): what accruing one attribution at a time did, done for
 * a run of consecutive attributions (offset order) with a fixed number of statements per {@value #CHUNK} events —
 * the events stored in one multi-row INSERT (the new ones come back), their compact credits replaced in one DELETE +
 * INSERT, the queue check, the partners and their tiers read once for the whole chunk, then for each event and each
 * of its partners in the one-event order the SAME computation ({@link AccrualWork#accrued}, the pure core), and the
 * earnings, their outbox events (each continuing its own event's trace) and the pending work written with multi-row
 * statements. Program catalog, closed periods and FX tables come from the batch memo ({@link EventReads}).
 * <p>
 * Why this is exact: the per-deal rules read only the programs, the partner, its tier as of the close and an FX
 * table — nothing the attributions of the chunk write (period caps and tiers by volume are settled at the period
 * close, not here). The one state an earlier event of the chunk changes for a later one is the per (deal, partner)
 * queue of pending work: it is kept in memory from the one read, so work queued by an earlier event of the chunk
 * makes the later work of the same deal and partner queue behind it, as it did event by event.
 */
@ApplicationScoped
class AttributedRun {
    /** Events per set of statements. */
    static final int CHUNK = 100;
    private static final int PENDING_PARAMS = 10;

    private final AccrualWork accrual;
    private final EarningWriter writer;
    private final Reference ref;
    private final ProgramCatalog catalog;
    private final IncentiveConfig config;
    private final java.time.Clock clock;

    AttributedRun(AccrualWork accrual, EarningWriter writer, Reference ref, ProgramCatalog catalog, IncentiveConfig config,
                  java.time.Clock clock) {
        this.accrual = accrual;
        this.writer = writer;
        this.ref = ref;
        this.catalog = catalog;
        this.config = config;
        this.clock = clock;
    }

    /** An attribution and the trace context of its consumer span. */
    public record Item(DealAttributed event, TraceContext trace) {
    }

    /** What the chunk's work reads once. */
    private record Loaded(Set<String> queued, Map<String, Facts.Partner> partners, Map<String, List<Object[]>> tiers,
                          Map<LocalDate, Facts.FxTable> fx, List<ActiveProgram> programs, Set<String> closed) {
    }

    private record Pend(String dealId, String partnerId, String eventKey, Wait waiting) {
    }

    Uni<Void> apply(List<Item> items) {
        items.forEach(i -> EarningEngine.requireDeal(i.event().deal(), i.event().attributionId())); // poison before any write
        List<List<Item>> chunks = new ArrayList<>();
        for (int from = 0; from < items.size(); from += CHUNK) {
            chunks.add(items.subList(from, Math.min(items.size(), from + CHUNK)));
        }
        return Multi.createFrom().iterable(chunks).onItem().transformToUniAndConcatenate(this::applyChunk).collect().last().replaceWithVoid();
    }

    private Uni<Void> applyChunk(List<Item> chunk) {
        Map<String, Item> byKey = new LinkedHashMap<>();
        chunk.forEach(i -> byKey.putIfAbsent(i.event().attributionId(), i)); // a second copy stores nothing, as event by event
        List<Item> unique = List.copyOf(byKey.values());
        return store(unique).chain(stored -> {
            List<Item> fresh = unique.stream().filter(i -> stored.contains(i.event().attributionId())).toList();
            if (fresh.isEmpty()) {
                return Uni.createFrom().voidItem();
            }
            return CompactCredits.replaceAll(fresh.stream().map(i -> i.event().deal()).toList(),
                            fresh.stream().map(i -> i.event().credits()).toList())
                    .chain(() -> load(fresh))
                    .chain(loaded -> write(fresh, loaded));
        });
    }

    /** The events in one INSERT (one statement text for any number: parsed and planned once per connection). */
    static final String STORE_ALL = "insert into attribution_event (event_key, event_kind, deal_id, attribution_id, closed_at,"
            + " payload, received_at) select x.k, cast($7 as text), x.deal, x.att, x.closed, x.payload, cast($6 as timestamptz)"
            + " from unnest($1::text[], $2::text[], $3::text[], $4::timestamptz[], $5::text[]) as x(k, deal, att, closed, payload)"
            + " on conflict (event_key) do nothing returning event_key";

    /** One INSERT of the events; the keys that were new. */
    private Uni<Set<String>> store(List<Item> items) {
        int n = items.size();
        String[] key = new String[n], deal = new String[n], attribution = new String[n], payload = new String[n];
        java.time.OffsetDateTime[] closedAt = new java.time.OffsetDateTime[n];
        for (int i = 0; i < n; i++) {
            DealAttributed a = items.get(i).event();
            key[i] = a.attributionId();
            deal[i] = a.dealId();
            attribution[i] = a.attributionId();
            closedAt[i] = (java.time.OffsetDateTime) Db.bind(a.deal().closedAt());
            payload[i] = EventJson.writeString(a);
        }
        return Pg.rows(STORE_ALL, key, deal, attribution, closedAt, payload, clock.instant(), EarningEngine.ATTRIBUTED)
                .map(rows -> {
                    Set<String> out = new HashSet<>();
                    rows.forEach(r -> out.add(Db.str(r[0])));
                    return out;
                });
    }

    private Uni<Loaded> load(List<Item> fresh) {
        List<String> deals = fresh.stream().map(i -> i.event().dealId()).distinct().toList();
        List<String> partnerIds = fresh.stream().flatMap(i -> i.event().credits().stream().map(Credit::partnerId)).distinct().sorted().toList();
        Instant latest = fresh.stream().map(i -> i.event().deal().closedAt()).max(Instant::compareTo).orElseThrow();
        List<LocalDate> dates = fresh.stream().map(i -> date(i.event())).distinct().toList();
        EventReads reads = new EventReads(ref, catalog);
        Map<LocalDate, Facts.FxTable> fx = new HashMap<>();
        if (partnerIds.isEmpty()) {
            return Uni.createFrom().item(new Loaded(new HashSet<>(), Map.of(), Map.of(), fx, List.of(), Set.of()));
        }
        return Pg.rows("select distinct deal_id, partner_id from pending_work where deal_id = any($1)",
                        (Object) deals.toArray(String[]::new))
                .chain(queuedRows -> ref.partners(partnerIds)
                        .chain(partners -> Pg.rows("""
                                        select partner_id, tier_code, tier_name, effective_at, reason, decided_at from partner_tier
                                        where partner_id = any($1) and effective_at <= $2 order by partner_id, effective_at desc, decided_at desc""",
                                        partnerIds.toArray(String[]::new), latest)
                                .chain(tierRows -> Multi.createFrom().iterable(dates)
                                        .onItem().transformToUniAndConcatenate(d -> reads.fxTable(d).invoke(t -> fx.put(d, t)))
                                        .collect().last()
                                        .chain(() -> reads.programs())
                                        .chain(programs -> reads.closedPeriods().map(closed -> {
                                            Set<String> queued = new HashSet<>();
                                            queuedRows.forEach(r -> queued.add(key(Db.str(r[0]), Db.str(r[1]))));
                                            Map<String, List<Object[]>> tiers = new HashMap<>();
                                            tierRows.forEach(r -> tiers.computeIfAbsent(Db.str(r[0]), k -> new ArrayList<>()).add(r));
                                            return new Loaded(queued, partners, tiers, fx, programs, closed);
                                        })))));
    }

    /** The work of every event for every partner, in the one-event order; then the writes. */
    private Uni<Void> write(List<Item> fresh, Loaded in) {
        List<EarningWriter.Pending> earnings = new ArrayList<>();
        List<Pend> pends = new ArrayList<>();
        for (Item item : fresh) {
            DealAttributed a = item.event();
            for (String p : new TreeSet<>(a.credits().stream().map(Credit::partnerId).toList())) {
                String key = key(a.dealId(), p);
                Facts.Partner partner = in.partners().get(p);
                Wait wait;
                if (in.queued().contains(key)) {
                    wait = Wait.queued();
                } else if (partner == null) {
                    wait = Wait.unknownPartner(p);
                } else {
                    Instant at = a.deal().closedAt();
                    AccrualWork.Accrued done = accrual.accrued(a, AccrualWork.creditOf(a, p), WorkInputs.of(partner, at,
                            tierAsOf(in.tiers().get(p), at), in.fx().get(date(a)), in.programs(), in.closed(), config.periodZone()));
                    wait = done.waiting();
                    done.earnings().forEach(e -> earnings.add(new EarningWriter.Pending(e.row(), EventType.EARNING_ACCRUED, e.event(), item.trace())));
                }
                if (wait != null) {
                    pends.add(new Pend(a.dealId(), p, a.attributionId(), wait));
                    in.queued().add(key); // later work of this deal and partner in the chunk queues behind it
                }
            }
        }
        return writer.writeAll(earnings).chain(() -> pendAll(pends));
    }

    /** {@link Reference#tierAsOf}: the partner's rows come latest first (effective_at desc, decided_at desc). */
    private static Facts.Tier tierAsOf(List<Object[]> rows, Instant at) {
        if (rows != null) {
            for (Object[] r : rows) {
                if (!Db.instant(r[3]).isAfter(at)) {
                    return Reference.tier(r, 1, at);
                }
            }
        }
        return Reference.noTier(at);
    }

    /** Rows per pending-work INSERT: 10 parameters each, far below PostgreSQL's 32,767 (review of #16). */
    static final int PENDING_ROWS = 1000;

    /** The pending work of the chunk in multi-row INSERTs, in order (the queue's seq follows the VALUES order). */
    private Uni<Void> pendAll(List<Pend> pends) {
        Uni<Void> chain = Uni.createFrom().voidItem(); // a few slices at most: a short chain
        for (int from = 0; from < pends.size(); from += PENDING_ROWS) {
            List<Pend> slice = pends.subList(from, Math.min(pends.size(), from + PENDING_ROWS));
            chain = chain.chain(() -> pendSlice(slice));
        }
        return chain;
    }

    private Uni<Void> pendSlice(List<Pend> pends) {
        StringBuilder sql = new StringBuilder("""
                insert into pending_work (deal_id, partner_id, event_key, event_kind, reason, detail, fx_from, fx_to, fx_date, created_at)
                values\s""");
        Object[] params = new Object[pends.size() * PENDING_PARAMS];
        Instant now = clock.instant();
        for (int i = 0; i < pends.size(); i++) {
            Pend p = pends.get(i);
            Wait w = p.waiting();
            int n = i * PENDING_PARAMS;
            sql.append(i == 0 ? "" : ", ").append(String.format(
                    "($%d, $%d, $%d, $%d, $%d, $%d, cast($%d as text), cast($%d as text), cast($%d as date), $%d)",
                    n + 1, n + 2, n + 3, n + 4, n + 5, n + 6, n + 7, n + 8, n + 9, n + 10));
            Object[] v = {p.dealId(), p.partnerId(), p.eventKey(), EarningEngine.ATTRIBUTED, w.reason(), w.detail(), w.fxFrom(), w.fxTo(), w.fxDate(), now};
            System.arraycopy(v, 0, params, n, PENDING_PARAMS);
        }
        sql.append("""
                 on conflict (event_key, partner_id) do update set reason = excluded.reason, detail = excluded.detail,
                    fx_from = excluded.fx_from, fx_to = excluded.fx_to, fx_date = excluded.fx_date""");
        return Pg.exec(sql.toString(), params).replaceWithVoid();
    }

    private LocalDate date(DealAttributed a) {
        return a.deal().closedAt().atZone(config.periodZone()).toLocalDate();
    }

    private static String key(String dealId, String partnerId) {
        return dealId + '\u0000' + partnerId;
    }
}
