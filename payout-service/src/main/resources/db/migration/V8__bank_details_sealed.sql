-- Bank details encrypted at rest (envelope encryption, domain/crypto/Envelope): the numbers live only sealed in
-- bank_secret (AES-256-GCM under a per-record data key wrapped by the key-encryption key bank_key_id), beside their
-- masks (last 4) and a keyed fingerprint (HMAC) that tells a change of details without opening them.
-- V9 (Java) seals the clear values of existing rows; V10 drops the clear columns.
alter table payout_profile add column bank_secret text;
alter table payout_profile add column bank_key_id varchar(40);
alter table payout_profile add column bank_fingerprint varchar(64);
alter table payout_profile add column iban_masked varchar(20);
alter table payout_profile add column aba_masked varchar(20);
alter table payout_profile add column account_masked varchar(20);
-- The bank returned a payment to the details with this fingerprint: the partner is held until they change.
alter table payout_profile add column returned_fingerprint varchar(64);
alter table payout_profile add column returned_reason text;
create index payout_profile_key on payout_profile (bank_key_id);

alter table payout_item add column bank_secret text;
alter table payout_item add column bank_key_id varchar(40);
alter table payout_item add column bank_fingerprint varchar(64);
alter table payout_item add column iban_masked varchar(20);
alter table payout_item add column aba_masked varchar(20);
alter table payout_item add column account_masked varchar(20);
create index payout_item_key on payout_item (bank_key_id);
