-- A profile's cart and viewed products are rewritten with nearly every group of events and only
-- ever read whole; like event payloads (V6), they need not be converted to jsonb on every write.
alter table profiles alter column cart type json using cart::json;
alter table profiles alter column viewed_products drop default;
alter table profiles alter column viewed_products type json using viewed_products::json;
alter table profiles alter column viewed_products set default '[]'::json;
