/**
 * npm run bench:ledger — posts journal entries through the HTTP API and compares the rate with a
 * baseline measured in the same run: plain single-row INSERTs into a table shaped like
 * journal_entries, over a pool of the same size with the same concurrency.
 *
 * Single entries (one per request, group-committed by the API), replays (under load and one at a
 * time) and the batch endpoint (BENCH_BATCH entries per request, BENCH_BATCH_CONCURRENCY requests
 * in flight). See docs/benchmarks.md.
 *
 * BENCH_ENTRIES (default 4000), BENCH_CONCURRENCY (default 16), BENCH_BATCH (100),
 * BENCH_BATCH_CONCURRENCY (2), BENCH_IDLE_ACCOUNTS (0: further accounts on the platform that no
 * entry touches, as a platform accumulates receivables, budgets and payables over the years),
 * DATABASE_URL (default: embedded).
 */
import { cpus } from 'node:os';
import { Pool } from 'pg';
import { LoadResult, benchDatabase, fmt, httpLoad, load, startApi } from './bench-support';

const N = Number(process.env.BENCH_ENTRIES ?? 4000);
const C = Number(process.env.BENCH_CONCURRENCY ?? 16);
const POOL = Number(process.env.BENCH_POOL_SIZE ?? 10);
const BATCH = Number(process.env.BENCH_BATCH ?? 100);
const BATCH_CONCURRENCY = Number(process.env.BENCH_BATCH_CONCURRENCY ?? 2);
const ACCOUNTS = 200;
const IDLE_ACCOUNTS = Number(process.env.BENCH_IDLE_ACCOUNTS ?? 0);
/** Unmeasured batch requests first, so that the batch path is compiled before it is timed. */
const BATCH_WARMUP_REQUESTS = 10;

async function main() {
  const db = await benchDatabase();
  const api = await startApi(db.url, Number(process.env.BENCH_PORT ?? 3311));
  const pool = new Pool({ connectionString: db.url, max: POOL });
  try {
    const auth = { Authorization: `Bearer ${api.adminToken}`, 'Content-Type': 'application/json' };
    const call = async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
      const res = await fetch(`${api.url}${path}`, { method, headers: { ...auth, ...headers }, body: body ? JSON.stringify(body) : undefined });
      const json = (await res.json()) as Record<string, unknown>;
      return { status: res.status, json };
    };
    const uni = await call('POST', '/organisations', { name: 'Bench University', kind: 'university' });
    const platform = await call('POST', '/platforms', { name: 'Bench Platform', leadInstitutionId: uni.json.id, establishedOn: '2026-04-01' });
    const platformId = platform.json.id as string;
    await pool.query(
      `INSERT INTO ledger_accounts (platform_id, code, type, name) SELECT $1, 'bench:' || g, 'asset', 'Bench account ' || g FROM generate_series(1, $2) g`,
      [platformId, ACCOUNTS],
    );
    await pool.query(
      `INSERT INTO ledger_accounts (platform_id, code, type, name) SELECT $1, 'idle:' || g, 'asset', 'Idle account ' || g FROM generate_series(1, $2) g`,
      [platformId, IDLE_ACCOUNTS],
    );
    // Statistics as a platform in use has them (autovacuum would gather them within a minute).
    await pool.query(`ANALYZE ledger_accounts`);
    await pool.query(`CREATE TABLE bench_baseline (LIKE journal_entries INCLUDING DEFAULTS)`);

    const entry = (i: number, hot: boolean) => ({
      entryDate: '2026-06-01',
      description: `bench entry ${i}`,
      lines: [
        { accountCode: `bench:${(i % ACCOUNTS) + 1}`, debitYen: String(1000 + (i % 977)) },
        { accountCode: hot ? 'ip_fund' : `bench:${((i * 7 + 3) % ACCOUNTS) + 1 === (i % ACCOUNTS) + 1 ? ((i + 1) % ACCOUNTS) + 1 : ((i * 7 + 3) % ACCOUNTS) + 1}`, creditYen: String(1000 + (i % 977)) },
      ],
    });
    const post = (prefix: string, hot: boolean, total = N) =>
      httpLoad(total, C, {
        url: `${api.url}/platforms/${platformId}/ledger/entries`,
        method: 'POST',
        headers: auth,
        api,
        request: (i) => ({ body: entry(i, hot), headers: { 'Idempotency-Key': `bench-${prefix}-${i}` } }),
      });

    /** N entries in N / BATCH requests to the batch endpoint, each entry with its own key. */
    const postBatches = async (prefix: string, hot: boolean, requests = Math.ceil(N / BATCH)) => {
      const r = await httpLoad(requests, BATCH_CONCURRENCY, {
        url: `${api.url}/platforms/${platformId}/ledger/entries/batch`,
        method: 'POST',
        headers: auth,
        api,
        request: (b) => ({
          body: {
            entries: Array.from({ length: BATCH }, (_, j) => ({ ...entry(b * BATCH + j, hot), idempotencyKey: `bench-${prefix}-${b * BATCH + j}` })),
          },
        }),
      });
      return { ...r, count: r.count * BATCH, perSecond: r.perSecond * BATCH };
    };

    const baseline = () =>
      load(N, C, async (i) => {
        await pool.query(
          `INSERT INTO bench_baseline (platform_id, idempotency_key, request_hash, entry_date, fiscal_year, kind, description)
           VALUES ($1, $2, 'h', '2026-06-01', 2026, 'manual', $3)`,
          [platformId, `b-${Date.now()}-${i}`, `baseline ${i}`],
        );
        return true;
      });

    const accounts = await pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM ledger_accounts WHERE platform_id = $1`, [platformId]);
    process.stdout.write(
      `\nLedger benchmark: ${N} entries per run, concurrency ${C}, pool ${POOL}, ${accounts.rows[0].n} accounts on the platform, ` +
        `${cpus().length} CPUs (${cpus()[0]?.model ?? '?'})\n`,
    );
    await post('warmup', false, 2000);
    const base = await baseline();
    const floor = await httpLoad(N, C, { url: `${api.url}/health`, method: 'GET', headers: {}, api });
    const spread = await post('spread', false);
    const hot = await post('hot', true);
    const replay = await post('spread', false, Math.min(N, 2000));
    const replayAlone = await httpLoad(500, 1, {
      url: `${api.url}/platforms/${platformId}/ledger/entries`,
      method: 'POST',
      headers: auth,
      api,
      request: (i) => ({ body: entry(i, false), headers: { 'Idempotency-Key': `bench-spread-${i}` } }),
    });
    const floorAlone = await httpLoad(500, 1, { url: `${api.url}/health`, method: 'GET', headers: {}, api });
    await postBatches('batch-warmup', false, BATCH_WARMUP_REQUESTS);
    const batchSpread = await postBatches('batch-spread', false);
    const batchHot = await postBatches('batch-hot', true);
    const base2 = await baseline();

    const check = await pool.query<{ entries: number; total: string; unbalanced: number }>(
      `SELECT (SELECT count(*) FROM journal_entries WHERE kind = 'manual')::int AS entries,
              (SELECT coalesce(sum(balance), 0) FROM ledger_accounts)::text AS total,
              (SELECT count(*) FROM (SELECT entry_id FROM journal_lines GROUP BY entry_id HAVING sum(amount) <> 0) u)::int AS unbalanced`,
    );
    const baseRate = (base.perSecond + base2.perSecond) / 2;
    const row = (label: string, r: LoadResult, ratio = true) =>
      `${label.padEnd(44)} ${fmt(r)}${ratio ? `   ratio ${(r.perSecond / baseRate).toFixed(2)}` : ''}\n`;
    process.stdout.write(row('baseline: single-row INSERT (before)', base, false));
    process.stdout.write(row('baseline: single-row INSERT (after)', base2, false));
    process.stdout.write(row('API floor: GET /health (no token, no database)', floor));
    process.stdout.write(row('API: entries over 200 accounts', spread));
    process.stdout.write(row('API: entries all touching ip_fund (hot)', hot));
    process.stdout.write(row('API: replay of an existing key', replay));
    process.stdout.write(row('API: replay, one request at a time', replayAlone, false));
    process.stdout.write(row('API floor: GET /health, one at a time', floorAlone, false));
    process.stdout.write(`batch endpoint: ${BATCH} entries per request, ${BATCH_CONCURRENCY} requests in flight (latency is per request)\n`);
    process.stdout.write(row('API batch: entries over 200 accounts', batchSpread));
    process.stdout.write(row('API batch: entries all touching ip_fund (hot)', batchHot));
    process.stdout.write(
      `invariants: ${check.rows[0].entries} manual entries, sum of balances ${check.rows[0].total}, unbalanced entries ${check.rows[0].unbalanced}\n`,
    );
    // Every spread and hot request posted exactly one entry; the replays posted none.
    const expected = 2000 + 2 * N + (2 * Math.ceil(N / BATCH) + BATCH_WARMUP_REQUESTS) * BATCH;
    if (spread.errors + hot.errors + replay.errors + replayAlone.errors + batchSpread.errors + batchHot.errors > 0 || check.rows[0].entries !== expected || check.rows[0].total !== '0' || check.rows[0].unbalanced !== 0) {
      process.exitCode = 1;
    }
  } finally {
    await pool.end();
    await api.stop();
    await db.close();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
