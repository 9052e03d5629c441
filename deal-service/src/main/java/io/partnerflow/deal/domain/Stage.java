package io.partnerflow.deal.domain;

/** A deal's canonical stage, whatever the CRM calls it. */
public enum Stage {
    OPEN, CLOSED_WON, CLOSED_LOST
}
