-- An applied event may carry an identifier it did not link to its profile: another person's email
-- typed on a shared device, or the other side of a separation (an unmerge). The event stays with
-- the profile it was applied to; this table remembers which identifiers, by SHA-256 only, so that
-- deleting their owner removes them from the event's stored payload (see decision 0029).
create table unlinked_identifiers (
    seq           bigint not null references events (seq) on delete cascade,
    kind          text collate "C" not null,
    value_sha256  text collate "C" not null,
    primary key (kind, value_sha256, seq)
);
create index unlinked_identifiers_event on unlinked_identifiers (seq);
