-- GET /admin/crm-deliveries?status=failed lists the newest deliveries of a status first.
create index crm_delivery_status_received on crm_delivery (status, received_at desc);
