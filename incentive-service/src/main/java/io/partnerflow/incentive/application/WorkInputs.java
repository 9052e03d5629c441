package io.partnerflow.incentive.application;

import io.partnerflow.incentive.domain.Facts;
import io.partnerflow.incentive.domain.calc.ActiveProgram;
import io.partnerflow.incentive.domain.calc.EarningCalculator;
import io.smallrye.mutiny.Uni;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;

/** Loads what one computation of {@link EarningCalculator} needs (from the event's shared {@link EventReads}). */
final class WorkInputs {
    private WorkInputs() {
    }

    /** The calculator's inputs plus the closed periods (for the booking month). */
    record Loaded(EarningCalculator.Inputs inputs, Set<String> closed) {
        Facts.FxTable fx() {
            return inputs.fx();
        }
    }

    static Uni<Loaded> load(Facts.Partner partner, Instant at, EventReads reads, ZoneId zone) {
        LocalDate date = at.atZone(zone).toLocalDate();
        return reads.tierAsOf(partner.partnerId(), at)
                .chain(tier -> reads.fxTable(date)
                        .chain(fx -> reads.programs()
                                .chain(all -> reads.closedPeriods()
                                        .map(closed -> of(partner, at, tier, fx, all, closed, zone)))));
    }

    /** The same inputs from what a caller already holds in memory (the per-chunk path, {@link AttributedRun}). */
    static Loaded of(Facts.Partner partner, Instant at, Facts.Tier tier, Facts.FxTable fx, List<ActiveProgram> all,
                     Set<String> closed, ZoneId zone) {
        return new Loaded(new EarningCalculator.Inputs(ActiveProgram.inForce(all, at), partner, tier, fx, zone), closed);
    }
}
