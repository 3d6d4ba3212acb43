-- Postage, fees, manual entries and vouchers are order lines but not merchandise: flagged products
-- are never recommended and count for neither popularity nor "bought together". Null means the
-- shop has not said (merchandise); set by the import format and by PATCH /api/products/{id}.
alter table products add column non_merchandise boolean;
