-- Sealed ballots (docs/sealed-ballots.md §5): the trustees a congress names among its chief
-- scrutineer and scrutineers, each taking part through an inspector account, the threshold of
-- them needed to open a count, and the key ceremony's messages, which the server only carries.
-- Nothing here is secret: a share travels sealed to its recipient's transport key, and no
-- trustee's secret share ever reaches the server.
ALTER TABLE congresses ADD COLUMN trustee_threshold BIGINT;

CREATE TABLE trustees (
    congress_id     TEXT NOT NULL REFERENCES congresses (id),
    trustee         BIGINT NOT NULL,
    delegate_number TEXT NOT NULL,
    account_id      TEXT NOT NULL REFERENCES users (id),
    PRIMARY KEY (congress_id, trustee),
    UNIQUE (congress_id, delegate_number),
    UNIQUE (congress_id, account_id)
);

-- One message per trustee and step; `peer` is the accuser for an answer to a complaint, and 0
-- for every other step.
CREATE TABLE ceremony_messages (
    congress_id TEXT NOT NULL REFERENCES congresses (id),
    step        TEXT NOT NULL CHECK (step IN ('commitment', 'shares', 'checks', 'answer', 'holding')),
    trustee     BIGINT NOT NULL,
    peer        BIGINT NOT NULL,
    body        TEXT NOT NULL,
    PRIMARY KEY (congress_id, step, trustee, peer)
);
