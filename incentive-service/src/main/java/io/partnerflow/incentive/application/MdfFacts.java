package io.partnerflow.incentive.application;

import io.partnerflow.contracts.EventType;
import io.partnerflow.contracts.Topics;
import io.partnerflow.contracts.incentive.MdfAllocated;
import io.partnerflow.contracts.incentive.MdfClaimApproved;
import io.partnerflow.contracts.incentive.MdfClaimSubmitted;
import io.partnerflow.core.ids.NameBasedIds;
import io.partnerflow.core.money.Money;
import io.partnerflow.incentive.domain.period.MdfFund;
import io.partnerflow.platform.outbox.OutboxEvent;
import io.partnerflow.platform.outbox.OutboxWriter;
import io.partnerflow.platform.persistence.Db;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Publishes the MDF facts analytics measures MDF ROI with ({@code mdf.allocated}, {@code mdf.claim-submitted},
 * {@code mdf.claim-approved} on {@code incentive.earnings}, key partnerId) through the outbox, in the caller's
 * transaction, and keeps the deal ids a claim names. Event ids are name-based, one per fund / claim and step.
 */
@ApplicationScoped
public class MdfFacts {
    private final OutboxWriter outbox;
    private final Clock clock;

    public MdfFacts(OutboxWriter outbox, Clock clock) {
        this.outbox = outbox;
        this.clock = clock;
    }

    Uni<Void> allocated(UUID fundId, String partnerId, UUID programId, UUID ruleId, String period, Money allocated) {
        Instant now = clock.instant();
        return publish(NameBasedIds.of("incentive.mdf-allocated", fundId), EventType.MDF_ALLOCATED, partnerId, now,
                new MdfAllocated(partnerId, fundId.toString(), programId.toString(), ruleId.toString(), period, allocated, now));
    }

    Uni<Void> claimSubmitted(UUID fundId, String partnerId, String period, MdfFund.Claim c, List<String> dealIds) {
        Instant now = clock.instant();
        List<String> deals = dealIds == null ? List.of() : List.copyOf(new java.util.LinkedHashSet<>(dealIds));
        Uni<Void> store = Uni.createFrom().voidItem();
        for (String d : deals) {
            store = store.chain(() -> Db.exec("insert into mdf_claim_deal (fund_id, claim_id, deal_id) values (?1, ?2, ?3) on conflict do nothing",
                    fundId, c.id(), d).replaceWithVoid());
        }
        return store.chain(() -> publish(NameBasedIds.of("incentive.mdf-claim-submitted", fundId, c.id()), EventType.MDF_CLAIM_SUBMITTED,
                partnerId, now, new MdfClaimSubmitted(partnerId, fundId.toString(), c.id(), c.requestId(), period, c.claimedAmount(),
                        c.proofRef(), deals, now)));
    }

    Uni<Void> claimApproved(UUID fundId, String partnerId, String period, MdfFund.Reimbursement r) {
        Instant now = clock.instant();
        MdfFund.Claim c = r.claim();
        return Db.strings("select deal_id from mdf_claim_deal where fund_id = ?1 and claim_id = ?2 order by deal_id", fundId, c.id())
                .chain(deals -> publish(NameBasedIds.of("incentive.mdf-claim-approved", fundId, c.id()), EventType.MDF_CLAIM_APPROVED,
                        partnerId, now, new MdfClaimApproved(partnerId, fundId.toString(), c.id(), c.requestId(), period, c.claimedAmount(),
                                r.amount(), new ArrayList<>(deals), now)));
    }

    private Uni<Void> publish(UUID id, EventType type, String partnerId, Instant at, Object data) {
        return outbox.append(new OutboxEvent(id, Topics.INCENTIVE_EARNINGS, type.type(), "partner", partnerId, partnerId, at, data));
    }
}
