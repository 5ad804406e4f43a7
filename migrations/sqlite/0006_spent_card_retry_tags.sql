-- A spent card keeps, while its round is open, the tag that lets the same card retry the same
-- ballot (src/record/card.rs, CardCode::retry_tag), so that another spent card replaying that
-- ballot is refused instead of being answered with its receipt. The tag is made with the card's
-- code, which the server never stores: it joins no card to a ballot, and closing the round
-- deletes it with the spent cards.
ALTER TABLE spent_cards ADD COLUMN retry_tag TEXT NOT NULL DEFAULT '';
