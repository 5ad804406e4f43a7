-- Desk and inspector accounts limited to some congresses (issue 11 §6): an account with rows
-- here serves those congresses only, and every request for another is refused; an account with
-- none serves every congress, as all did before. Organiser accounts are never limited.
CREATE TABLE user_congresses (
    user_id     TEXT NOT NULL REFERENCES users (id),
    congress_id TEXT NOT NULL REFERENCES congresses (id),
    PRIMARY KEY (user_id, congress_id)
);
