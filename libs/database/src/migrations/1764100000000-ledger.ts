import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The double-entry ledger. Invariants live in the database so that no code path can break
 * them: journal entries and lines are append-only, every entry balances (checked at commit by
 * deferred constraint triggers), postings into a closed fiscal period are refused.
 */
export class Ledger1764100000000 implements MigrationInterface {
  name = 'Ledger1764100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE ledger_accounts (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        platform_id uuid NOT NULL REFERENCES platforms(id),
        code text NOT NULL,
        type text NOT NULL CHECK (type IN ('asset','liability','fund','income','expense')),
        name text NOT NULL,
        project_id uuid REFERENCES research_projects(id),
        organisation_id uuid REFERENCES organisations(id),
        -- Running balance, debit positive. Changed only by postings, under a row lock.
        balance bigint NOT NULL DEFAULT 0,
        version bigint NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT ledger_accounts_code_key UNIQUE (platform_id, code)
      )`);

    await q.query(`
      CREATE TABLE fiscal_periods (
        platform_id uuid NOT NULL REFERENCES platforms(id),
        fiscal_year integer NOT NULL,
        status text NOT NULL CHECK (status IN ('open','closed')),
        changed_at timestamptz NOT NULL DEFAULT now(),
        changed_by_token_id uuid,
        PRIMARY KEY (platform_id, fiscal_year)
      )`);

    await q.query(`
      CREATE TABLE journal_entries (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        platform_id uuid NOT NULL REFERENCES platforms(id),
        idempotency_key text NOT NULL,
        request_hash text NOT NULL,
        entry_date date NOT NULL,
        fiscal_year integer NOT NULL,
        kind text NOT NULL,
        description text NOT NULL,
        reverses_entry_id uuid UNIQUE REFERENCES journal_entries(id),
        source_type text,
        source_id uuid,
        created_by_token_id uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT journal_entries_idempotency_key UNIQUE (platform_id, idempotency_key)
      )`);
    await q.query(`CREATE INDEX journal_entries_source_idx ON journal_entries (source_type, source_id)`);
    await q.query(`CREATE INDEX journal_entries_date_idx ON journal_entries (platform_id, entry_date)`);

    await q.query(`
      CREATE TABLE journal_lines (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        entry_id uuid NOT NULL REFERENCES journal_entries(id),
        account_id uuid NOT NULL REFERENCES ledger_accounts(id),
        -- Signed: debit positive, credit negative.
        amount bigint NOT NULL CHECK (amount <> 0),
        balance_after bigint NOT NULL,
        account_version bigint NOT NULL,
        CONSTRAINT journal_lines_account_version UNIQUE (account_id, account_version)
      )`);
    await q.query(`CREATE INDEX journal_lines_entry_idx ON journal_lines (entry_id)`);

    for (const table of ['journal_entries', 'journal_lines']) {
      await q.query(`CREATE TRIGGER ${table}_append_only BEFORE UPDATE OR DELETE ON ${table}
        FOR EACH ROW EXECUTE FUNCTION forbid_mutation()`);
      await q.query(`CREATE TRIGGER ${table}_no_truncate BEFORE TRUNCATE ON ${table}
        FOR EACH STATEMENT EXECUTE FUNCTION forbid_mutation()`);
    }

    // Every entry balances and has at least two lines, checked when the transaction commits.
    await q.query(`
      CREATE FUNCTION check_entry_balanced() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        target uuid := coalesce(to_jsonb(NEW)->>'entry_id', to_jsonb(NEW)->>'id')::uuid;
        total numeric;
        lines integer;
      BEGIN
        SELECT coalesce(sum(amount), 0), count(*) INTO total, lines FROM journal_lines WHERE entry_id = target;
        IF lines < 2 OR total <> 0 THEN
          RAISE EXCEPTION 'journal entry % is unbalanced (% lines, sum %)', target, lines, total
            USING ERRCODE = 'P0002';
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(`CREATE CONSTRAINT TRIGGER journal_entries_balanced AFTER INSERT ON journal_entries
      DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION check_entry_balanced()`);
    await q.query(`CREATE CONSTRAINT TRIGGER journal_lines_balanced AFTER INSERT ON journal_lines
      DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION check_entry_balanced()`);

    // A posting dated in a closed fiscal period is refused whatever code path writes it.
    await q.query(`
      CREATE FUNCTION check_period_open() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF EXISTS (SELECT 1 FROM fiscal_periods
                    WHERE platform_id = NEW.platform_id AND fiscal_year = NEW.fiscal_year AND status = 'closed') THEN
          RAISE EXCEPTION 'fiscal year % of platform % is closed', NEW.fiscal_year, NEW.platform_id
            USING ERRCODE = 'P0003';
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`CREATE TRIGGER journal_entries_period_open BEFORE INSERT ON journal_entries
      FOR EACH ROW EXECUTE FUNCTION check_period_open()`);
    // One posting in one round trip: replay check, period guard, accounts created and locked in
    // id order, lines written with running balances and versions, balances updated. Postings
    // hold the period's advisory lock in shared mode; closing a period takes it exclusively,
    // so it waits for postings in flight and every later posting sees the period closed.
    await q.query(`
      CREATE FUNCTION ledger_post(
        p_platform uuid, p_key text, p_hash text, p_date date, p_fiscal_year integer, p_kind text, p_description text,
        p_reverses uuid, p_source_type text, p_source_id uuid, p_actor uuid,
        p_codes text[], p_types text[], p_names text[], p_projects uuid[], p_orgs uuid[], p_amounts bigint[])
      RETURNS TABLE (entry_id uuid, replayed boolean, stored_hash text, created_at timestamptz,
                     line_code text, line_name text, line_amount bigint, line_balance_after bigint)
      LANGUAGE plpgsql AS $$
      DECLARE
        v_entry uuid;
        v_created timestamptz;
        v_missing text;
      BEGIN
        SELECT e.id INTO v_entry FROM journal_entries e WHERE e.platform_id = p_platform AND e.idempotency_key = p_key;
        IF FOUND THEN
          RETURN QUERY SELECT e.id, true, e.request_hash, e.created_at, a.code, a.name, l.amount, l.balance_after
            FROM journal_entries e JOIN journal_lines l ON l.entry_id = e.id JOIN ledger_accounts a ON a.id = l.account_id
           WHERE e.id = v_entry ORDER BY l.id;
          RETURN;
        END IF;

        PERFORM pg_advisory_xact_lock_shared(hashtext('ipl.period.' || p_platform::text), p_fiscal_year);

        INSERT INTO journal_entries AS e (platform_id, idempotency_key, request_hash, entry_date, fiscal_year, kind, description,
                                          reverses_entry_id, source_type, source_id, created_by_token_id)
        VALUES (p_platform, p_key, p_hash, p_date, p_fiscal_year, p_kind, p_description, p_reverses, p_source_type, p_source_id, p_actor)
        ON CONFLICT (platform_id, idempotency_key) DO NOTHING
        RETURNING e.id, e.created_at INTO v_entry, v_created;
        IF v_entry IS NULL THEN
          -- A concurrent posting with the same key committed while we waited: answer with it.
          RETURN QUERY SELECT e.id, true, e.request_hash, e.created_at, a.code, a.name, l.amount, l.balance_after
            FROM journal_entries e JOIN journal_lines l ON l.entry_id = e.id JOIN ledger_accounts a ON a.id = l.account_id
           WHERE e.platform_id = p_platform AND e.idempotency_key = p_key ORDER BY l.id;
          RETURN;
        END IF;

        -- Lines that carry a type may create their account; lines without one name an existing account.
        INSERT INTO ledger_accounts (platform_id, code, type, name, project_id, organisation_id)
        SELECT DISTINCT ON (s.code) p_platform, s.code, s.type, s.name, s.project_id, s.org
          FROM unnest(p_codes, p_types, p_names, p_projects, p_orgs) AS s(code, type, name, project_id, org)
         WHERE s.type IS NOT NULL
        ON CONFLICT (platform_id, code) DO NOTHING;

        PERFORM 1 FROM ledger_accounts a WHERE a.platform_id = p_platform AND a.code = ANY(p_codes) ORDER BY a.id FOR UPDATE;

        SELECT c INTO v_missing FROM unnest(p_codes) AS c
         WHERE NOT EXISTS (SELECT 1 FROM ledger_accounts a WHERE a.platform_id = p_platform AND a.code = c) LIMIT 1;
        IF v_missing IS NOT NULL THEN
          RAISE EXCEPTION 'account % does not exist', v_missing USING ERRCODE = 'P0004', DETAIL = v_missing;
        END IF;

        RETURN QUERY
        WITH input AS (
          SELECT t.code, t.amount, t.ord FROM unnest(p_codes, p_amounts) WITH ORDINALITY AS t(code, amount, ord)
        ), computed AS (
          SELECT a.id AS account_id, a.code, a.name, i.amount, i.ord,
                 (a.balance + sum(i.amount) OVER (PARTITION BY a.id ORDER BY i.ord))::bigint AS balance_after,
                 a.version + row_number() OVER (PARTITION BY a.id ORDER BY i.ord) AS version
            FROM input i JOIN ledger_accounts a ON a.platform_id = p_platform AND a.code = i.code
        ), written AS (
          INSERT INTO journal_lines (entry_id, account_id, amount, balance_after, account_version)
          SELECT v_entry, c.account_id, c.amount, c.balance_after, c.version FROM computed c ORDER BY c.ord
          RETURNING journal_lines.account_id, journal_lines.balance_after, journal_lines.account_version
        ), updated AS (
          UPDATE ledger_accounts a SET balance = w.balance_after, version = w.account_version
            FROM (SELECT DISTINCT ON (w0.account_id) w0.account_id, w0.balance_after, w0.account_version
                    FROM written w0 ORDER BY w0.account_id, w0.account_version DESC) w
           WHERE a.id = w.account_id
          RETURNING a.id
        )
        SELECT v_entry, false, p_hash, v_created, c.code, c.name, c.amount, c.balance_after
          FROM computed c WHERE (SELECT count(*) FROM updated) >= 0 ORDER BY c.ord;
      END $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS journal_lines, journal_entries, fiscal_periods, ledger_accounts`);
    await q.query(`DROP FUNCTION IF EXISTS check_entry_balanced(), check_period_open(), ledger_post(uuid, text, text, date, integer, text, text, uuid, text, uuid, uuid, text[], text[], text[], uuid[], uuid[], bigint[])`);
  }
}
