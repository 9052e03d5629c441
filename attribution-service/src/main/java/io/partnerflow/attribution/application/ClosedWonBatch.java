package io.partnerflow.attribution.application;

import io.partnerflow.attribution.domain.AttributionModels;
import io.partnerflow.attribution.domain.AttributionModels.TouchWeights;
import io.partnerflow.attribution.domain.CreditSplit;
import io.partnerflow.attribution.domain.CreditSplit.PartnerCredit;
import io.partnerflow.attribution.domain.SourcedRule;
import io.partnerflow.attribution.persistence.AttributionModelEntity;
import io.partnerflow.contracts.EventJson;
import io.partnerflow.contracts.EventType;
import io.partnerflow.contracts.Topics;
import io.partnerflow.contracts.attribution.Credit;
import io.partnerflow.contracts.attribution.DealAttributed;
import io.partnerflow.contracts.attribution.ModelRef;
import io.partnerflow.contracts.deal.DealClosedWon;
import io.partnerflow.platform.messaging.EventConsumer;
import io.partnerflow.platform.messaging.EventEnvelope;
import io.partnerflow.platform.outbox.OutboxEvent;
import io.partnerflow.platform.outbox.OutboxWriter;
import io.partnerflow.platform.outbox.RenderedJson;
import io.partnerflow.platform.persistence.Pg;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/**
 * The closed-won events of a consumer chunk, applied together (issue #16) inside the consumer's transaction: the
 * snapshots and compact rows in one multi-row INSERT each, the deals' active attributions in one SELECT, the selection
 * catalog once per batch, the attribution maths per deal in offset order (the pure core), then the attributions and
 * their credits in one multi-row INSERT each and one outbox row per attributed deal, continuing that event's trace.
 * <p>
 * The rules are those of one event at a time: the first closed-won revision of a deal is attributed; a later
 * revision (or a deal attributed earlier in the same chunk) is stored and not attributed again; a deal without
 * credited touches is recorded as unattributed and nothing is published.
 */
@ApplicationScoped
public class ClosedWonBatch {
    private final OutboxWriter outbox;
    private final ModelSelector selector;
    private final Clock clock;

    public ClosedWonBatch(OutboxWriter outbox, ModelSelector selector, Clock clock) {
        this.outbox = outbox;
        this.selector = selector;
        this.clock = clock;
    }

    /** One deal's attribution, computed and not yet written. */
    record Attributed(EventEnvelope event, UUID id, DealClosedWon deal, AttributionModelEntity model, DealAttributed data) {
    }

    /**
     * Applies closed-won events (offset order, no duplicates by event id), each with its data as the caller already
     * read it (once per chunk: the consumer's pipeline credits use the same).
     */
    public Uni<Void> apply(List<EventEnvelope> events, Function<EventEnvelope, DealClosedWon> data) {
        List<DealClosedWon> deals = new ArrayList<>(events.size());
        for (EventEnvelope e : events) {
            DealClosedWon deal = data.apply(e);
            AttributionService.validate(deal);
            deals.add(deal);
        }
        Instant now = clock.instant();
        String[] ids = deals.stream().map(DealClosedWon::dealId).distinct().toArray(String[]::new);
        return insertSnapshots(deals, now)
                .chain(() -> insertCompact(deals))
                .chain(() -> Pg.strings("select deal_id from attribution where deal_id = any($1) and active", (Object) ids))
                .chain(active -> selector.catalog().chain(catalog -> {
                    Set<String> attributed = new HashSet<>(active);
                    Map<UUID, ModelConfig> configs = new HashMap<>();
                    List<Attributed> out = new ArrayList<>();
                    for (int i = 0; i < deals.size(); i++) {
                        DealClosedWon deal = deals.get(i);
                        if (attributed.add(deal.dealId())) {
                            ModelSelector.Selected sel = ModelSelector.select(deal, catalog);
                            ModelConfig config = configs.computeIfAbsent(sel.model().id,
                                    id -> EventJson.readString(sel.model().spec, ModelConfig.class));
                            out.add(attribute(events.get(i), deal, sel, config, now));
                        }
                    }
                    return write(out, now);
                }));
    }

    /** The attribution of a won deal under the selected model: the pure core, nothing written. */
    static Attributed attribute(EventEnvelope event, DealClosedWon deal, ModelSelector.Selected sel, ModelConfig config,
                                Instant now) {
        AttributionModelEntity model = sel.model();
        TouchWeights weights = AttributionModels.weigh(config.toSpec(), deal.createdAt(), deal.closedAt(),
                AttributionService.touches(deal));
        List<PartnerCredit> credits = CreditSplit.split(weights, AttributionService.lines(deal));
        UUID id = AttributionService.nameUuid("attribution", deal.dealId(), String.valueOf(deal.revision()), model.id.toString());
        Optional<String> sourced = SourcedRule.sourcedPartner(
                deal.registration() == null ? null : deal.registration().partnerId(),
                weights.credited().stream().map(AttributionModels.WeightedTouch::touch).toList(),
                credits.stream().map(PartnerCredit::partnerId).toList());
        ModelRef ref = new ModelRef(model.id.toString(), model.version, model.name, model.kind.toLowerCase(), sel.ruleId());
        Map<String, java.math.BigDecimal> shares = AttributionService.touchShares(weights);
        DealAttributed data = new DealAttributed(id.toString(), deal.dealId(), AttributionService.context(deal), ref,
                credits.stream().map(c -> AttributionService.credit(c, deal, sourced, shares)).toList(), now);
        return new Attributed(event, id, deal, model, data);
    }

    private static Uni<Void> insertSnapshots(List<DealClosedWon> deals, Instant now) {
        Map<String, DealClosedWon> first = new LinkedHashMap<>(); // of two copies of one revision, the earlier is kept
        deals.forEach(d -> first.putIfAbsent(d.dealId() + '\u0000' + d.revision(), d));
        List<DealClosedWon> rows = List.copyOf(first.values());
        int n = rows.size();
        String[] dealId = new String[n];
        Long[] revision = new Long[n];
        OffsetDateTime[] closedAt = new OffsetDateTime[n];
        String[] payload = new String[n];
        OffsetDateTime[] receivedAt = new OffsetDateTime[n];
        for (int i = 0; i < n; i++) {
            DealClosedWon d = rows.get(i);
            dealId[i] = d.dealId();
            revision[i] = d.revision();
            closedAt[i] = utc(d.closedAt());
            payload[i] = EventJson.writeString(d);
            receivedAt[i] = utc(now);
        }
        return Pg.exec("insert into deal_snapshot (deal_id, revision, closed_at, payload, received_at)"
                        + " select * from unnest($1::text[], $2::bigint[], $3::timestamptz[], $4::text[], $5::timestamptz[])"
                        + " on conflict (deal_id, revision) do nothing",
                dealId, revision, closedAt, payload, receivedAt).replaceWithVoid();
    }

    /** The compact row of each deal's first revision received (net lines move only by reversals). */
    private static Uni<Void> insertCompact(List<DealClosedWon> deals) {
        Map<String, DealClosedWon> first = new LinkedHashMap<>();
        deals.forEach(d -> first.putIfAbsent(d.dealId(), d));
        List<DealClosedWon> rows = List.copyOf(first.values());
        int n = rows.size();
        String[] dealId = new String[n];
        OffsetDateTime[] closedAt = new OffsetDateTime[n];
        OffsetDateTime[] createdAt = new OffsetDateTime[n];
        String[] currency = new String[n];
        String[] lines = new String[n];
        String[] touches = new String[n];
        for (int i = 0; i < n; i++) {
            DealClosedWon d = rows.get(i);
            dealId[i] = d.dealId();
            closedAt[i] = utc(d.closedAt());
            createdAt[i] = utc(d.createdAt());
            currency[i] = d.amount().currencyCode();
            lines[i] = CompactDeal.encodeLines(AttributionService.lines(d));
            touches[i] = CompactDeal.encodeTouches(AttributionService.touches(d));
        }
        return Pg.exec("insert into deal_compact (deal_id, closed_at, created_at, currency, lines, touches)"
                        + " select * from unnest($1::text[], $2::timestamptz[], $3::timestamptz[], $4::text[], $5::text[], $6::text[])"
                        + " on conflict (deal_id) do nothing",
                dealId, closedAt, createdAt, currency, lines, touches).replaceWithVoid();
    }

    private Uni<Void> write(List<Attributed> attributions, Instant now) {
        if (attributions.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        // one outbox row per attributed deal (buffered by the consumer's batch); unattributed (direct): nothing to publish.
        // Each attribution's document is written as JSON once, for its row and its outbox event.
        String[] json = attributions.stream().map(a -> EventJson.writeString(a.data())).toArray(String[]::new);
        List<Integer> published = java.util.stream.IntStream.range(0, attributions.size())
                .filter(i -> !attributions.get(i).data().credits().isEmpty()).boxed().toList();
        return insertAttributions(attributions, json, now).chain(() -> insertCredits(attributions, now))
                .chain(() -> Multi.createFrom().iterable(published)
                        .onItem().transformToUniAndConcatenate(i -> {
                            Attributed a = attributions.get(i);
                            return outbox.append(new OutboxEvent(a.id(), Topics.ATTRIBUTION_EVENTS,
                                    EventType.DEAL_ATTRIBUTED.type(), "deal", a.deal().dealId(), a.deal().dealId(), now,
                                    new RenderedJson(json[i])), EventConsumer.traceOf(a.event()));
                        })
                        .collect().last().replaceWithVoid());
    }

    private static Uni<Void> insertAttributions(List<Attributed> attributions, String[] json, Instant now) {
        int n = attributions.size();
        String[] id = new String[n];
        String[] dealId = new String[n];
        Long[] revision = new Long[n];
        String[] modelId = new String[n];
        String[] modelName = new String[n];
        Integer[] modelVersion = new Integer[n];
        OffsetDateTime[] closedAt = new OffsetDateTime[n];
        String[] currency = new String[n];
        String[] amount = new String[n];
        Boolean[] unattributed = new Boolean[n];
        String[] payload = new String[n];
        for (int i = 0; i < n; i++) {
            Attributed a = attributions.get(i);
            id[i] = a.id().toString();
            dealId[i] = a.deal().dealId();
            revision[i] = a.deal().revision();
            modelId[i] = a.model().id.toString();
            modelName[i] = a.model().name;
            modelVersion[i] = a.model().version;
            closedAt[i] = utc(a.deal().closedAt());
            currency[i] = a.deal().amount().currencyCode();
            amount[i] = a.deal().amount().amount().toPlainString();
            unattributed[i] = a.data().credits().isEmpty();
            payload[i] = json[i];
        }
        return Pg.exec("""
                        insert into attribution (id, deal_id, revision, model_id, model_name, model_version, closed_at,
                                                 currency, amount, unattributed, active, payload, attributed_at)
                        select i::uuid, d, r, m::uuid, mn, mv, c, cur, a::numeric, u, true, p, $12
                          from unnest($1::text[], $2::text[], $3::bigint[], $4::text[], $5::text[], $6::int[],
                                      $7::timestamptz[], $8::text[], $9::text[], $10::bool[], $11::text[])
                               as x(i, d, r, m, mn, mv, c, cur, a, u, p)""",
                id, dealId, revision, modelId, modelName, modelVersion, closedAt, currency, amount, unattributed,
                payload, utc(now)).replaceWithVoid();
    }

    private static Uni<Void> insertCredits(List<Attributed> attributions, Instant now) {
        List<String[]> rows = new ArrayList<>();
        List<OffsetDateTime> closed = new ArrayList<>();
        for (Attributed a : attributions) {
            for (Credit c : a.data().credits()) {
                rows.add(new String[]{a.id().toString(), a.deal().dealId(), c.partnerId(), c.role(),
                        c.weight() == null ? null : c.weight().toPlainString(), c.amount().amount().toPlainString(),
                        c.amount().currencyCode()});
                closed.add(utc(a.deal().closedAt()));
            }
        }
        if (rows.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        String[][] cols = new String[7][rows.size()];
        for (int r = 0; r < rows.size(); r++) {
            for (int c = 0; c < 7; c++) {
                cols[c][r] = rows.get(r)[c];
            }
        }
        // an attribution's credits: entry = the attribution itself, kind attributed (as AttributionService.creditRow)
        return Pg.exec("""
                        insert into attribution_credit (attribution_id, entry_id, entry_kind, deal_id, partner_id, role,
                                                        weight, amount, currency, closed_at, recorded_at)
                        select a::uuid, a::uuid, 'attributed', d, p, r, w::numeric, m::numeric, c, t, $9
                          from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[],
                                      $8::timestamptz[]) as x(a, d, p, r, w, m, c, t)""",
                cols[0], cols[1], cols[2], cols[3], cols[4], cols[5], cols[6], closed.toArray(OffsetDateTime[]::new),
                utc(now)).replaceWithVoid();
    }

    private static OffsetDateTime utc(Instant at) {
        return at == null ? null : OffsetDateTime.ofInstant(at, ZoneOffset.UTC);
    }
}
