-- The tamper-evident audit log (NIST SP 800-53 AU-3, AU-9, AU-10).
--
-- Requests only INSERT, with no lock and no read of the chain's tail, so sealing never
-- serialises them. A sealer (role caseline_sealer, one at a time by advisory lock) later
-- gives committed entries their place in the chain: chain_pos, prev_hash and
-- hash = SHA-256(prev_hash || canonical entry). The chain's order is the sealing order,
-- not id order, because ids are drawn before commit and commit out of order.
CREATE TABLE audit_log (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at          timestamptz NOT NULL,
  actor_kind  text NOT NULL,
  actor_id    text NOT NULL,
  actor_role  text NOT NULL,
  action      text NOT NULL,
  record_type text,
  record_id   text,
  -- Whose personal data the work touched or the response carried: ids only, never values.
  subjects    uuid[] NOT NULL DEFAULT '{}',
  purpose     text NOT NULL,
  request_id  text,
  client_addr text,
  outcome     text NOT NULL CHECK (outcome IN ('ok', 'denied', 'failed')),
  detail      jsonb NOT NULL DEFAULT '{}',
  chain_pos   bigint UNIQUE,
  prev_hash   bytea,
  hash        bytea,
  sealed_at   timestamptz
);
-- The sealer's queue: only unsealed entries, so it stays small however long the log grows.
CREATE INDEX audit_log_unsealed ON audit_log (id) WHERE chain_pos IS NULL;
CREATE INDEX audit_log_subjects ON audit_log USING gin (subjects);
CREATE INDEX audit_log_at ON audit_log (at);
CREATE INDEX audit_log_actor ON audit_log (actor_id, at);

ALTER TABLE audit_log ENABLE ROW LEVEL SECURITY;
ALTER TABLE audit_log FORCE ROW LEVEL SECURITY;

-- An entry is written by the principal it names; a customer's entries can only carry
-- that customer's own subject id.
CREATE POLICY append ON audit_log FOR INSERT TO caseline_app WITH CHECK (
  chain_pos IS NULL AND prev_hash IS NULL AND hash IS NULL AND sealed_at IS NULL
  AND actor_kind = caseline.principal_kind()
  AND actor_id = caseline.principal_id()
  AND (caseline.principal_kind() <> 'customer'
       OR subjects <@ ARRAY[caseline.principal_subject()]));
CREATE POLICY read ON audit_log FOR SELECT TO caseline_app USING (
  caseline.allowed('audit.read', NULL, NULL)
  OR (caseline.principal_kind() = 'customer' AND cardinality(subjects) > 0
      AND subjects <@ ARRAY[caseline.principal_subject()]));
CREATE POLICY seal_read ON audit_log FOR SELECT TO caseline_sealer USING (true);
CREATE POLICY seal ON audit_log FOR UPDATE TO caseline_sealer USING (chain_pos IS NULL) WITH CHECK (chain_pos IS NOT NULL);

GRANT SELECT, INSERT ON audit_log TO caseline_app;
GRANT SELECT ON audit_log TO caseline_sealer;
GRANT UPDATE (chain_pos, prev_hash, hash, sealed_at) ON audit_log TO caseline_sealer;

-- Defence in depth for the owner too: a sealed entry never changes and nothing is deleted.
-- (An owner can still drop the trigger; the hash chain and the exported checkpoints are
-- what detect that.)
CREATE FUNCTION caseline.audit_log_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION 'audit log entries cannot be deleted' USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF OLD.chain_pos IS NOT NULL THEN
    RAISE EXCEPTION 'sealed audit log entries cannot be changed' USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF (NEW.id, NEW.at, NEW.actor_kind, NEW.actor_id, NEW.actor_role, NEW.action, NEW.record_type, NEW.record_id,
      NEW.subjects, NEW.purpose, NEW.request_id, NEW.client_addr, NEW.outcome, NEW.detail)
     IS DISTINCT FROM
     (OLD.id, OLD.at, OLD.actor_kind, OLD.actor_id, OLD.actor_role, OLD.action, OLD.record_type, OLD.record_id,
      OLD.subjects, OLD.purpose, OLD.request_id, OLD.client_addr, OLD.outcome, OLD.detail) THEN
    RAISE EXCEPTION 'audit log entries cannot be changed' USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END
$$;
CREATE TRIGGER audit_log_immutable BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION caseline.audit_log_immutable();

-- Signed checkpoints of the chain's head. They are also exported outside the database
-- (file or webhook), because a chain alone cannot show that its tail was cut off.
CREATE TABLE audit_checkpoints (
  chain_pos  bigint PRIMARY KEY,
  hash       bytea NOT NULL,
  signed_at  timestamptz NOT NULL,
  key_id     text NOT NULL,
  signature  bytea NOT NULL
);
GRANT SELECT ON audit_checkpoints TO caseline_app;
GRANT SELECT, INSERT ON audit_checkpoints TO caseline_sealer;
