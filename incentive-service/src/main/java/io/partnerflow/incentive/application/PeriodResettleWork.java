package io.partnerflow.incentive.application;

import io.partnerflow.contracts.attribution.DealAttributionReversed;
import io.partnerflow.incentive.config.IncentiveConfig;
import io.partnerflow.incentive.domain.period.CalendarPeriod;
import io.partnerflow.incentive.domain.period.Granularity;
import io.partnerflow.incentive.domain.period.Periods;
import io.partnerflow.platform.persistence.Db;
import io.partnerflow.platform.problem.ProblemException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static io.partnerflow.incentive.application.EarningWriter.forEach;

/**
 * Period re-settlement (issue #19): a refund, cancellation or correction of a deal whose month, quarter or year is
 * already closed settles that period's volume rebates and accelerators again for the partner ({@link PeriodDeltas}:
 * the close's own computation, nothing written by it) and posts only the difference from what was posted for each rule
 * so far as one {@code earning.adjusted} (reason {@code period_settlement}) in the next open month, in the consumer's
 * transaction. The delta's id is name-based from the period earning and the reversal, so redelivery posts nothing; the
 * closed period itself is never edited.
 */
@ApplicationScoped
class PeriodResettleWork {
    private final PeriodDeltas deltas;
    private final Reference ref;
    private final IncentiveConfig config;
    private final Clock clock;

    PeriodResettleWork(PeriodDeltas deltas, Reference ref, IncentiveConfig config, Clock clock) {
        this.deltas = deltas;
        this.ref = ref;
        this.config = config;
        this.clock = clock;
    }

    /** Re-settles every closed period (month, quarter, year) the reversed deal closed in. */
    Uni<Void> afterReversal(DealAttributionReversed r, String partnerId) {
        Instant at = r.reversedAt() == null ? clock.instant() : r.reversedAt();
        return ref.closedPeriods().chain(closed -> {
            List<CalendarPeriod> affected = new ArrayList<>();
            for (Granularity g : List.of(Granularity.MONTH, Granularity.QUARTER, Granularity.YEAR)) {
                CalendarPeriod p = Periods.periodOf(r.deal().closedAt(), config.periodZone(), g);
                if (closed.contains(p.id())) {
                    affected.add(p);
                }
            }
            String booking = io.partnerflow.incentive.domain.Periods.bookingMonth(at, config.periodZone(), closed);
            return forEach(affected, p -> deltas.plan(p, partnerId, null, r.reversalId())
                    .chain(planned -> forEach(planned, x -> deltas.post(x, "period_settlement",
                            "re-settled after the close of " + p.id() + " (" + r.kind() + ")", null, r.kind(), booking)))
                    .onFailure(t -> t instanceof ProblemException pe && pe.status() == 422).recoverWithUni(t -> note(r, partnerId, p, t)));
        });
    }

    /** A period that cannot be settled again (a period-end rate is missing): recorded on the reversal, never guessed. */
    private Uni<Void> note(DealAttributionReversed r, String partnerId, CalendarPeriod p, Throwable t) {
        String detail = "period " + p.id() + " not re-settled: " + t.getMessage();
        return Db.exec("""
                        insert into reversal_record (reversal_id, partner_id, deal_id, kind, outcome, detail, recorded_at)
                        values (?1, ?2, ?3, ?4, 'resettlement_blocked', ?5, ?6)
                        on conflict (reversal_id, partner_id) do update set detail = reversal_record.detail || '; ' || excluded.detail""",
                r.reversalId(), partnerId, r.dealId(), r.kind(), detail, clock.instant()).replaceWithVoid();
    }
}
