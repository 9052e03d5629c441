-- A queue of pending work is one deal's work for one partner, in seq order: its head is found, and its rows are read
-- and locked, through this index (the sweep of runnable heads probes it per candidate row).
create index pending_work_queue on pending_work (deal_id, partner_id, seq);
