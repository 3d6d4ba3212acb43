-- The console's dashboard reads a period's orders by when they were placed.
create index orders_placed_at on orders (placed_at);
