-- Predictions (issue #17): the partner-touched pipeline (deal.pipeline-updated / deal.closed-won, latest revision wins),
-- the trained model versions and the scores each version produced. pipeline_deal is derived from the topics (rebuildable);
-- prediction_model / partner_prediction are re-derived by the next training.

create table pipeline_deal (
    deal_id     varchar(200) primary key,
    revision    bigint        not null,
    status      varchar(20)   not null, -- open | closed_lost | won
    open_stage  varchar(200),           -- the last CRM stage seen while the deal was open
    amount      numeric(24,4) not null,
    currency    char(3)       not null,
    created_on  date          not null,
    closed_on   date,                   -- won: closedAt; lost: the lost snapshot's updatedAt
    partners    text          not null  -- distinct partner ids of the touchpoints, ';'-separated, ascending
);

create table prediction_model (
    version        int primary key,
    trained_at     timestamptz  not null,
    through        varchar(10)  not null, -- the last complete quarter of the training history
    target         varchar(10)  not null, -- the quarter it scores
    training_rows  int          not null,
    atrisk_model   text         not null, -- XGBoost booster (JSON), base64
    forecast_model text         not null, -- the regression: features, coefficients, residual variance, (X'X)^-1 (JSON)
    stage_rates    text         not null, -- learned win rate per open stage (JSON)
    settings       text         not null, -- label threshold, hyper-parameters (JSON)
    program        text         not null  -- the program-level forecast of the target quarter (JSON)
);

create table partner_prediction (
    model_version     int          not null references prediction_model (version),
    partner_id        uuid         not null,
    at_risk           numeric(6,4) not null,
    contributions     text         not null, -- JSON [{feature, value, contribution}], largest |contribution| first
    forecast          numeric(24,4) not null,
    forecast_low      numeric(24,4) not null,
    forecast_high     numeric(24,4) not null,
    primary key (model_version, partner_id)
);
