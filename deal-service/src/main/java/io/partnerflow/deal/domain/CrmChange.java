package io.partnerflow.deal.domain;

import io.partnerflow.core.money.Money;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * One normalised change a CRM delivery reports. {@code itemId} identifies the change at the sender (generic event
 * id, Salesforce notification id, HubSpot event id): a change already applied is not applied again.
 * {@code version} orders changes to the same CRM record (a CRM version number or last-modified time in epoch
 * milliseconds): an older version never overwrites a newer one. Every change checks its values against
 * {@link CrmLimits} when it is made, so nothing out of bounds reaches the database or an event.
 */
public sealed interface CrmChange {
    String itemId();

    String crmSystem();

    long version();

    /** A deal was created or changed. */
    record DealUpserted(String itemId, String crmSystem, String crmDealId, long version, DealData deal)
            implements CrmChange {
        public DealUpserted {
            CrmLimits.item(itemId, version);
            CrmLimits.line("dealId", crmDealId, CrmLimits.ID);
            CrmLimits.incoming(deal);
        }
    }

    /** A deal was deleted in the CRM. */
    record DealDeleted(String itemId, String crmSystem, String crmDealId, long version, Instant deletedAt)
            implements CrmChange {
        public DealDeleted {
            CrmLimits.item(itemId, version);
            CrmLimits.line("dealId", crmDealId, CrmLimits.ID);
            CrmLimits.instant("occurredAt", deletedAt);
        }
    }

    /**
     * A won deal was refunded or cancelled; {@code lines} gives the refunded amount (positive) per line. An
     * empty list on a cancellation means the whole deal.
     */
    record DealReversal(String itemId, String crmSystem, String crmDealId, long version, String kind,
                        String reason, Instant occurredAt, List<LineAmount> lines) implements CrmChange {
        public DealReversal {
            CrmLimits.item(itemId, version);
            CrmLimits.line("dealId", crmDealId, CrmLimits.ID);
            CrmLimits.text("reason", reason, CrmLimits.REASON);
            CrmLimits.instant("occurredAt", occurredAt);
            lines = lines == null ? List.of() : List.copyOf(lines);
            for (int i = 0; i < lines.size(); i++) {
                LineAmount l = lines.get(i);
                String at = "lines[" + i + "]";
                CrmLimits.amount(at + ".amount", l.amount());
                if (!l.amount().isPositive()) {
                    throw InvalidCrmDataException.of(at + ".amount", "refunded amounts are positive, got " + l.amount().amountString());
                }
                CrmLimits.quantity(at + ".quantity", l.quantity());
            }
        }
    }

    /** @param amount positive amount taken off the line; {@code quantity} units taken off, may be null */
    record LineAmount(int lineNumber, Money amount, BigDecimal quantity) {
    }

    /** A partner touchpoint on a deal was recorded (or changed). */
    record TouchpointRecorded(String itemId, String crmSystem, String externalId, long version, String crmDealId,
                              PartnerRef partner, String touchType, Instant occurredAt, String evidence)
            implements CrmChange {
        public TouchpointRecorded {
            CrmLimits.item(itemId, version);
            CrmLimits.line("touchpointId", externalId, CrmLimits.ID);
            CrmLimits.line("dealId", crmDealId, CrmLimits.ID);
            if (partner != null) {
                CrmLimits.line("partnerAccountId", partner.accountId(), CrmLimits.ID);
            }
            CrmLimits.instant("occurredAt", occurredAt);
            CrmLimits.text("evidence", evidence, CrmLimits.TEXT);
        }
    }

    /** Nothing to apply yet, with the reason (e.g. a HubSpot deal still missing required properties). */
    record Noted(String itemId, String crmSystem, long version, String message) implements CrmChange {
        public Noted {
            CrmLimits.item(itemId, version);
        }
    }

    /** A touchpoint was removed in the CRM. */
    record TouchpointRemoved(String itemId, String crmSystem, String externalId, long version) implements CrmChange {
        public TouchpointRemoved {
            CrmLimits.item(itemId, version);
            CrmLimits.line("touchpointId", externalId, CrmLimits.ID);
        }
    }
}
