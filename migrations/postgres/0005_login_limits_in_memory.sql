-- Wrong passwords are counted by the server in memory, per account and client address, and
-- reserved before a password is hashed (src/server/auth.rs, LoginGate); the table that counted
-- them per account name alone, after the hash, is no longer used.
DROP TABLE login_failures;
