-- On PostgreSQL this stores sealed bodies out of line, uncompressed. SQLite keeps a body too
-- large for its page on overflow pages, which VACUUM writes afresh in key order after a round
-- closes (src/store/mod.rs, compact): nothing changes here.
SELECT 1;
