import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Batch posting and cheaper balance checks.
 *
 * - Lines: the per-line deferred trigger (one SUM per line at commit) becomes one statement-level
 *   trigger over the inserted rows (a transition table): every entry that received lines must
 *   have at least two and balance once the statement ends. Lines of one entry are therefore
 *   written in one statement, which is what ledger_post and ledger_post_batch do.
 * - Closed periods: the per-row BEFORE trigger becomes one statement-level check over the inserted
 *   entries (same error, same transaction, one query per statement).
 * - Entries: the deferred per-entry check stays (an entry without lines is refused at commit),
 *   without the to_jsonb detour.
 * - ledger_post_batch: many entries in one call and one transaction, all or nothing, with the
 *   same guarantees as ledger_post (replays by idempotency key, period lock and closed-period
 *   refusal, accounts locked in id order, running balances and versions per account).
 */
export class LedgerBatchPosting1765100000000 implements MigrationInterface {
  name = 'LedgerBatchPosting1765100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION check_new_lines_balanced() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        bad record;
      BEGIN
        -- LATERAL keeps this an index lookup per entry whatever the planner guesses about new_lines.
        SELECT t.entry_id, s.lines, s.total INTO bad
          FROM (SELECT DISTINCT n.entry_id FROM new_lines n) t
          CROSS JOIN LATERAL (SELECT count(*) AS lines, coalesce(sum(l.amount), 0) AS total
                                FROM journal_lines l WHERE l.entry_id = t.entry_id) s
         WHERE s.lines < 2 OR s.total <> 0
         LIMIT 1;
        IF FOUND THEN
          RAISE EXCEPTION 'journal entry % is unbalanced (% lines, sum %)', bad.entry_id, bad.lines, bad.total
            USING ERRCODE = 'P0002';
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(`DROP TRIGGER journal_lines_balanced ON journal_lines`);
    await q.query(`CREATE TRIGGER journal_lines_balanced AFTER INSERT ON journal_lines
      REFERENCING NEW TABLE AS new_lines FOR EACH STATEMENT EXECUTE FUNCTION check_new_lines_balanced()`);

    // Closed periods: one check per statement over the inserted entries instead of one per row.
    await q.query(`
      CREATE FUNCTION check_new_entries_period_open() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        bad record;
      BEGIN
        SELECT n.platform_id, n.fiscal_year INTO bad
          FROM new_entries n
          JOIN fiscal_periods p ON p.platform_id = n.platform_id AND p.fiscal_year = n.fiscal_year AND p.status = 'closed'
         LIMIT 1;
        IF FOUND THEN
          RAISE EXCEPTION 'fiscal year % of platform % is closed', bad.fiscal_year, bad.platform_id USING ERRCODE = 'P0003';
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(`DROP TRIGGER journal_entries_period_open ON journal_entries`);
    await q.query(`CREATE TRIGGER journal_entries_period_open AFTER INSERT ON journal_entries
      REFERENCING NEW TABLE AS new_entries FOR EACH STATEMENT EXECUTE FUNCTION check_new_entries_period_open()`);

    await q.query(`
      CREATE FUNCTION check_entry_has_lines() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        total numeric;
        lines integer;
      BEGIN
        SELECT coalesce(sum(amount), 0), count(*) INTO total, lines FROM journal_lines WHERE entry_id = NEW.id;
        IF lines < 2 OR total <> 0 THEN
          RAISE EXCEPTION 'journal entry % is unbalanced (% lines, sum %)', NEW.id, lines, total
            USING ERRCODE = 'P0002';
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(`DROP TRIGGER journal_entries_balanced ON journal_entries`);
    await q.query(`CREATE CONSTRAINT TRIGGER journal_entries_balanced AFTER INSERT ON journal_entries
      DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION check_entry_has_lines()`);
    await q.query(`DROP FUNCTION check_entry_balanced()`);

    // p_entries: [{ key, hash, date, fiscalYear, kind, description, actor?, lines: [{ code, amount, type?, name?, projectId?, organisationId? }] }]
    // (actor: the token that posted this entry, when it is not p_actor.)
    // Returns one row per line, entries in input order (ord from 1), lines in entry order.
    await q.query(`
      CREATE FUNCTION ledger_post_batch(p_platform uuid, p_actor uuid, p_entries jsonb)
      RETURNS TABLE (ord integer, entry_id uuid, replayed boolean, created_at timestamptz,
                     line_code text, line_name text, line_amount bigint, line_balance_after bigint)
      LANGUAGE plpgsql
      -- Plan every statement for the batch at hand: after a few small groups (the group commit of
      -- single postings) PL/pgSQL switched to generic plans that made batches of 100 six times
      -- slower, and slower as the journal grew. Planning costs well under a millisecond here.
      SET plan_cache_mode = force_custom_plan
      AS $$
      DECLARE
        v_bad integer;
        v_year integer;
        v_missing text;
        v_new_keys text[];
        v_new_ids uuid[];
        v_new_created timestamptz[];
      BEGIN
        SELECT d.o INTO v_bad
          FROM (SELECT x.ord AS o, row_number() OVER (PARTITION BY x.e->>'key' ORDER BY x.ord) AS n
                  FROM jsonb_array_elements(p_entries) WITH ORDINALITY AS x(e, ord)) d
         WHERE d.n > 1 ORDER BY d.o LIMIT 1;
        IF FOUND THEN
          RAISE EXCEPTION 'idempotency key repeated in one batch' USING ERRCODE = 'P0006', DETAIL = v_bad::text;
        END IF;

        PERFORM pg_advisory_xact_lock_shared(hashtext('ipl.period.' || p_platform::text), s.fy)
           FROM (SELECT DISTINCT (x.e->>'fiscalYear')::integer AS fy FROM jsonb_array_elements(p_entries) x(e) ORDER BY 1) s;
        SELECT p.fiscal_year INTO v_year FROM fiscal_periods p
         WHERE p.platform_id = p_platform AND p.status = 'closed'
           AND p.fiscal_year IN (SELECT (x.e->>'fiscalYear')::integer FROM jsonb_array_elements(p_entries) x(e))
         ORDER BY p.fiscal_year LIMIT 1;
        IF FOUND THEN
          RAISE EXCEPTION 'fiscal year % of platform % is closed', v_year, p_platform USING ERRCODE = 'P0003', DETAIL = v_year::text;
        END IF;

        WITH inserted AS (
          INSERT INTO journal_entries AS je (platform_id, idempotency_key, request_hash, entry_date, fiscal_year, kind, description,
                                             created_by_token_id)
          SELECT p_platform, x.e->>'key', x.e->>'hash', (x.e->>'date')::date, (x.e->>'fiscalYear')::integer, x.e->>'kind',
                 x.e->>'description', CASE WHEN x.e ? 'actor' THEN (x.e->>'actor')::uuid ELSE p_actor END
            FROM jsonb_array_elements(p_entries) WITH ORDINALITY AS x(e, ord)
           ORDER BY x.ord
          ON CONFLICT (platform_id, idempotency_key) DO NOTHING
          RETURNING je.idempotency_key, je.id, je.created_at
        )
        SELECT array_agg(i.idempotency_key), array_agg(i.id), array_agg(i.created_at)
          INTO v_new_keys, v_new_ids, v_new_created FROM inserted i;
        v_new_keys := coalesce(v_new_keys, '{}');

        -- A key used before (or by a concurrent batch that committed while we waited) with other
        -- content refuses the whole batch.
        -- (LATERAL … LIMIT 1 is not flattened into a join: it stays one unique-index probe per entry
        -- however stale the table's statistics are; a flattened join once scanned the platform's
        -- whole journal for every entry.)
        SELECT x.ord INTO v_bad FROM jsonb_array_elements(p_entries) WITH ORDINALITY AS x(e, ord)
         CROSS JOIN LATERAL (SELECT je.request_hash FROM journal_entries je
                              WHERE je.platform_id = p_platform AND je.idempotency_key = x.e->>'key' LIMIT 1) je
         WHERE je.request_hash <> x.e->>'hash' ORDER BY x.ord LIMIT 1;
        IF FOUND THEN
          RAISE EXCEPTION 'idempotency key reused with other content' USING ERRCODE = 'P0005', DETAIL = v_bad::text;
        END IF;

        IF cardinality(v_new_keys) > 0 THEN
          INSERT INTO ledger_accounts (platform_id, code, type, name, project_id, organisation_id)
          SELECT DISTINCT ON (l.line->>'code') p_platform, l.line->>'code', l.line->>'type', l.line->>'name',
                 (l.line->>'projectId')::uuid, (l.line->>'organisationId')::uuid
            FROM jsonb_array_elements(p_entries) x(e), jsonb_array_elements(x.e->'lines') l(line)
           WHERE x.e->>'key' = ANY(v_new_keys) AND l.line->>'type' IS NOT NULL
          ON CONFLICT (platform_id, code) DO NOTHING;

          PERFORM 1 FROM ledger_accounts a
           WHERE a.platform_id = p_platform
             AND a.code IN (SELECT l.line->>'code' FROM jsonb_array_elements(p_entries) x(e), jsonb_array_elements(x.e->'lines') l(line)
                             WHERE x.e->>'key' = ANY(v_new_keys))
           ORDER BY a.id FOR UPDATE;

          SELECT c INTO v_missing
            FROM (SELECT DISTINCT l.line->>'code' AS c FROM jsonb_array_elements(p_entries) x(e), jsonb_array_elements(x.e->'lines') l(line)
                   WHERE x.e->>'key' = ANY(v_new_keys)) codes
           WHERE NOT EXISTS (SELECT 1 FROM ledger_accounts a WHERE a.platform_id = p_platform AND a.code = codes.c)
           ORDER BY c LIMIT 1;
          IF v_missing IS NOT NULL THEN
            RAISE EXCEPTION 'account % does not exist', v_missing USING ERRCODE = 'P0004', DETAIL = v_missing;
          END IF;
        END IF;

        RETURN QUERY
        WITH fresh AS (
          SELECT n.key, n.id, n.created FROM unnest(v_new_keys, v_new_ids, v_new_created) AS n(key, id, created)
        ), input AS (
          SELECT x.ord::integer AS ord, l.lord, f.id AS entry_id, f.created, l.line->>'code' AS code, (l.line->>'amount')::bigint AS amount
            FROM jsonb_array_elements(p_entries) WITH ORDINALITY AS x(e, ord)
            JOIN fresh f ON f.key = x.e->>'key'
           CROSS JOIN LATERAL jsonb_array_elements(x.e->'lines') WITH ORDINALITY AS l(line, lord)
        ), computed AS (
          SELECT i.ord, i.lord, i.entry_id, i.created, a.id AS account_id, a.code, a.name, i.amount,
                 (a.balance + sum(i.amount) OVER w)::bigint AS balance_after,
                 a.version + row_number() OVER w AS version
            FROM input i JOIN ledger_accounts a ON a.platform_id = p_platform AND a.code = i.code
          WINDOW w AS (PARTITION BY a.id ORDER BY i.ord, i.lord)
        ), written AS (
          INSERT INTO journal_lines (entry_id, account_id, amount, balance_after, account_version)
          SELECT c.entry_id, c.account_id, c.amount, c.balance_after, c.version FROM computed c ORDER BY c.ord, c.lord
          RETURNING journal_lines.account_id, journal_lines.balance_after, journal_lines.account_version
        ), updated AS (
          UPDATE ledger_accounts a SET balance = w.balance_after, version = w.account_version
            FROM (SELECT DISTINCT ON (w0.account_id) w0.account_id, w0.balance_after, w0.account_version
                    FROM written w0 ORDER BY w0.account_id, w0.account_version DESC) w
           WHERE a.id = w.account_id
          RETURNING a.id
        ), replays AS (
          SELECT x.ord::integer AS ord, row_number() OVER (PARTITION BY je.id ORDER BY l.id) AS lord, je.id AS entry_id,
                 je.created_at, a.code, a.name, l.amount, l.balance_after
            FROM jsonb_array_elements(p_entries) WITH ORDINALITY AS x(e, ord)
           CROSS JOIN LATERAL (SELECT j.id, j.created_at FROM journal_entries j
                                WHERE j.platform_id = p_platform AND j.idempotency_key = x.e->>'key' LIMIT 1) je
           CROSS JOIN LATERAL (SELECT jl.id, jl.account_id, jl.amount, jl.balance_after FROM journal_lines jl
                                WHERE jl.entry_id = je.id OFFSET 0) l
            JOIN ledger_accounts a ON a.id = l.account_id
           WHERE NOT (x.e->>'key' = ANY(v_new_keys))
        )
        SELECT r.ord, r.entry_id, r.replayed, r.created, r.code, r.name, r.amount, r.balance_after
          FROM (SELECT c.ord, c.lord, c.entry_id, false AS replayed, c.created, c.code, c.name, c.amount, c.balance_after
                  FROM computed c WHERE (SELECT count(*) FROM updated) >= 0
                UNION ALL
                SELECT p.ord, p.lord, p.entry_id, true, p.created_at, p.code, p.name, p.amount, p.balance_after FROM replays p) r
         ORDER BY r.ord, r.lord;
      END $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION IF EXISTS ledger_post_batch(uuid, uuid, jsonb)`);
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
    await q.query(`DROP TRIGGER journal_entries_balanced ON journal_entries`);
    await q.query(`CREATE CONSTRAINT TRIGGER journal_entries_balanced AFTER INSERT ON journal_entries
      DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION check_entry_balanced()`);
    await q.query(`DROP TRIGGER journal_lines_balanced ON journal_lines`);
    await q.query(`CREATE CONSTRAINT TRIGGER journal_lines_balanced AFTER INSERT ON journal_lines
      DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION check_entry_balanced()`);
    await q.query(`DROP TRIGGER journal_entries_period_open ON journal_entries`);
    await q.query(`CREATE TRIGGER journal_entries_period_open BEFORE INSERT ON journal_entries
      FOR EACH ROW EXECUTE FUNCTION check_period_open()`);
    await q.query(`DROP FUNCTION IF EXISTS check_new_entries_period_open()`);
    await q.query(`DROP FUNCTION IF EXISTS check_entry_has_lines()`);
    await q.query(`DROP FUNCTION IF EXISTS check_new_lines_balanced()`);
  }
}
