package io.partnerflow.analytics.api;

import io.partnerflow.analytics.application.ScorecardQueries.PartnerScorecard;
import io.partnerflow.analytics.domain.DealActivity;
import io.partnerflow.analytics.domain.MdfRoi;
import io.partnerflow.analytics.domain.Metric;
import io.partnerflow.analytics.domain.ProgramRollup;
import io.partnerflow.analytics.domain.Scorecard;
import io.partnerflow.analytics.domain.ScorecardRatios;
import io.partnerflow.core.money.Money;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/** REST views of the scorecards (money as on the wire: {@code {"amount": "1234.56", "currency": "USD"}}). */
public final class ScorecardDtos {
    private ScorecardDtos() {
    }

    public record PartnerView(String name, String type, String status, String country, String tier, String tierName) {
    }

    /** Money figures in one currency (the base currency, or one of the facts' own currencies). */
    public record MoneyFigures(String currency, Money sourcedRevenue, Money influencedRevenue, Money revenue,
                               Money earningsAccrued, Money earningsClawedBack, Money earningsAdjusted, Money netEarnings,
                               Money paid,
                               // MDF (issue #17 "mdf" slice): allocated / claimed / reimbursed and the revenue of the deals MDF campaigns touched
                               Money mdfAllocated, Money mdfClaimed, Money mdfReimbursed, Money mdfInfluencedRevenue) {
        static MoneyFigures of(String currency, Map<Metric, Money> m) {
            Money zero = Money.zero(currency);
            Money sourced = m.getOrDefault(Metric.SOURCED_REVENUE, zero);
            Money influenced = m.getOrDefault(Metric.INFLUENCED_REVENUE, zero);
            Money accrued = m.getOrDefault(Metric.EARNINGS_ACCRUED, zero);
            Money clawed = m.getOrDefault(Metric.EARNINGS_CLAWED_BACK, zero);
            Money adjusted = m.getOrDefault(Metric.EARNINGS_ADJUSTED, zero);
            return new MoneyFigures(currency, sourced, influenced, sourced.plus(influenced), accrued, clawed, adjusted,
                    accrued.plus(clawed).plus(adjusted), m.getOrDefault(Metric.PAID, zero),
                    m.getOrDefault(Metric.MDF_ALLOCATED, zero), m.getOrDefault(Metric.MDF_CLAIMED, zero),
                    m.getOrDefault(Metric.MDF_REIMBURSED, zero), m.getOrDefault(Metric.MDF_INFLUENCED_REVENUE, zero));
        }
    }

    public record ScorecardView(String partnerId, String period, LocalDate from, LocalDate toExclusive, PartnerView partner,
                                MoneyFigures base, List<MoneyFigures> perCurrency, long dealsWon, long newLogoDealsWon,
                                long registrationsSubmitted, long registrationsApproved, long certificationsCompleted,
                                long certifiedPeople, boolean complete, List<String> missingRates,
                                // scorecard breadth (#17 "scorecards" slice): ratios of the base figures above
                                RatiosView ratios,
                                // deal activity: open pipeline, win rate, sales cycle, touchpoints, registration outcomes
                                ActivityView activity) {

        static ScorecardView of(PartnerScorecard ps) {
            Scorecard s = ps.scorecard();
            var p = ps.profile();
            return new ScorecardView(s.partnerId(), s.period().key(), s.period().from(), s.period().toExclusive(),
                    new PartnerView(p.name(), p.type(), p.status(), p.country(), p.tierCode(), p.tierName()),
                    MoneyFigures.of(s.baseCurrency(), s.base()),
                    s.perCurrency().entrySet().stream().map(e -> MoneyFigures.of(e.getKey(), e.getValue())).toList(),
                    s.counts().get(Metric.DEALS_WON), s.counts().get(Metric.NEW_LOGO_DEALS_WON), s.counts().get(Metric.REGISTRATIONS_SUBMITTED),
                    s.counts().get(Metric.REGISTRATIONS_APPROVED), ps.certifications().completed(),
                    ps.certifications().certifiedPeople(), s.complete(), s.missingRates(),
                    RatiosView.of(ScorecardRatios.of(s), MdfRoi.of(s)), ActivityView.of(ps.activity(), s));
        }
    }

    /**
     * {@link DealActivity}: open pipeline (now, full deal amounts per currency) sourced / influenced, the touched deals won
     * and lost in the period, win rate (4 places) and average sales cycle in days (1 place) — null when undefined —,
     * touchpoints by type in the period, and registration outcomes in the period.
     */
    public record ActivityView(List<Money> openPipelineSourced, List<Money> openPipelineInfluenced, long openDeals, long touchedDealsWon,
                               long touchedDealsLost, String winRate, String averageSalesCycleDays, Map<String, Long> touchpointsByType,
                               long registrationsRejected, long registrationsConflicted, long registrationsExpired) {
        static ActivityView of(DealActivity.Figures f, Scorecard s) {
            return new ActivityView(List.copyOf(f.openSourced().values()), List.copyOf(f.openInfluenced().values()), f.openDeals(), f.won(),
                    f.lost(), f.winRate() == null ? null : f.winRate().toPlainString(),
                    f.averageCycleDays() == null ? null : f.averageCycleDays().toPlainString(), f.touchpointsByType(),
                    s.counts().get(Metric.REGISTRATIONS_REJECTED), s.counts().get(Metric.REGISTRATIONS_CONFLICTED),
                    s.counts().get(Metric.REGISTRATIONS_EXPIRED));
        }
    }

    /** {@link ScorecardRatios}: the ratio as a decimal string (4 places), the average as money; null when undefined. */
    public record RatiosView(String incentiveCostPerRevenue, Money averageDealSize,
                             // issue #17 "mdf" slice: MdfRoi (4 places), null when nothing was reimbursed
                             String mdfRoi) {
        static RatiosView of(ScorecardRatios r, MdfRoi mdf) {
            return new RatiosView(r.incentiveCostPerRevenue() == null ? null : r.incentiveCostPerRevenue().toPlainString(),
                    r.averageDealSize(), mdf.roi() == null ? null : mdf.roi().toPlainString());
        }
    }

    public record ProgramView(ProgramRollup.Row total, List<ProgramRollup.Row> byTier, List<ProgramRollup.Row> byCountry,
                              // scorecard breadth (#17 "scorecards" slice)
                              List<ProgramRollup.Row> byType, List<ProgramRollup.Row> byRegion,
                              // issue #17 "mdf" slice: the program's MDF figures and ROI (does MDF pay off?)
                              MdfRoiView mdf) {
    }

    /** {@link MdfRoi} on the wire: base-currency money, ROI as a 4-place decimal string (null when nothing was reimbursed). */
    public record MdfRoiView(Money allocated, Money claimed, Money reimbursed, Money influencedRevenue, String roi) {
        public static MdfRoiView of(MdfRoi m) {
            return new MdfRoiView(m.allocated(), m.claimed(), m.reimbursed(), m.influencedRevenue(),
                    m.roi() == null ? null : m.roi().toPlainString());
        }
    }

    /** One partner's row of {@code GET /mdf-roi}. */
    public record MdfRoiRow(String partnerId, String name, MdfRoiView mdf, boolean complete) {
    }

    /** {@code GET /mdf-roi}: per partner (only those with an MDF figure; a partner sees only its own) and the total. */
    public record MdfRoiListView(String period, String baseCurrency, List<MdfRoiRow> partners, MdfRoiView total) {
    }

    public record ScorecardListView(String period, String baseCurrency, String sort, int partners,
                                    List<ScorecardView> items, ProgramView program) {
    }

    public record LeaderboardRowView(int rank, String partnerId, String name, String value, boolean you) {
    }

    public record LeaderboardView(String metric, String period, String unit, List<LeaderboardRowView> entries,
                                  LeaderboardRowView you) {
    }
}
