import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * ledger_post_batch without forced custom plans.
 *
 * The function was declared SET plan_cache_mode = force_custom_plan, so each of its statements was
 * planned again on every call: about 1.5–2 ms of PostgreSQL time per call on the 2-core bench
 * machine, 40 % of a one-entry call, and the group commit of single postings makes one call per
 * group, one group at a time. The forced plans were there for one statement: the probe of the
 * journal by idempotency key, which a generic plan cached while the journal was nearly empty ran
 * through journal_entries_date_idx and made slower with every entry posted. Now the probes by key
 * (the reused-key check and the replayed entries' lines) are dynamic SQL, planned per call and run
 * only when a batch holds keys that were not new; everything else keeps PL/pgSQL's cached plans.
 * Same results, same refusals, same locks (ADR 0002).
 */
export class LedgerPostBatchCachedPlans1765300000000 implements MigrationInterface {
  name = 'LedgerPostBatchCachedPlans1765300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE OR REPLACE FUNCTION ledger_post_batch(p_platform uuid, p_actor uuid, p_entries jsonb)
      RETURNS TABLE (ord integer, entry_id uuid, replayed boolean, created_at timestamptz,
                     line_code text, line_name text, line_amount bigint, line_balance_after bigint)
      LANGUAGE plpgsql
      AS $$
      DECLARE
        v_bad integer;
        v_year integer;
        v_missing text;
        v_new_keys text[];
        v_new_ids uuid[];
        v_new_created timestamptz[];
        v_all_new boolean;
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

        v_all_new := cardinality(v_new_keys) = jsonb_array_length(p_entries);

        -- A key used before (or by a concurrent batch that committed while we waited) with other
        -- content refuses the whole batch. Only keys that were not inserted just now can be such a
        -- key, so a batch of new entries skips the probe. The probe is dynamic SQL, planned for
        -- each call with the table's current size: a plan cached while the journal was nearly
        -- empty probed it through journal_entries_date_idx (platform, date) and filtered every
        -- entry of the platform by key, slower with every entry posted.
        IF NOT v_all_new THEN
          EXECUTE $probe$
            SELECT x.ord FROM jsonb_array_elements($2) WITH ORDINALITY AS x(e, ord)
             CROSS JOIN LATERAL (SELECT je.request_hash FROM journal_entries je
                                  WHERE je.platform_id = $1 AND je.idempotency_key = x.e->>'key' LIMIT 1) je
             WHERE NOT (x.e->>'key' = ANY($3)) AND je.request_hash <> x.e->>'hash' ORDER BY x.ord LIMIT 1
          $probe$ INTO v_bad USING p_platform, p_entries, v_new_keys;
          IF v_bad IS NOT NULL THEN
            RAISE EXCEPTION 'idempotency key reused with other content' USING ERRCODE = 'P0005', DETAIL = v_bad::text;
          END IF;
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

        -- The entries posted, in input order, then the entries replayed. Replays are looked up by
        -- key with dynamic SQL, for the reason given at the probe above, and only when there are
        -- any; a batch of new entries (the group commit of single postings, an import) runs on
        -- cached plans alone. (The caller gathers lines by entry, so the two parts need not
        -- interleave.)
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
        )
        SELECT c.ord, c.entry_id, false, c.created, c.code, c.name, c.amount, c.balance_after
          FROM computed c WHERE (SELECT count(*) FROM updated) >= 0
         ORDER BY c.ord, c.lord;
        IF NOT v_all_new THEN
          RETURN QUERY EXECUTE $replays$
            SELECT x.ord::integer, je.id, true, je.created_at, a.code, a.name, l.amount, l.balance_after
              FROM jsonb_array_elements($2) WITH ORDINALITY AS x(e, ord)
             CROSS JOIN LATERAL (SELECT j.id, j.created_at FROM journal_entries j
                                  WHERE j.platform_id = $1 AND j.idempotency_key = x.e->>'key' LIMIT 1) je
             CROSS JOIN LATERAL (SELECT jl.id, jl.account_id, jl.amount, jl.balance_after FROM journal_lines jl
                                  WHERE jl.entry_id = je.id OFFSET 0) l
              JOIN ledger_accounts a ON a.id = l.account_id
             WHERE NOT (x.e->>'key' = ANY($3))
             ORDER BY x.ord, l.id
          $replays$ USING p_platform, p_entries, v_new_keys;
        END IF;
      END $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER FUNCTION ledger_post_batch(uuid, uuid, jsonb) SET plan_cache_mode = force_custom_plan`);
  }
}
