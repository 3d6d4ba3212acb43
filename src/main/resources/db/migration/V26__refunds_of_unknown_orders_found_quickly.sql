-- A refund that names no known order (a credit note under its own number) is only in the event
-- log; the recompute reads these refunds to take them off the person's orders, and the
-- incremental pass looks for new ones.
create index events_refunds on events (received_at)
    where type = 'track' and event = 'Order Refunded';
