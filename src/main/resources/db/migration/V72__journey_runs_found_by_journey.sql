-- The journey pages and GET /api/journeys/{key} count a journey's runs by status and step; without
-- this they read every run of every journey.
create index journey_runs_journey on journey_runs (journey_key, status);
