-- The event log keeps each event's JSON as the text Kairos wrote (Jackson's serialisation of the
-- validated event), not as the json type: PostgreSQL re-parsed every payload on COPY only to
-- check it, which was a fifth of the appending backend's CPU (250,000 benchmark events: 4.8-5.8 s
-- as json, 3.7-4.3 s as text). Queries that look inside a payload cast it: payload::json->'...'.
-- Rewrites the table once.
alter table events alter column payload type text;
