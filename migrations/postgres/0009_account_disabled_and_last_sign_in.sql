-- Accounts managed in the console (issue 12 §1): an organiser may disable an account, which
-- ends its sessions and refuses its sign-ins until it is enabled again, and the console shows
-- when each account last signed in. Both are times in milliseconds since the Unix epoch, or
-- NULL: never disabled, never signed in.
ALTER TABLE users ADD COLUMN disabled_at BIGINT;
ALTER TABLE users ADD COLUMN last_sign_in_at BIGINT;
