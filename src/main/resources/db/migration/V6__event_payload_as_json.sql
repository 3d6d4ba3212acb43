-- The event log is written far more than its payloads are queried, and turning each ~1 KB payload
-- into jsonb was about half the cost of writing an event (measured with IngestBenchmark's COPY
-- comparison). `json` still checks the payload is JSON and supports -> and ->>; it keeps the text
-- as Kairos wrote it.
alter table events alter column payload type json using payload::json;
