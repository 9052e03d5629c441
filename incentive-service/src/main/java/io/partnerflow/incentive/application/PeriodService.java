package io.partnerflow.incentive.application;

import io.partnerflow.contracts.EventJson;
import io.partnerflow.contracts.EventType;
import io.partnerflow.contracts.attribution.Credit;
import io.partnerflow.contracts.attribution.DealContext;
import io.partnerflow.contracts.incentive.EarningAccrued;
import io.partnerflow.contracts.incentive.EarningSource;
import io.partnerflow.contracts.incentive.Explanation;
import io.partnerflow.core.money.Money;
import io.partnerflow.incentive.domain.calc.ActiveProgram;
import io.partnerflow.incentive.domain.calc.ActiveRule;
import io.partnerflow.incentive.config.IncentiveConfig;
import io.partnerflow.incentive.domain.Facts;
import io.partnerflow.incentive.domain.FxBook;
import io.partnerflow.incentive.domain.Outcome;
import io.partnerflow.incentive.domain.PerDealCalculator;
import io.partnerflow.incentive.domain.RuleKind;
import io.partnerflow.incentive.domain.RuleSpec;
import io.partnerflow.incentive.domain.Texts;
import io.partnerflow.incentive.domain.period.Accelerator;
import io.partnerflow.incentive.domain.period.CalendarPeriod;
import io.partnerflow.incentive.domain.period.CapSettlement;
import io.partnerflow.incentive.domain.period.PeriodDeal;
import io.partnerflow.incentive.domain.period.PeriodEarningIds;
import io.partnerflow.incentive.domain.period.PeriodResult;
import io.partnerflow.incentive.domain.period.Periods;
import io.partnerflow.incentive.domain.period.RebateBand;
import io.partnerflow.incentive.domain.period.RebateMode;
import io.partnerflow.incentive.domain.period.VolumeRebate;
import io.partnerflow.platform.jobs.AdvisoryLock;
import io.partnerflow.platform.persistence.Db;
import io.partnerflow.platform.problem.ProblemException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;

/**
 * Period close: settles what depends on several deals — volume rebates, accelerators, caps — deterministically
 * (deals ordered by close time then deal id, never by arrival), with the period calculators of
 * {@code domain.period}. Explicit and idempotent ({@code POST /periods/{period}/close}: a second close returns the
 * first one's result and writes nothing), and scheduled (once across replicas via the platform advisory lock).
 * Before the close the same computation is available as an estimate, which publishes nothing.
 */
@ApplicationScoped
public class PeriodService {
    static final String LOCK = "incentive.period-close";

    private final EarningEngine engine;
    private final ProgramCatalog catalog;
    private final IncentiveConfig config;
    private final AdvisoryLock lock;
    private final Clock clock;
    private final MdfService mdf;
    private final PeriodCaps caps;

    public PeriodService(EarningEngine engine, ProgramCatalog catalog, IncentiveConfig config, AdvisoryLock lock, Clock clock,
                         MdfService mdf, PeriodCaps caps) {
        this.caps = caps;
        this.engine = engine;
        this.catalog = catalog;
        this.config = config;
        this.lock = lock;
        this.clock = clock;
        this.mdf = mdf;
    }

    /** One settled (or estimated) figure. */
    public record Settlement(String partnerId, String programCode, String ruleId, int ruleVersion, String kind, String amount,
                             String currency, String summary, String earningId) {
    }

    public record CloseResult(String period, boolean alreadyClosed, Instant closedAt, String closedBy, List<Settlement> settlements) {
    }

    public static CalendarPeriod parse(String period) {
        try {
            return Periods.parse(period);
        } catch (RuntimeException e) {
            throw ProblemException.badRequest("not a period: " + period + " (2026, 2026-Q1 or 2026-03)");
        }
    }

    /** Closes {@code period} (idempotent). */
    public Uni<CloseResult> close(String period, String actor) {
        CalendarPeriod p = parse(period);
        return Panache.withTransaction(() -> lock.tryLock(LOCK).chain(got -> {
            if (!got) {
                throw ProblemException.conflict("another period close is running; try again");
            }
            return Db.rows("select closed_at, closed_by, summary from period_close where period = ?1", p.id()).chain(rows -> {
                if (!rows.isEmpty()) {
                    List<Settlement> s = List.of(EventJson.readString(Db.str(rows.get(0)[2]), Settlement[].class));
                    return Uni.createFrom().item(new CloseResult(p.id(), true, Db.instant(rows.get(0)[0]), Db.str(rows.get(0)[1]), s));
                }
                Instant now = clock.instant();
                return compute(p, true, null)
                        .call(s -> mdf.expire(p))
                        .call(s -> Db.exec("insert into period_close (period, closed_at, closed_by, summary) values (?1, ?2, ?3, ?4)",
                                p.id(), now, actor, EventJson.writeString(s)))
                        .map(s -> new CloseResult(p.id(), false, now, actor, s));
            });
        }));
    }

    /** What closing the period would settle now, for one partner or all; writes and publishes nothing. */
    public Uni<List<Settlement>> estimate(String period, String partnerId) {
        CalendarPeriod p = parse(period);
        return Panache.withSession(() -> compute(p, false, partnerId));
    }

    public Uni<Boolean> isClosed(String period) {
        return Db.rows("select 1 from period_close where period = ?1", period).map(r -> !r.isEmpty());
    }

    // ------------------------------------------------------------------------------------------ computation

    /** A partner's net credit on one deal closed in the period. */
    record DealCredit(DealContext deal, String modelKind, Credit credit) {
    }

    /** Everything the settlement reads, loaded once. */
    record Data(Map<String, Map<String, DealCredit>> byPartner, Map<String, Facts.Partner> partners,
                Map<String, List<Object[]>> tiers, Map<String, TreeMap<LocalDate, BigDecimal>> fx, String base) {

        Facts.Tier tierAsOf(String partnerId, Instant at) {
            Object[] best = null;
            for (Object[] t : tiers.getOrDefault(partnerId, List.of())) {
                Instant eff = Db.instant(t[1]);
                if (!eff.isAfter(at) && (best == null || eff.isAfter(Db.instant(best[1]))
                        || (eff.equals(Db.instant(best[1])) && Db.instant(t[2]).isAfter(Db.instant(best[2]))))) {
                    best = t;
                }
            }
            return best == null ? new Facts.Tier("none", "No-tier", null, "no tier on or before " + at)
                    : new Facts.Tier(Db.str(best[3]), Db.str(best[4]), Db.instant(best[1]), Db.str(best[5]) + " effective " + Db.instant(best[1]));
        }

        /** Published rates, with inverses and crosses through the base currency ({@link FxBook}). */
        Facts.FxTable fxTable() {
            return FxBook.through(base, (from, to, date) -> {
                TreeMap<LocalDate, BigDecimal> m = fx.get(from + "/" + to);
                var e = m == null ? null : m.floorEntry(date);
                return e == null ? Optional.empty() : Optional.of(new Facts.FxRate(from, to, e.getValue(), e.getKey()));
            });
        }
    }

    Uni<Data> load(CalendarPeriod p) {
        return loadData(p, config.periodZone(), config.baseCurrency());
    }

    static Uni<Data> loadData(CalendarPeriod p, ZoneId zone, String base) {
        return PeriodData.load(p, zone, base);
    }

    Uni<List<Settlement>> compute(CalendarPeriod p, boolean write, String onlyPartner) {
        return compute(p, write, onlyPartner, null);
    }

    /**
     * @param version when given, this program version replaces the version of its program in force at the period's end
     *                (or joins them) — what a recalculation or a what-if of that version settles; never written
     */
    Uni<List<Settlement>> compute(CalendarPeriod p, boolean write, String onlyPartner, ActiveProgram version) {
        if (write && version != null) {
            throw new IllegalArgumentException("a period is only ever written under the versions in force");
        }
        String granularity = p.granularity().code();
        ZoneId zone = config.periodZone();
        Instant lastInstant = p.endInstant(zone).minusNanos(1);
        return load(p).chain(data -> catalog.all().chain(all -> {
            List<ActiveProgram> programs = new ArrayList<>(ProgramCatalog.inForce(all, lastInstant));
            if (version != null) {
                programs.removeIf(x -> x.code().equals(version.code()));
                programs.add(version);
                programs.sort(java.util.Comparator.comparingInt(ActiveProgram::priority).reversed().thenComparing(ActiveProgram::code));
            }
            List<Settlement> out = new ArrayList<>();
            Set<String> missing = new TreeSet<>();
            List<Uni<Void>> writes = new ArrayList<>();
            Set<String> takenRebate = new LinkedHashSet<>();
            for (ActiveProgram program : programs) {
                for (ActiveRule rule : program.rules()) {
                    RuleSpec spec = rule.spec();
                    boolean rebate = spec.kind() == RuleKind.VOLUME_REBATE && granularity.equals(spec.rebate().period());
                    boolean accel = spec.kind() == RuleKind.ACCELERATOR && granularity.equals(spec.accelerator().period());
                    if (!rebate && !accel) {
                        continue;
                    }
                    for (Map.Entry<String, Map<String, DealCredit>> e : data.byPartner().entrySet()) {
                        String partnerId = e.getKey();
                        Facts.Partner partner = data.partners().get(partnerId);
                        if (partner == null || (onlyPartner != null && !onlyPartner.equals(partnerId))) {
                            continue;
                        }
                        if (rebate && program.exclusivityGroup() != null && takenRebate.contains(program.exclusivityGroup() + "|" + partnerId)) {
                            continue;
                        }
                        String revenueCcy = rebate ? spec.rebate().baseCurrency() : spec.accelerator().target().currencyCode();
                        List<PeriodDeal> deals = new ArrayList<>();
                        for (DealCredit dc : e.getValue().values()) {
                            Optional<BigDecimal> revenue = revenue(spec, dc, partner, data, revenueCcy, zone, missing);
                            if (revenue.isEmpty()) {
                                continue;
                            }
                            Money rev = PerDealCalculator.round(revenue.get(), revenueCcy);
                            deals.add(accel ? new PeriodDeal(dc.deal().dealId(), dc.deal().closedAt(), rev, Money.zero(partner.payoutCurrency()))
                                    : PeriodDeal.of(dc.deal().dealId(), dc.deal().closedAt(), rev));
                        }
                        if (deals.isEmpty()) {
                            continue;
                        }
                        if (rebate) {
                            if (program.exclusivityGroup() != null) {
                                takenRebate.add(program.exclusivityGroup() + "|" + partnerId);
                            }
                            PeriodResult r = VolumeRebate.settle(RebateMode.valueOf(spec.rebate().mode().toUpperCase()), bands(spec.rebate()),
                                    deals, Money.currencyOf(revenueCcy));
                            settle(p, program, rule, partner, RuleKind.VOLUME_REBATE, r, data, write, out, writes, missing,
                                    PeriodEarningIds.rebate(rule.ruleId().toString(), partnerId, p.id()));
                        } else {
                            Optional<ActiveRule> commission = program.rules().stream()
                                    .filter(x -> x.spec().key().equals(spec.accelerator().commissionRuleKey())).findFirst();
                            if (commission.isEmpty()) {
                                continue;
                            }
                            final List<PeriodDeal> accelDeals = deals;
                            writes.add(Db.rows("""
                                            select deal_id, sum(amount) from earning where partner_id = ?1 and rule_id = ?2 and event_type <> 'carried'
                                            and currency = ?3 group by deal_id""", partnerId, commission.get().ruleId(), partner.payoutCurrency())
                                    .chain(rows -> {
                                        Map<String, BigDecimal> byDeal = new HashMap<>();
                                        rows.forEach(x -> byDeal.put(Db.str(x[0]), Db.decimal(x[1])));
                                        List<PeriodDeal> withCommission = accelDeals.stream().map(d -> new PeriodDeal(d.dealId(), d.closedAt(), d.revenue(),
                                                EarningWriter.money(byDeal.getOrDefault(d.dealId(), BigDecimal.ZERO), partner.payoutCurrency()))).toList();
                                        PeriodResult r = Accelerator.settle(spec.accelerator().target(), spec.accelerator().multiplier(), withCommission,
                                                Money.currencyOf(partner.payoutCurrency()));
                                        List<Uni<Void>> inner = new ArrayList<>();
                                        settle(p, program, rule, partner, RuleKind.ACCELERATOR, r, data, write, out, inner, missing,
                                                PeriodEarningIds.accelerator(rule.ruleId().toString(), partnerId, p.id()));
                                        return sequence(inner);
                                    }));
                        }
                    }
                }
            }
            // caps per rule per partner per period, on what the rule earned in the period
            for (ActiveProgram program : programs) {
                for (ActiveRule rule : program.rules()) {
                    RuleSpec spec = rule.spec();
                    String capPeriod = spec.capPeriod() == null ? "month" : spec.capPeriod();
                    if (spec.cap() == null || !capPeriod.equals(granularity) || !spec.kind().perDeal() && spec.kind() != RuleKind.TRAINING_REWARD
                            && spec.kind() != RuleKind.ACTIVITY_REWARD) {
                        continue;
                    }
                    writes.add(caps.settle(p, program, rule, data, write, out, missing, onlyPartner));
                }
            }
            return sequence(writes).map(x -> {
                if (!missing.isEmpty()) {
                    throw ProblemException.unprocessable("the period cannot be settled without these FX rates (never guessed): "
                            + String.join(", ", missing));
                }
                out.sort(java.util.Comparator.comparing(Settlement::partnerId).thenComparing(Settlement::ruleId));
                return out;
            });
        }));
    }

    /** Turns a period result into a settlement (and, when writing, an accrued earning in the payout currency). */
    private void settle(CalendarPeriod p, ActiveProgram program, ActiveRule rule, Facts.Partner partner, RuleKind kind, PeriodResult r,
                        Data data, boolean write, List<Settlement> out, List<Uni<Void>> writes, Set<String> missing, UUID id) {
        if (!r.amount().isPositive()) {
            return;
        }
        // converted from the EXACT figure, rounded once in the payout currency (not rounded in its own currency first)
        PerDealCalculator.Conversion conv = PerDealCalculator.convert(r.exact(), r.amount().currencyCode(),
                partner.payoutCurrency(), data.fxTable(), p.lastDay());
        if (conv.missing() != null) {
            missing.add(conv.missing().describe());
            return;
        }
        Money amount = conv.payout();
        String capNote = "";
        if (rule.spec().cap() != null && rule.spec().cap().currencyCode().equals(amount.currencyCode())) {
            Money capped = CapSettlement.capAmount(rule.spec().cap(), amount);
            if (!capped.equals(amount)) {
                capNote = ", capped at " + Texts.money(rule.spec().cap());
                amount = capped;
            }
        }
        List<Explanation.Input> inputs = new ArrayList<>();
        inputs.add(new Explanation.Input("rule", rule.spec().name(), null, "rule:" + rule.ruleId() + "@v" + rule.version()));
        inputs.add(new Explanation.Input("period", p.id(), null, "period:" + p.id()));
        r.inputs().forEach((k, v) -> inputs.add(new Explanation.Input(k, v, null, "period:" + p.id())));
        List<Explanation.Step> st = new ArrayList<>(steps(r.steps()));
        String sentence = r.summary();
        if (conv.rate() != null) {
            inputs.add(new Explanation.Input("fx_rate", conv.rate().rate().toPlainString(), "ratio",
                    "fx:" + conv.rate().describe()));
            st.add(new Explanation.Step("converted to payout currency at the period-end rate, from the unrounded figure",
                    r.exact().toPlainString() + " x " + conv.rate().rate().toPlainString(), conv.exactPayout().toPlainString(), amount.currencyCode()));
            st.add(new Explanation.Step("rounded HALF_EVEN once, in " + amount.currencyCode(), "round(" + conv.exactPayout().toPlainString() + ")",
                    conv.payout().amountString(), amount.currencyCode()));
            sentence += ", paid as " + Texts.money(conv.payout()) + " at 1 " + conv.rate().from() + " = " + Texts.plain(conv.rate().rate())
                    + " " + conv.rate().to() + " (rate of " + conv.rate().date() + ")";
        }
        sentence += capNote;
        if (!capNote.isEmpty()) {
            st.add(new Explanation.Step("cap per " + p.granularity().code(), "min(" + conv.payout().amountString() + ", "
                    + rule.spec().cap().amountString() + ")", amount.amountString(), amount.currencyCode()));
        }
        Explanation ex = new Explanation(sentence, kind == RuleKind.VOLUME_REBATE
                ? "volume rebate on the period's credited revenue (" + rule.spec().rebate().mode() + " bands) x fx_rate(period end)"
                : "(multiplier - 1) x commission earned on revenue above the target", inputs, st, amount);
        out.add(new Settlement(partner.partnerId(), program.code(), rule.ruleId().toString(), rule.version(), kind.wire(),
                amount.amountString(), amount.currencyCode(), sentence, write ? id.toString() : null));
        if (write) {
            EarningAccrued e = new EarningAccrued(id.toString(), partner.partnerId(), EarningWriter.programRef(program), EarningWriter.ruleRef(rule),
                    kind.wire(), amount, r.amount(), conv.rate() == null ? null
                    : new io.partnerflow.contracts.incentive.FxConversion(conv.rate().from(), conv.rate().to(), conv.rate().rate(), conv.rate().date(),
                    conv.rate().path()),
                    periodSource(p), p.id(), clock.instant(), ex);
            writes.add(engine.write(new EarningWriter.Row(id, "accrued", partner.partnerId(), kind.wire(), program.programId(), rule.ruleId(),
                    rule.version(), null, null, p.id(), amount, r.amount(), conv.rate(), p.id(), null, null), EventType.EARNING_ACCRUED, e));
        }
    }

    /** The partner's eligible credited revenue on one deal, in {@code ccy} at the close-date rate; empty if not eligible. */
    static Optional<BigDecimal> revenue(RuleSpec spec, DealCredit dc, Facts.Partner partner, Data data, String ccy, ZoneId zone, Set<String> missing) {
        Instant closedAt = dc.deal().closedAt();
        LocalDate closeDate = closedAt.atZone(zone).toLocalDate();
        Facts.Tier tier = data.tierAsOf(partner.partnerId(), closedAt);
        Facts.CreditOnDeal c = new Facts.CreditOnDeal(null, dc.deal(), dc.modelKind(), dc.credit());
        Optional<Outcome> no = PerDealCalculator.eligibility(spec.eligibility(), c, partner, tier, data.fxTable(), closeDate);
        if (no.isPresent()) {
            if (no.get() instanceof Outcome.MissingFx m) {
                missing.add(m.describe());
            }
            return Optional.empty();
        }
        BigDecimal sum = BigDecimal.ZERO;
        for (Credit.LineCredit l : dc.credit().lines()) {
            if (spec.eligibility().categoryAllowed(c.categoryOf(l))) {
                sum = sum.add(l.amount().amount());
            }
        }
        String dealCcy = dc.deal().amount().currencyCode();
        if (dealCcy.equals(ccy)) {
            return Optional.of(sum);
        }
        Optional<Facts.FxRate> r = data.fxTable().latestOnOrBefore(dealCcy, ccy, closeDate);
        if (r.isEmpty()) {
            missing.add("no " + dealCcy + "/" + ccy + " rate on or before " + closeDate);
            return Optional.empty();
        }
        return Optional.of(sum.multiply(r.get().rate()));
    }

    static List<RebateBand> bands(RuleSpec.Rebate rebate) {
        List<RebateBand> out = new ArrayList<>();
        for (int i = 0; i < rebate.bands().size(); i++) {
            RuleSpec.Band b = rebate.bands().get(i);
            BigDecimal to = i + 1 < rebate.bands().size() ? rebate.bands().get(i + 1).from() : null;
            out.add(new RebateBand(b.from(), to, b.rate()));
        }
        return out;
    }

    static List<Explanation.Step> steps(List<io.partnerflow.incentive.domain.period.Step> steps) {
        return steps.stream().map(s -> new Explanation.Step(s.description(), s.expression(), s.value(), s.unit())).toList();
    }

    static EarningSource periodSource(CalendarPeriod p) {
        return new EarningSource("period", null, null, null, null, null, null, p.id(), p.firstDay(), p.lastDay(), null, null, null);
    }

    static Uni<Void> sequence(List<Uni<Void>> unis) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (Uni<Void> u : unis) {
            chain = chain.chain(() -> u);
        }
        return chain;
    }
}
