-- The id a provider gave a message it accepted (Twilio's SM…, WhatsApp's wamid…, WeChat's msgid,
-- FCM's message name), so its delivery receipts find their message.
alter table messages add column provider_id text;
create index messages_by_provider_id on messages (channel, provider_id) where provider_id is not null;
