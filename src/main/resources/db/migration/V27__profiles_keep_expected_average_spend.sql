-- The Gamma-Gamma expected spend per future order, next to the other CLV predictions (the API's
-- predictions.expected_average_spend; segments filter on it). Filled by the next full recompute.
alter table profiles add column expected_average_spend numeric(18, 2);
