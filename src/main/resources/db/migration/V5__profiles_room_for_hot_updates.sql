-- Every group of events rewrites the profiles it touches. Leaving room on each page lets PostgreSQL
-- update a profile in place (a HOT update) when no indexed column changes, which is the common case
-- (last seen, cart, viewed products, order aggregates), instead of maintaining all of its indexes.
alter table profiles set (fillfactor = 70);
alter table identifiers set (fillfactor = 90);
