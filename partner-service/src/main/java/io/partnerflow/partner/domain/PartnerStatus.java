package io.partnerflow.partner.domain;

/** Lifecycle: prospect → onboarding → active → suspended ⇄ active → terminated (transitions: issue #3). */
public enum PartnerStatus {
    PROSPECT, ONBOARDING, ACTIVE, SUSPENDED, TERMINATED
}
