import { MigrationInterface, QueryRunner } from 'typeorm';
import { LedgerPostBatchCachedPlans1765300000000 } from './1765300000000-ledger-post-batch-cached-plans';

/**
 * ledger_post_batch reads the accounts it posts to once, by code, when it locks them.
 *
 * It used to lock the accounts, then join the lines to ledger_accounts again to read balances,
 * names and versions, and update the balances through another join. With the row counts the
 * planner assumes for jsonb_array_elements (100 per call), both joins were hash joins over every
 * account of the platform, so a call cost more the more accounts the platform had, and a call
 * for one entry cost nearly as much as one for thirty. Now the locking statement looks the codes
 * up through the (platform_id, code) index and keeps id, code, name, balance and version in
 * arrays; the lines are computed from those arrays and the update finds its rows by id. Same
 * results, same refusals, same lock order (ADR 0002).
 *
 * The function also runs its statements on generic plans (plan_cache_mode = force_generic_plan):
 * no plan depends on the values of a call any more (the journal probes by key are dynamic SQL,
 * planned per call), but in the default mode PostgreSQL kept re-planning the statements whose
 * custom plans it estimated cheaper, on every call. `npm run bench:ledger` with 5,000 idle
 * accounts on the platform (BENCH_IDLE_ACCOUNTS=5000), two alternating runs each: single
 * postings 561–763 → 990–1,277 entries/s, batches of 20 1,695–2,107 → 3,003–3,558 entries/s.
 */
export class LedgerPostBatchLockedAccounts1765400000000 implements MigrationInterface {
  name = 'LedgerPostBatchLockedAccounts1765400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE OR REPLACE FUNCTION ledger_post_batch(p_platform uuid, p_actor uuid, p_entries jsonb)
      RETURNS TABLE (ord integer, entry_id uuid, replayed boolean, created_at timestamptz,
                     line_code text, line_name text, line_amount bigint, line_balance_after bigint)
      LANGUAGE plpgsql
      SET plan_cache_mode = force_generic_plan
      AS $$
      DECLARE
        v_bad integer;
        v_year integer;
        v_missing text;
        v_new_keys text[];
        v_new_ids uuid[];
        v_new_created timestamptz[];
        v_all_new boolean;
        v_codes text[];
        v_acc_ids uuid[];
        v_acc_codes text[];
        v_acc_names text[];
        v_acc_balances bigint[];
        v_acc_versions bigint[];
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

          -- The accounts of the new entries, locked in id order (no deadlocks) and read once:
          -- FOR UPDATE returns each row as the last transaction to change it left it, so the
          -- balances and versions read here are the ones the lines build on. Looked up by
          -- (platform, code) through the unique index, whatever the platform's number of accounts.
          v_codes := ARRAY(SELECT DISTINCT l.line->>'code' FROM jsonb_array_elements(p_entries) x(e), jsonb_array_elements(x.e->'lines') l(line)
                            WHERE x.e->>'key' = ANY(v_new_keys) ORDER BY 1);
          SELECT array_agg(s.id), array_agg(s.code), array_agg(s.name), array_agg(s.balance), array_agg(s.version)
            INTO v_acc_ids, v_acc_codes, v_acc_names, v_acc_balances, v_acc_versions
            FROM (SELECT a.id, a.code, a.name, a.balance, a.version
                    FROM unnest(v_codes) c(code) JOIN ledger_accounts a ON a.platform_id = p_platform AND a.code = c.code
                   ORDER BY a.id FOR UPDATE OF a) s;
          IF coalesce(cardinality(v_acc_ids), 0) < cardinality(v_codes) THEN
            SELECT c INTO v_missing FROM unnest(v_codes) c WHERE NOT (c = ANY(coalesce(v_acc_codes, '{}'))) ORDER BY c LIMIT 1;
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
            FROM input i
            JOIN unnest(v_acc_ids, v_acc_codes, v_acc_names, v_acc_balances, v_acc_versions) AS a(id, code, name, balance, version)
              ON a.code = i.code
          WINDOW w AS (PARTITION BY a.id ORDER BY i.ord, i.lord)
        ), written AS (
          INSERT INTO journal_lines (entry_id, account_id, amount, balance_after, account_version)
          SELECT c.entry_id, c.account_id, c.amount, c.balance_after, c.version FROM computed c ORDER BY c.ord, c.lord
          RETURNING journal_lines.account_id, journal_lines.balance_after, journal_lines.account_version
        ), updated AS (
          UPDATE ledger_accounts a SET balance = w.balance_after, version = w.account_version
            FROM (SELECT DISTINCT ON (w0.account_id) w0.account_id, w0.balance_after, w0.account_version
                    FROM written w0 ORDER BY w0.account_id, w0.account_version DESC) w
           WHERE a.id = ANY(v_acc_ids) AND a.id = w.account_id
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
    await new LedgerPostBatchCachedPlans1765300000000().up(q);
  }
}
