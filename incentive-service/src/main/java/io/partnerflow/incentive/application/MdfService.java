package io.partnerflow.incentive.application;

import io.partnerflow.contracts.EventJson;
import io.partnerflow.contracts.EventType;
import io.partnerflow.contracts.incentive.EarningAccrued;
import io.partnerflow.contracts.incentive.EarningSource;
import io.partnerflow.contracts.incentive.Explanation;
import io.partnerflow.contracts.incentive.ProgramRef;
import io.partnerflow.contracts.incentive.RuleRef;
import io.partnerflow.core.ids.NameBasedIds;
import io.partnerflow.core.money.Money;
import io.partnerflow.incentive.domain.calc.ActiveProgram;
import io.partnerflow.incentive.domain.calc.ActiveRule;
import io.partnerflow.incentive.config.IncentiveConfig;
import io.partnerflow.incentive.domain.RuleKind;
import io.partnerflow.incentive.domain.RuleSpec;
import io.partnerflow.incentive.domain.Texts;
import io.partnerflow.incentive.domain.period.CalendarPeriod;
import io.partnerflow.incentive.domain.period.MdfAllocation;
import io.partnerflow.incentive.domain.period.MdfException;
import io.partnerflow.incentive.domain.period.MdfFund;
import io.partnerflow.incentive.domain.period.PeriodEarningIds;
import io.partnerflow.incentive.domain.period.PeriodResult;
import io.partnerflow.platform.persistence.Db;
import io.partnerflow.platform.problem.ProblemException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Function;

/**
 * Market development funds: allocation per partner per period (fixed, or a percentage of the prior period's
 * credited revenue) → request → approval → claim with proof → approval → reimbursement earning (never above what
 * was approved or what is left); unclaimed funds expire when the period closes. The fund's rules live in
 * {@link MdfFund}; this service stores its state and publishes reimbursements.
 */
@ApplicationScoped
public class MdfService {
    private final EarningEngine engine;
    private final ProgramCatalog catalog;
    private final IncentiveConfig config;
    private final Clock clock;
    private final MdfFacts facts;

    public MdfService(EarningEngine engine, ProgramCatalog catalog, IncentiveConfig config, Clock clock, MdfFacts facts) {
        this.facts = facts;
        this.engine = engine;
        this.catalog = catalog;
        this.config = config;
        this.clock = clock;
    }

    /** The stored state of a fund. */
    public record State(List<MdfFund.Request> requests, List<MdfFund.Claim> claims, MdfFund.FundStatus status, Instant expiredAt) {
    }

    public record FundView(String fundId, String partnerId, String programCode, String ruleId, String period, String allocated,
                           String reimbursed, String remaining, String availableToRequest, String expired, String currency,
                           String status, String allocationSummary, List<MdfFund.Request> requests, List<MdfFund.Claim> claims) {
    }

    record Loaded(UUID fundId, String partnerId, UUID programId, UUID ruleId, int ruleVersion, String period, MdfFund fund,
                  String allocationSummary) {
    }

    /** Allocates the partner's funds for the period under every MDF rule in force at its start (idempotent). */
    public Uni<List<FundView>> allocate(String partnerId, String period, String actor) {
        CalendarPeriod p = PeriodService.parse(period);
        Instant start = p.startInstant(config.periodZone());
        return Panache.withTransaction(() -> Db.rows("select payout_currency from partner where partner_id = ?1", partnerId).chain(partner -> {
            if (partner.isEmpty()) {
                throw ProblemException.notFound("no partner " + partnerId);
            }
            return catalog.all().chain(all -> {
                List<Uni<Void>> work = new ArrayList<>();
                for (ActiveProgram program : ProgramCatalog.inForce(all, start)) {
                    for (ActiveRule rule : program.rulesOf(RuleKind.MDF)) {
                        RuleSpec.Mdf m = rule.spec().mdf();
                        if (!p.granularity().code().equals(m.period())) {
                            continue;
                        }
                        work.add(allocateOne(partnerId, p, program, rule));
                    }
                }
                return PeriodService.sequence(work);
            });
        }).chain(() -> views(partnerId, p.id())));
    }

    private Uni<Void> allocateOne(String partnerId, CalendarPeriod p, ActiveProgram program, ActiveRule rule) {
        UUID fundId = NameBasedIds.of("incentive.mdf-fund", rule.ruleId(), partnerId, p.id());
        RuleSpec.Mdf m = rule.spec().mdf();
        return Db.rows("select 1 from mdf_fund where fund_id = ?1", fundId).chain(existing -> {
            if (!existing.isEmpty()) {
                return Uni.createFrom().voidItem();
            }
            Uni<PeriodResult> allocation;
            if (m.fixed() != null) {
                allocation = Uni.createFrom().item(MdfFund.explainAllocation(MdfAllocation.fixed(m.fixed()), null, m.fixed().currency()));
            } else {
                CalendarPeriod prior = p.previous();
                allocation = priorRevenue(partnerId, prior, rule.spec(), m.currency()).map(rev -> MdfFund.explainAllocation(
                        MdfAllocation.percentOfPriorRevenue(m.percentOfPriorRevenue().movePointRight(2)), rev, Money.currencyOf(m.currency())));
            }
            return allocation.chain(r -> Db.exec("""
                            insert into mdf_fund (fund_id, partner_id, program_id, rule_id, rule_version, period, allocated, currency, allocation,
                                state, created_at, updated_at) values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?11) on conflict do nothing""",
                    fundId, partnerId, program.programId(), rule.ruleId(), rule.version(), p.id(), r.amount().amount(), r.amount().currencyCode(),
                    EventJson.writeString(Map.of("summary", r.summary(), "steps", r.steps(), "inputs", r.inputs())),
                    EventJson.writeString(new State(List.of(), List.of(), MdfFund.FundStatus.OPEN, null)), clock.instant())
                    .chain(n -> n == 0 ? Uni.createFrom().voidItem()
                            : facts.allocated(fundId, partnerId, program.programId(), rule.ruleId(), p.id(), r.amount())));
        });
    }

    /** The partner's credited revenue (rule eligibility) of deals closed in the period, in {@code ccy}. */
    private Uni<Money> priorRevenue(String partnerId, CalendarPeriod prior, RuleSpec spec, String ccy) {
        return PeriodService.loadData(prior, config.periodZone(), config.baseCurrency()).map(data -> {
            Set<String> missing = new TreeSet<>();
            BigDecimal sum = BigDecimal.ZERO;
            var partner = data.partners().get(partnerId);
            for (PeriodService.DealCredit dc : data.byPartner().getOrDefault(partnerId, Map.of()).values()) {
                sum = sum.add(PeriodService.revenue(spec, dc, partner, data, ccy, config.periodZone(), missing).orElse(BigDecimal.ZERO));
            }
            if (!missing.isEmpty()) {
                throw ProblemException.unprocessable("the allocation needs these FX rates (never guessed): " + String.join(", ", missing));
            }
            return io.partnerflow.incentive.domain.PerDealCalculator.round(sum, ccy);
        });
    }

    public Uni<FundView> request(UUID fundId, String requestId, Money amount, Function<String, Void> access, Actor actor) {
        return mutate(fundId, access, (l, f) -> {
            f.request(requestId, amount);
            return submitted(fundId, "request", requestId, actor);
        });
    }

    public Uni<FundView> approveRequest(UUID fundId, String requestId, Money amount, Actor actor) {
        return mutate(fundId, null, (l, f) -> decided(fundId, "request", requestId, "approved", actor).invoke(() -> {
            if (amount == null) {
                f.approveRequest(requestId);
            } else {
                f.approveRequest(requestId, amount);
            }
        }));
    }

    public Uni<FundView> rejectRequest(UUID fundId, String requestId, Actor actor) {
        return mutate(fundId, null, (l, f) -> decided(fundId, "request", requestId, "rejected", actor)
                .invoke(() -> f.rejectRequest(requestId)));
    }

    /** Files a claim; {@code dealIds} (may be empty) are the deals the campaign (the request) touched, for MDF ROI. */
    public Uni<FundView> claim(UUID fundId, String claimId, String requestId, Money amount, String proofRef, List<String> dealIds,
                               Function<String, Void> access, Actor actor) {
        return mutate(fundId, access, (l, f) -> {
            MdfFund.Claim c = f.claim(claimId, requestId, amount, proofRef);
            return submitted(fundId, "claim", claimId, actor).chain(() -> facts.claimSubmitted(fundId, l.partnerId(), l.period(), c, dealIds));
        });
    }

    /** Approves a claim: the reimbursement (never above what was approved or what is left) is published as an earning. */
    public Uni<FundView> approveClaim(UUID fundId, String claimId, Money amount, Actor actor) {
        return mutate(fundId, null, (l, f) -> decided(fundId, "claim", claimId, "approved", actor).chain(() -> {
            MdfFund.Reimbursement r = amount == null ? f.approveClaim(claimId) : f.approveClaim(claimId, amount);
            return reimburse(l, f, r).chain(() -> facts.claimApproved(fundId, l.partnerId(), l.period(), r));
        }));
    }

    public Uni<FundView> rejectClaim(UUID fundId, String claimId, Actor actor) {
        return mutate(fundId, null, (l, f) -> decided(fundId, "claim", claimId, "rejected", actor)
                .invoke(() -> f.rejectClaim(claimId)));
    }

    /** Records who submitted a request or claim (a repeated submission keeps the first submitter). */
    private Uni<Void> submitted(UUID fundId, String kind, String itemId, Actor actor) {
        return Db.exec("""
                        insert into mdf_submission (fund_id, item_kind, item_id, submitted_by, submitted_by_identity, submitted_at)
                        values (?1, ?2, ?3, ?4, ?5, ?6) on conflict do nothing""",
                fundId, kind, itemId, actor.subject(), actor.identity(), clock.instant()).replaceWithVoid();
    }

    /** Four eyes: the decider is not the submitter (canonical identities); records the decision. */
    private Uni<Void> decided(UUID fundId, String kind, String itemId, String decision, Actor actor) {
        return Db.rows("select submitted_by_identity, submitted_by from mdf_submission where fund_id = ?1 and item_kind = ?2 and item_id = ?3",
                fundId, kind, itemId).chain(rows -> {
            if (!rows.isEmpty() && actor.isSamePersonAs(Db.str(rows.get(0)[0]))) {
                throw new ProblemException(403, "Forbidden", "four eyes: " + actor.subject() + " submitted MDF " + kind + " " + itemId
                        + " and cannot also decide it; another user must", "urn:partnerflow:problem:four-eyes", null);
            }
            return Db.exec("""
                            update mdf_submission set decision = ?4, decided_by = ?5, decided_by_identity = ?6, decided_at = ?7
                             where fund_id = ?1 and item_kind = ?2 and item_id = ?3""",
                    fundId, kind, itemId, decision, actor.subject(), actor.identity(), clock.instant()).replaceWithVoid();
        });
    }

    private Uni<Void> reimburse(Loaded l, MdfFund f, MdfFund.Reimbursement r) {
        if (!r.amount().isPositive()) {
            return Uni.createFrom().voidItem();
        }
        return Db.rows("select payout_currency from partner where partner_id = ?1", l.partnerId()).chain(rows -> catalog.all().chain(all -> {
            String payout = Db.str(rows.get(0)[0]);
            ActiveProgram program = all.stream().filter(p -> p.programId().equals(l.programId())).findFirst().orElseThrow();
            ActiveRule rule = program.rules().stream().filter(x -> x.ruleId().equals(l.ruleId())).findFirst()
                    .orElse(all.stream().flatMap(p -> p.rules().stream()).filter(x -> x.ruleId().equals(l.ruleId())).findFirst().orElseThrow());
            java.time.LocalDate today = clock.instant().atZone(config.periodZone()).toLocalDate();
            return new Reference(config).fxTable(today).chain(fx -> {
                var conv = io.partnerflow.incentive.domain.PerDealCalculator.convert(r.amount().amount(), r.amount().currencyCode(), payout, fx, today);
                if (conv.missing() != null) {
                    throw ProblemException.unprocessable("the reimbursement needs an FX rate (never guessed): " + conv.missing().describe());
                }
                UUID id = PeriodEarningIds.mdfReimbursement(r.claim().id() + "@" + l.fundId());
                String sentence = "MDF reimbursement of " + Texts.money(r.amount()) + " for claim " + r.claim().id() + " (proof " + r.claim().proofRef()
                        + ") against request " + r.claim().requestId() + " of your " + l.period() + " fund";
                List<Explanation.Input> inputs = List.of(
                        new Explanation.Input("claimed", r.claim().claimedAmount().amountString(), r.claim().claimedAmount().currencyCode(), "mdf-claim:" + r.claim().id()),
                        new Explanation.Input("request_approved", f.requestById(r.claim().requestId()).approvedAmount().amountString(),
                                f.currency().getCurrencyCode(), "mdf-request:" + r.claim().requestId()),
                        new Explanation.Input("fund_allocated", f.allocated().amountString(), f.currency().getCurrencyCode(), "mdf-fund:" + l.fundId()),
                        new Explanation.Input("fund_remaining_after", f.remaining().amountString(), f.currency().getCurrencyCode(), "mdf-fund:" + l.fundId()));
                Explanation ex = io.partnerflow.incentive.domain.PerDealCalculator.explanation(sentence,
                        "min(approved claim, request's approved amount - reimbursed on it, fund remaining) x fx_rate(approval date)",
                        inputs, List.of(), r.amount().amount(), r.amount().currencyCode(), conv);
                EarningSource source = new EarningSource("mdf_claim", null, null, null, null, null, null, l.period(), null, null, null, null,
                        NameBasedIds.of("incentive.mdf-claim", l.fundId(), r.claim().id()).toString());
                String booking = io.partnerflow.incentive.domain.Periods.month(clock.instant(), config.periodZone());
                EarningAccrued e = new EarningAccrued(id.toString(), l.partnerId(), EarningWriter.programRef(program), EarningWriter.ruleRef(rule),
                        RuleKind.MDF.wire(), conv.payout(), r.amount(), conv.rate() == null ? null
                        : new io.partnerflow.contracts.incentive.FxConversion(conv.rate().from(), conv.rate().to(), conv.rate().rate(), conv.rate().date()),
                        source, booking, clock.instant(), ex);
                return new Reference().closedPeriods().chain(closed -> {
                    String b = io.partnerflow.incentive.domain.Periods.bookingMonth(clock.instant(), config.periodZone(), closed);
                    EarningAccrued booked = new EarningAccrued(e.earningId(), e.partnerId(), e.program(), e.rule(), e.kind(), e.amount(),
                            e.originalAmount(), e.fx(), e.source(), b, e.accruedAt(), e.explanation());
                    return engine.write(new EarningWriter.Row(id, "accrued", l.partnerId(), RuleKind.MDF.wire(), l.programId(), l.ruleId(), l.ruleVersion(),
                            null, null, r.claim().id(), conv.payout(), r.amount(), conv.rate(), b, null, null), EventType.EARNING_ACCRUED, booked);
                });
            });
        }));
    }

    /** Expires the funds of a period being closed (unclaimed funds lapse). Runs in the close's transaction. */
    public Uni<Void> expire(CalendarPeriod p) {
        Instant end = p.endInstant(config.periodZone());
        return Db.rows("select fund_id from mdf_fund where period = ?1 order by fund_id", p.id()).chain(rows -> {
            List<Uni<Void>> work = new ArrayList<>();
            for (Object[] r : rows) {
                UUID id = (UUID) r[0];
                work.add(load(id, true).chain(l -> {
                    if (l.fund().status() == MdfFund.FundStatus.EXPIRED) {
                        return Uni.createFrom().voidItem();
                    }
                    l.fund().expire(end);
                    return save(l);
                }));
            }
            return PeriodService.sequence(work);
        });
    }

    interface Change {
        Uni<Void> apply(Loaded l, MdfFund f);
    }

    private Uni<FundView> mutate(UUID fundId, Function<String, Void> access, Change change) {
        return Panache.withTransaction(() -> load(fundId, true).chain(l -> {
            if (access != null) {
                access.apply(l.partnerId());
            }
            Uni<Void> effect;
            try {
                effect = change.apply(l, l.fund());
            } catch (MdfException e) {
                throw switch (e.reason()) {
                    case NOT_FOUND -> ProblemException.notFound(e.getMessage());
                    case OVER_LIMIT, PROOF_MISSING -> ProblemException.unprocessable(e.getMessage());
                    default -> ProblemException.conflict(e.getMessage());
                };
            } catch (IllegalArgumentException e) {
                throw ProblemException.badRequest(e.getMessage());
            }
            return effect.chain(() -> save(l)).chain(() -> view(fundId));
        }));
    }

    private Uni<Loaded> load(UUID fundId, boolean forUpdate) {
        return Db.rows("select partner_id, program_id, rule_id, rule_version, period, allocated, currency, state, allocation from mdf_fund where fund_id = ?1"
                + (forUpdate ? " for update" : ""), fundId).map(rows -> {
            if (rows.isEmpty()) {
                throw ProblemException.notFound("no MDF fund " + fundId);
            }
            Object[] r = rows.get(0);
            State s = EventJson.readString(Db.str(r[7]), State.class);
            Money allocated = EarningWriter.money(Db.decimal(r[5]), Db.str(r[6]));
            MdfFund fund = MdfFund.restore(allocated, s.requests(), s.claims(), s.status(), s.expiredAt());
            String summary = EventJson.readTree(Db.str(r[8])).get("summary").asText();
            return new Loaded(fundId, Db.str(r[0]), (UUID) r[1], (UUID) r[2], ((Number) r[3]).intValue(), Db.str(r[4]), fund, summary);
        });
    }

    private Uni<Void> save(Loaded l) {
        MdfFund f = l.fund();
        return Db.exec("update mdf_fund set state = ?2, updated_at = ?3 where fund_id = ?1", l.fundId(),
                EventJson.writeString(new State(f.requests(), f.claims(), f.status(), f.expiredAt())), clock.instant()).replaceWithVoid();
    }

    public Uni<FundView> view(UUID fundId) {
        return load(fundId, false).chain(l -> Db.strings("select p.code from program p where p.program_id = ?1", l.programId())
                .map(code -> toView(l, code.isEmpty() ? null : code.get(0))));
    }

    private static FundView toView(Loaded l, String code) {
        MdfFund f = l.fund();
        return new FundView(l.fundId().toString(), l.partnerId(), code, l.ruleId().toString(), l.period(), f.allocated().amountString(),
                f.reimbursed().amountString(), f.remaining().amountString(),
                f.status() == MdfFund.FundStatus.OPEN ? f.availableToRequest().amountString() : "0",
                f.status() == MdfFund.FundStatus.EXPIRED ? f.expiredAmount().amountString() : null,
                f.currency().getCurrencyCode(), f.status().name().toLowerCase(), l.allocationSummary(), f.requests(), f.claims());
    }

    public Uni<List<FundView>> views(String partnerId, String period) {
        return Db.rows("select fund_id from mdf_fund where partner_id = ?1 and (cast(?2 as text) is null or period = cast(?2 as text)) order by period, fund_id",
                partnerId, period).chain(rows -> {
            List<FundView> out = new ArrayList<>();
            Uni<Void> chain = Uni.createFrom().voidItem();
            for (Object[] r : rows) {
                chain = chain.chain(() -> view((UUID) r[0]).invoke(out::add).replaceWithVoid());
            }
            return chain.replaceWith(out);
        });
    }

    /** The partner owning a fund (for access checks before anything else). */
    public Uni<String> owner(UUID fundId) {
        return Panache.withSession(() -> Db.strings("select partner_id from mdf_fund where fund_id = ?1", fundId)).map(l -> {
            if (l.isEmpty()) {
                throw ProblemException.notFound("no MDF fund " + fundId);
            }
            return l.get(0);
        });
    }
}
