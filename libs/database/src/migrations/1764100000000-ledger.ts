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
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS journal_lines, journal_entries, fiscal_periods, ledger_accounts`);
    await q.query(`DROP FUNCTION IF EXISTS check_entry_balanced(), check_period_open()`);
  }
}
