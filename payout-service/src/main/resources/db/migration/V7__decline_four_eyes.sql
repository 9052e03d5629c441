-- Declining a line that gives the partner money back (a clawback or any negative line) or a line above the four-eyes
-- threshold needs a second finance user: the first decline is a request (kept here, with who and when), the
-- decline happens when ANOTHER finance user declines the line too.
create table earning_decline_request (
    earning_id             uuid          primary key references earning (earning_id),
    reason                 text          not null,
    requested_by           varchar(200)  not null,
    requested_by_identity  varchar(700)  not null,
    requested_at           timestamptz   not null,
    decided_by             varchar(200),
    decided_by_identity    varchar(700),
    decided_at             timestamptz
);
