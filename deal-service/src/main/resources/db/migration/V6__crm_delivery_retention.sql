-- Retention of raw CRM deliveries (deal.webhooks.retention, default 400 days): the retention job removes the raw
-- payload (body + headers) of older deliveries and stamps purged_at; the row itself stays (delivery id for the
-- intake's duplicate check, status, outcome, receipt time) so a replay can answer 410 Gone.
alter table crm_delivery alter column payload drop not null;
alter table crm_delivery add column purged_at timestamptz;
create index crm_delivery_unpurged_received on crm_delivery (received_at) where purged_at is null;
