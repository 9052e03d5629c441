-- V9 sealed every clear bank number; the clear columns go. (Old row versions stay in the table's files until
-- PostgreSQL reuses them: VACUUM FULL payout_profile, payout_item once after this migration removes them — README.)
alter table payout_profile drop column iban;
alter table payout_profile drop column aba_routing;
alter table payout_profile drop column account_number;
alter table payout_item drop column iban;
alter table payout_item drop column aba_routing;
alter table payout_item drop column account_number;
