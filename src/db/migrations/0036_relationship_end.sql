-- When the relationship with a customer ended (an account closed, a member who ceased to
-- participate, a removal asked for): the trigger of every retention rule that runs from
-- the end of the relationship or until the customer ceases to participate (820.200
-- customer accounts, business mailings, delivery requests; 890.000 memberships, sales
-- contacts; PAT-TM-20 customers). NULL while the relationship lasts. It is the subject's
-- own retention state, as dispose_after is, and goes with the subject.
ALTER TABLE data_subjects ADD COLUMN relationship_ended_at timestamptz;
-- The sweep looks, each run, for ended relationships with records still undated: the few
-- subjects whose relationship ended, not the whole registry.
CREATE INDEX data_subjects_relationship_ended ON data_subjects (id) WHERE relationship_ended_at IS NOT NULL;
