-- A sealed ballot (tens of kilobytes of ciphertexts and proofs) does not fit in a page, so
-- PostgreSQL keeps its body out of line, in the table's TOAST table, whatever the column's
-- storage says. Its TOAST value id would be handed out in the order of casting, but closing a
-- round writes its ballots and challenged ballots again in key order (src/store/voting.rs,
-- settle_round), so the ids of a closed round follow the receipts, and CLUSTER keeps them. The
-- bodies are stored uncompressed (EXTERNAL): ciphertexts do not compress, and whoever audits
-- the database's files can then see for themselves what the TOAST table holds, and in which
-- order.
ALTER TABLE ballots ALTER COLUMN body SET STORAGE EXTERNAL;
ALTER TABLE spoiled_ballots ALTER COLUMN body SET STORAGE EXTERNAL;
