package io.partnerflow.attribution.domain;

/** The attribution model families (issue #5 "Models"). */
public enum ModelKind {
    FIRST_TOUCH, LAST_TOUCH, LINEAR, TIME_DECAY, POSITION_BASED, W_SHAPED, FULL_PATH, CUSTOM
}
