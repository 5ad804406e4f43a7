-- How a contest's candidates stand on the ballot (RULES.md §2): 'strokes', put in stroke order
-- under the rule profile when the congress is loaded, or 'as_listed', the order the organiser
-- gave (the higher union's vetted list). Candidates are stored in the order given.
ALTER TABLE contests ADD COLUMN candidate_order TEXT NOT NULL DEFAULT 'strokes'
    CHECK (candidate_order IN ('strokes', 'as_listed'));
