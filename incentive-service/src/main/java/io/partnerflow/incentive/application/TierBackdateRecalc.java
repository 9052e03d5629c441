package io.partnerflow.incentive.application;

import io.partnerflow.contracts.partner.PartnerTierChanged;
import io.partnerflow.core.ids.NameBasedIds;
import io.partnerflow.incentive.domain.calc.TierBackdate;
import io.partnerflow.platform.persistence.Db;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.util.UUID;

/**
 * A tier change that reaches back over deals the partner already has earnings for (issue #19): recalculates that
 * partner by the recalculation path ({@link RecalcService#applyDecided}) — every tier-dependent program version over
 * [effectiveAt, its end or now) — and applies it at once: the tier change (an override or an evaluation in
 * partner-service) IS the approved decision, so no second user is asked. Run ids are name-based from the tier-change
 * event id (+ program version), so a redelivery posts nothing more. Runs in the consumer's transaction.
 */
@ApplicationScoped
public class TierBackdateRecalc {
    private static final Logger LOG = Logger.getLogger(TierBackdateRecalc.class);
    public static final String ACTOR = "tier-change";

    private final RecalcService recalc;
    private final ProgramCatalog catalog;
    private final Clock clock;

    public TierBackdateRecalc(RecalcService recalc, ProgramCatalog catalog, Clock clock) {
        this.recalc = recalc;
        this.catalog = catalog;
        this.clock = clock;
    }

    public Uni<Void> onTierChanged(String eventId, PartnerTierChanged t) {
        return Db.rows("select 1 from earning where partner_id = ?1 and event_type = 'accrued' and deal_id is not null limit 1", t.partnerId())
                .chain(rows -> rows.isEmpty() ? Uni.createFrom().voidItem() : catalog.all().chain(all -> {
                    Uni<Void> chain = Uni.createFrom().voidItem();
                    for (TierBackdate.Segment s : TierBackdate.segments(all, t.effectiveAt(), clock.instant())) {
                        UUID runId = NameBasedIds.of("incentive.tier-backdated", eventId, s.program().programId(), s.program().version());
                        chain = chain.chain(() -> recalc.applyDecided(runId, s.program(), s.from(), s.to(), t.partnerId(),
                                        ACTOR + " " + eventId)
                                .invoke(run -> {
                                    if (run != null) {
                                        LOG.infof("tier change %s of %s: recalculation run %s posted %d deltas (%s v%d)", eventId,
                                                t.partnerId(), runId, run.deltaCount(), s.program().code(), s.program().version());
                                    }
                                })
                                .replaceWithVoid());
                    }
                    return chain;
                }));
    }
}
