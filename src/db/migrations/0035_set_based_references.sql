-- References to data subjects, cases and case messages, kept per statement on delete.
--
-- A foreign key acts per row: deleting 5,000 subjects ran 85,000 trigger calls (17
-- tables refer to a subject), each a query of its own, and that was most of what the
-- retention sweep spent (issue 6: 41 µs of 106 a disposed case). Here the referencing
-- side is still checked per row, as a foreign key does (the referenced row must exist and
-- is locked FOR KEY SHARE until commit, so it cannot be deleted meanwhile), but a delete
-- of referenced rows acts once per statement on all of them: one DELETE (or UPDATE …
-- SET NULL) per referencing table, joined with the deleted rows (a transition table).
--
-- Concurrency is that of a foreign key under READ COMMITTED: a referencing row written
-- by a transaction that has not committed holds its referenced row's KEY SHARE lock, so
-- the delete waits for it and its statement-level action, run with a fresh snapshot, then
-- sees and removes it; a referencing row written after the delete finds its row gone and
-- fails. A snapshot that lasts the whole transaction (REPEATABLE READ, SERIALIZABLE)
-- would miss such a row, so deletes of referenced rows are refused there.

DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'caseline_references') THEN
    CREATE ROLE caseline_references NOLOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE BYPASSRLS;
  END IF;
EXCEPTION WHEN duplicate_object OR unique_violation THEN
  NULL;
END
$$;
GRANT caseline_references TO CURRENT_USER;
GRANT USAGE ON SCHEMA caseline TO caseline_references;
GRANT USAGE ON SCHEMA public TO caseline_references;

-- What refers to what: read by the delete actions and by the retention sweep, which must
-- know which tables' rows cannot outlive another's (as it reads ON DELETE CASCADE keys).
CREATE TABLE caseline.statement_references (
  child        regclass NOT NULL,
  child_column name NOT NULL,
  parent       regclass NOT NULL,
  on_delete    text NOT NULL CHECK (on_delete IN ('cascade', 'set null')),
  -- The dropped foreign key's name, kept for the errors a violation raises.
  name         name NOT NULL UNIQUE,
  PRIMARY KEY (child, child_column)
);
GRANT SELECT ON caseline.statement_references TO caseline_app, caseline_references;

-- The referencing side, one function per referenced table so the look-up is planned once.
CREATE FUNCTION caseline.missing_reference(child regclass, name name) RETURNS void
  LANGUAGE plpgsql AS $$
  BEGIN
    RAISE EXCEPTION 'insert or update on table "%" violates foreign key constraint "%"', child, name
      USING ERRCODE = 'foreign_key_violation', CONSTRAINT = name, TABLE = child::text;
  END
$$;

DO $$
DECLARE
  ref record;
BEGIN
  FOR ref IN SELECT * FROM (VALUES
      ('subject_exists', 'data_subjects', 'subject_id'),
      ('case_exists', 'cases', 'case_id'),
      ('case_message_exists', 'case_messages', 'case_message_id')) AS r (fn, parent, child_column)
  LOOP
    EXECUTE format($f$
      CREATE FUNCTION caseline.%I() RETURNS trigger
        LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $body$
        BEGIN
          PERFORM 1 FROM public.%I WHERE id = NEW.%I FOR KEY SHARE;
          IF NOT FOUND THEN PERFORM caseline.missing_reference(TG_RELID::regclass, TG_ARGV[0]); END IF;
          RETURN NULL;
        END
      $body$
    $f$, ref.fn, ref.parent, ref.child_column);
    EXECUTE format('ALTER FUNCTION caseline.%I() OWNER TO caseline_references', ref.fn);
  END LOOP;
END
$$;

-- The referenced side: what the deleted rows' references become, one statement a table.
-- Without JIT: the planner cannot know how many ids a statement brings, and compiling a
-- plan it costs as a scan of the whole table took longer than running it.
CREATE FUNCTION caseline.act_on_references() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public SET jit = off AS $$
  DECLARE
    ref record;
    ids uuid[];
  BEGIN
    IF current_setting('transaction_isolation') <> 'read committed' THEN
      RAISE EXCEPTION 'rows of "%" are deleted only under READ COMMITTED: a transaction snapshot would miss references committed meanwhile', TG_RELID::regclass
        USING ERRCODE = 'feature_not_supported';
    END IF;
    -- An array parameter, not a join with the transition table, of which the planner knows
    -- no size: it would read the whole referencing table for a handful of ids.
    SELECT array_agg(id) INTO ids FROM gone;
    FOR ref IN SELECT * FROM caseline.statement_references WHERE parent = TG_RELID ORDER BY child::text, child_column LOOP
      IF ref.on_delete = 'cascade' THEN
        EXECUTE format('DELETE FROM %s WHERE %I = ANY ($1)', ref.child, ref.child_column) USING ids;
      ELSE
        EXECUTE format('UPDATE %s SET %I = NULL WHERE %I = ANY ($1)', ref.child, ref.child_column, ref.child_column) USING ids;
      END IF;
    END LOOP;
    RETURN NULL;
  END
$$;

CREATE FUNCTION caseline.keep_referenced_id() RETURNS trigger
  LANGUAGE plpgsql AS $$
  BEGIN
    RAISE EXCEPTION 'the id of a row of "%" never changes: rows refer to it', TG_RELID::regclass
      USING ERRCODE = 'foreign_key_violation';
  END
$$;

ALTER FUNCTION caseline.act_on_references() OWNER TO caseline_references;

-- Replaces every foreign key to parent(id) by the above, under the same name; the check
-- function reads one column name, which every such key uses.
CREATE FUNCTION caseline.refer_per_statement(parent regclass, child_column name, check_function text)
  RETURNS void LANGUAGE plpgsql AS $$
  DECLARE
    fk record;
  BEGIN
    FOR fk IN
      SELECT c.conname, c.conrelid::regclass AS child, c.confdeltype, a.attname
      FROM pg_constraint c
      JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
      WHERE c.contype = 'f' AND c.confrelid = parent
      ORDER BY c.conrelid::regclass::text
    LOOP
      IF fk.attname <> child_column OR fk.confdeltype NOT IN ('c', 'n') THEN
        RAISE EXCEPTION 'foreign key % of % is not ON DELETE CASCADE or SET NULL on %', fk.conname, fk.child, child_column;
      END IF;
      EXECUTE format('ALTER TABLE %s DROP CONSTRAINT %I', fk.child, fk.conname);
      INSERT INTO caseline.statement_references (child, child_column, parent, on_delete, name)
      VALUES (fk.child, child_column, parent, CASE fk.confdeltype WHEN 'c' THEN 'cascade' ELSE 'set null' END, fk.conname);
      EXECUTE format(
        'CREATE TRIGGER %I AFTER INSERT OR UPDATE OF %I ON %s FOR EACH ROW WHEN (NEW.%I IS NOT NULL) EXECUTE FUNCTION caseline.%I(%L)',
        fk.conname, child_column, fk.child, child_column, check_function, fk.conname);
      EXECUTE format('GRANT SELECT, UPDATE, DELETE ON %s TO caseline_references', fk.child);
    END LOOP;
    EXECUTE format('GRANT SELECT, UPDATE (id) ON %s TO caseline_references', parent);
    EXECUTE format('CREATE TRIGGER act_on_references AFTER DELETE ON %s REFERENCING OLD TABLE AS gone FOR EACH STATEMENT EXECUTE FUNCTION caseline.act_on_references()', parent);
    EXECUTE format('CREATE TRIGGER keep_referenced_id BEFORE UPDATE OF id ON %s FOR EACH ROW WHEN (OLD.id IS DISTINCT FROM NEW.id) EXECUTE FUNCTION caseline.keep_referenced_id()', parent);
  END
$$;

SELECT caseline.refer_per_statement('data_subjects', 'subject_id', 'subject_exists');
SELECT caseline.refer_per_statement('cases', 'case_id', 'case_exists');
SELECT caseline.refer_per_statement('case_messages', 'case_message_id', 'case_message_exists');

DROP FUNCTION caseline.refer_per_statement(regclass, name, text);
