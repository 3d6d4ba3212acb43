-- The dashboard counts sends, opens, clicks and unsubscribes per day of a period: messages by when
-- they were sent, and the delivery events by when they occurred (the engagement index of V3 covers
-- opens and clicks only).
create index messages_sent_at on messages (sent_at) where sent_at is not null;
create index events_unsubscribed on events (occurred_at)
    where type = 'track' and event = 'Unsubscribed';
