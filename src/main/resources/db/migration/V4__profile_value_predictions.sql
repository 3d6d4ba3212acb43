-- Customer lifetime value (BG/NBD + Gamma-Gamma) fitted by the full recompute and written on the
-- profile, so segments filter on typed columns (see docs/clv.md, "In the server"). Written by the
-- recompute only; profiles.updated_at is not touched by it. All null until a fit succeeds.
alter table profiles
    add column p_alive               double precision check (p_alive between 0 and 1),
    add column churn_risk            double precision check (churn_risk between 0 and 1),
    add column expected_orders_30d   double precision check (expected_orders_30d >= 0),
    add column expected_orders_90d   double precision check (expected_orders_90d >= 0),
    add column expected_orders_365d  double precision check (expected_orders_365d >= 0),
    add column expected_next_order_at timestamptz,     -- start of the day, workspace time zone
    add column clv_predicted         numeric(18, 2) check (clv_predicted >= 0),
    add column clv_historic          numeric(18, 2),   -- may be negative after refunds elsewhere
    add column clv_computed_at       timestamptz;      -- when the predictions last changed
create index profiles_clv_predicted on profiles (clv_predicted) where merged_into is null;
create index profiles_churn_risk on profiles (churn_risk) where merged_into is null;

-- One row per attempted fit (every full recompute): the parameters when fitted, the reason when
-- not. The incremental pass predicts changed profiles with the newest fitted row.
create table clv_models (
    id                    bigint generated always as identity primary key,
    computed_at           timestamptz      not null,
    model                 text             not null,  -- repeat-purchase model: bgnbd | pareto
    outcome               text             not null
        check (outcome in ('fitted', 'not_enough_data', 'did_not_converge')),
    reason                text,                       -- why there is no model; null when fitted
    parameters            jsonb,                      -- {"purchases": {...}, "spend": {...}}
    log_likelihood        double precision,           -- of the repeat-purchase model
    spend_log_likelihood  double precision,           -- of the Gamma-Gamma spend model
    customers             integer          not null,  -- in the calibration period
    repeat_buyers         integer          not null,
    calibration_end       date             not null,  -- inclusive, in the workspace time zone
    time_unit             text             not null,  -- weeks | days: the unit of alpha (and beta)
    fit_ms                bigint           not null,
    check ((outcome = 'fitted') = (parameters is not null and reason is null))
);
create index clv_models_computed_at on clv_models (computed_at desc, id desc);
create index clv_models_fitted on clv_models (computed_at desc, id desc) where outcome = 'fitted';
