/**
 * npm run bench:rights — entitlements at the scale of the issue: 300 member companies, 500
 * projects, 20,000 assets, 2 purposes, generated with SQL into a fresh database.
 *
 * 1. Full recompute (EntitlementsRecomputeService, one REPEATABLE READ transaction) against a
 *    baseline measured in the same run: ONE INSERT … SELECT writing the same rows — the class
 *    rows the recompute produces, copied into a table like entitlement_member_classes with its
 *    unique key. The recompute computes every row and compares it with the stored one, but
 *    writes only the difference (none when nothing changed): the line says what it wrote. For
 *    reference it also prints the earlier, narrower baseline (as many rows of the old asset-rule
 *    shape, no index) and a recompute into an empty table (every row inserted).
 * 2. Recompute after one member's contribution changes.
 * 3. The API (startApi): GET /platforms/:pid/rights for a fixed duration with autocannon, and
 *    the bare GET /health of the same app for the same duration; requests/s, p50/p99, ratio.
 *
 * BENCH_DURATION (s, default 10), BENCH_CONNECTIONS (default 10), BENCH_LIGHT_CONNECTIONS (a second,
 * lighter load for reference, default 4; 0 skips it), DATABASE_URL (default: embedded).
 */
import { cpus, totalmem } from 'node:os';
import autocannon from 'autocannon';
import { Logger } from '@nestjs/common';
import { Pool } from 'pg';
import { DataSource } from 'typeorm';
import { ASSET_FACTS_SQL, ClassRowWrites, EntitlementsRecomputeService, EntitlementsService, RecomputeResult } from '@app/entitlements';
import { dataSourceOptions } from '@app/schema';
import { benchDatabase, median, startApi } from './bench-support';

const MEMBERS = 300;
const PROJECTS = 500;
const ASSETS = 20_000;
const PARTICIPANTS_PER_PROJECT = 6;
const DURATION = Number(process.env.BENCH_DURATION ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const LIGHT_CONNECTIONS = Number(process.env.BENCH_LIGHT_CONNECTIONS ?? 4);

const ms = (t0: bigint) => Number(process.hrtime.bigint() - t0) / 1e6;
const say = (s: string) => process.stdout.write(`${s}\n`);

async function generate(pool: Pool, platformId: string, universityId: string): Promise<void> {
  const c = await pool.connect();
  try {
    // Bulk load: skip triggers and FK checks for this session only (the data is consistent by construction).
    await c.query('BEGIN');
    await c.query(`SET LOCAL session_replication_role = replica`);
    await c.query(
      `INSERT INTO organisations (id, name, kind, company_size)
       SELECT ('00000000-0000-4000-a000-' || lpad(g::text, 12, '0'))::uuid, 'Bench Company ' || g, 'company', 'large'
         FROM generate_series(1, $1) g`,
      [MEMBERS],
    );
    await c.query(
      `INSERT INTO memberships (platform_id, organisation_id, role, joined_on)
       SELECT $1, ('00000000-0000-4000-a000-' || lpad(g::text, 12, '0'))::uuid, 'member', '2026-04-01' FROM generate_series(1, $2) g`,
      [platformId, MEMBERS],
    );
    await c.query(
      `INSERT INTO research_projects (id, platform_id, code, title, kind, starts_on, ends_on, technology_field)
       SELECT ('00000000-0000-4000-b000-' || lpad(g::text, 12, '0'))::uuid, $1, 'BP-' || g, 'bench project ' || g,
              CASE WHEN g % 10 = 0 THEN 'individual' ELSE 'cooperative' END, '2026-04-01', '2028-03-31', 'H01M'
         FROM generate_series(1, $2) g`,
      [platformId, PROJECTS],
    );
    // Each project: the university plus 6 companies spread over the 300 members.
    await c.query(
      `INSERT INTO project_participants (project_id, organisation_id, role)
       SELECT ('00000000-0000-4000-b000-' || lpad(p::text, 12, '0'))::uuid, $1, 'lead' FROM generate_series(1, $2) p
       UNION ALL
       SELECT ('00000000-0000-4000-b000-' || lpad(p::text, 12, '0'))::uuid,
              ('00000000-0000-4000-a000-' || lpad((((p * 7 + k * 53) % $3) + 1)::text, 12, '0'))::uuid, 'funder'
         FROM generate_series(1, $2) p, generate_series(0, $4 - 1) k`,
      [universityId, PROJECTS, MEMBERS, PARTICIPANTS_PER_PROJECT],
    );
    await c.query(
      `INSERT INTO journal_entries (id, platform_id, idempotency_key, request_hash, entry_date, fiscal_year, kind, description)
       VALUES ('00000000-0000-4000-c000-000000000001', $1, 'bench-contributions', 'h', '2026-06-01', 2026, 'manual', 'bench')`,
      [platformId],
    );
    // Contributions FY2026 and FY2027 by every company participant, amounts varying by company.
    await c.query(
      `INSERT INTO contributions (platform_id, project_id, source_kind, organisation_id, fiscal_year, direct_cost_yen,
                                  overhead_rate_bp, standard_overhead_rate_bp, overhead_yen, standard_overhead_yen, ip_fund_yen,
                                  invoiced_on, invoice_entry_id, idempotency_key, request_hash)
       SELECT $1, pp.project_id, 'company', pp.organisation_id, fy, 1000000 * (1 + abs(hashtext(pp.organisation_id::text || fy)) % 20),
              2000, 1000, 0, 0, 0, make_date(fy, 6, 1), '00000000-0000-4000-c000-000000000001',
              'bench-' || pp.project_id || '-' || pp.organisation_id || '-' || fy, 'h'
         FROM project_participants pp, generate_series(2026, 2027) fy
        WHERE pp.role = 'funder'`,
      [platformId],
    );
    // 20,000 assets: 90% foreground of the projects (a third pooled, 5% in the commons), 10% background.
    await c.query(
      `INSERT INTO ip_assets (id, platform_id, title, technology_field, origin, project_id, holder_organisation_id, pooled, research_commons, created_on)
       SELECT ('00000000-0000-4000-9000-' || lpad(g::text, 12, '0'))::uuid, $1, 'bench asset ' || g,
              (ARRAY['H01M','C08L','G06N','A61K'])[g % 4 + 1], CASE WHEN g % 10 = 0 THEN 'background' ELSE 'foreground' END,
              CASE WHEN g % 10 = 0 THEN NULL ELSE ('00000000-0000-4000-b000-' || lpad(((g % $2) + 1)::text, 12, '0'))::uuid END,
              CASE WHEN g % 10 = 0 THEN ('00000000-0000-4000-a000-' || lpad(((g % $3) + 1)::text, 12, '0'))::uuid END,
              g % 3 = 0, g % 20 = 1, '2026-05-01'
         FROM generate_series(1, $4) g`,
      [platformId, PROJECTS, MEMBERS, ASSETS],
    );
    await c.query(
      `INSERT INTO ip_asset_flag_history (asset_id, effective_from, pooled, research_commons)
       SELECT id, created_on, pooled, research_commons FROM ip_assets WHERE platform_id = $1`,
      [platformId],
    );
    await c.query(
      `INSERT INTO ip_ownership_versions (id, asset_id, version, effective_from)
       SELECT gen_random_uuid(), id, 1, created_on FROM ip_assets WHERE platform_id = $1`,
      [platformId],
    );
    await c.query(
      `INSERT INTO ip_ownership_shares (version_id, organisation_id, position, share_bp)
       SELECT v.id, coalesce(a.holder_organisation_id, $2), 0, 10000
         FROM ip_ownership_versions v JOIN ip_assets a ON a.id = v.asset_id WHERE a.platform_id = $1`,
      [platformId, universityId],
    );
    await c.query('COMMIT');
    await c.query('ANALYZE');
  } finally {
    c.release();
  }
}

async function main() {
  const db = await benchDatabase();
  const api = await startApi(db.url, Number(process.env.BENCH_PORT ?? 3312));
  const pool = new Pool({ connectionString: db.url, max: 4 });
  const dataSource = new DataSource(dataSourceOptions(db.url, { poolSize: 4, applicationName: 'bench-rights' }));
  await dataSource.initialize();
  Logger.overrideLogger(false);
  try {
    const auth = { Authorization: `Bearer ${api.adminToken}`, 'Content-Type': 'application/json' };
    const call = async (method: string, path: string, body?: unknown) => {
      const res = await fetch(`${api.url}${path}`, { method, headers: auth, body: body ? JSON.stringify(body) : undefined });
      return (await res.json()) as Record<string, unknown>;
    };
    const uni = await call('POST', '/organisations', { name: 'Bench University', kind: 'university' });
    const platform = await call('POST', '/platforms', { name: 'Bench Platform', leadInstitutionId: uni.id, establishedOn: '2026-04-01' });
    const platformId = platform.id as string;
    say(`\nRights benchmark: ${MEMBERS} members, ${PROJECTS} projects, ${ASSETS} assets, 2 purposes`);
    say(`machine: ${cpus().length} CPUs (${cpus()[0]?.model ?? '?'}), ${(totalmem() / 2 ** 30).toFixed(1)} GiB RAM`);
    let t0 = process.hrtime.bigint();
    await generate(pool, platformId, uni.id as string);
    const counts = (await pool.query<{ c: number; a: number }>(
      `SELECT (SELECT count(*) FROM contributions WHERE platform_id = $1)::int AS c, (SELECT count(*) FROM ip_assets WHERE platform_id = $1)::int AS a`,
      [platformId],
    )).rows[0];
    say(`generated ${counts.c} contributions and ${counts.a} assets in ${ms(t0).toFixed(0)} ms`);

    const service = new EntitlementsRecomputeService(dataSource);
    /** Median of three timed runs of `run` (after one untimed, for plans and caches), each after `reset`; and the last result. */
    const timed = async <T>(reset: () => Promise<unknown>, run: () => Promise<T>) => {
      const times: number[] = [];
      let last: T | undefined;
      for (let i = 0; i < 4; i++) {
        await reset();
        t0 = process.hrtime.bigint();
        last = await run();
        if (i > 0) times.push(ms(t0));
      }
      return { median: median(times), runs: times.map((r) => r.toFixed(0)).join(', '), last: last as T };
    };
    const nothing = () => Promise.resolve();
    const fullRuns = await timed(nothing, () => service.recompute(platformId));
    const result: RecomputeResult = fullRuns.last;
    // A full rewrite writes every row the result holds (asset facts are no longer stored).
    const rows = result.classRows;
    const wrote = (w: ClassRowWrites) => `wrote ${w.inserted} inserted, ${w.updated} updated, ${w.deleted} deleted`;
    const full = fullRuns.median;
    say(`full recompute: ${result.classRows} class rows computed and compared with the stored ones, ${wrote(result.written)}; median ${full.toFixed(0)} ms (runs ${fullRuns.runs})`);

    // Baseline: ONE INSERT … SELECT writing the same rows the recompute produces — the stored class
    // rows copied into a table LIKE entitlement_member_classes, with its unique key.
    await pool.query(`CREATE TABLE bench_baseline_classes (LIKE entitlement_member_classes INCLUDING ALL)`);
    const base = await timed(
      () => pool.query('TRUNCATE bench_baseline_classes'),
      () => pool.query(`INSERT INTO bench_baseline_classes SELECT * FROM entitlement_member_classes WHERE platform_id = $1`, [platformId]),
    );
    say(`baseline: ONE INSERT … SELECT writing the same ${rows} class rows into a table like entitlement_member_classes: median ${base.median.toFixed(0)} ms (runs ${base.runs})`);
    say(`ratio full recompute / baseline: ${(full / base.median).toFixed(2)}×   (target ≤ 1.5×)`);

    // For reference, the baseline of the earlier figures: as many rows, but narrow ones shaped like the
    // (since dropped) asset rule rows, into a table without any index.
    await pool.query(`CREATE TABLE bench_baseline (
      platform_id uuid NOT NULL, asset_id uuid NOT NULL, origin text NOT NULL, project_id uuid, project_kind text,
      holder_organisation_id uuid, holder_consents_to_research_use boolean, pooled boolean NOT NULL, research_commons boolean NOT NULL,
      technology_field text NOT NULL, owners jsonb NOT NULL, as_of date NOT NULL)`);
    const narrow = await timed(
      () => pool.query('TRUNCATE bench_baseline'),
      () =>
        pool.query(
          `INSERT INTO bench_baseline (platform_id, asset_id, origin, project_id, project_kind, holder_organisation_id,
                                       holder_consents_to_research_use, pooled, research_commons, technology_field, owners, as_of)
           SELECT a.platform_id, a.id, a.origin, a.project_id, NULL, a.holder_organisation_id, NULL, a.pooled, a.research_commons,
                  a.technology_field, '[]'::jsonb, current_date
             FROM generate_series(0, ceil($2::numeric / $3)::int - 1) k, ip_assets a
            WHERE a.platform_id = $1
            LIMIT $2`,
          [platformId, rows, ASSETS],
        ),
    );
    say(`for reference, the earlier baseline — ${rows} narrow rows (the old asset-rule shape) into a table without indexes: median ${narrow.median.toFixed(0)} ms (runs ${narrow.runs}); full recompute / it: ${(full / narrow.median).toFixed(2)}×`);

    // The same recompute into an empty table: every row inserted.
    const cold = await timed(
      async () => {
        await pool.query('DELETE FROM entitlement_member_classes WHERE platform_id = $1', [platformId]);
        await pool.query('VACUUM entitlement_member_classes');
      },
      () => service.recompute(platformId),
    );
    say(`recompute into an empty table (every row written): ${wrote(cold.last.written)}; median ${cold.median.toFixed(0)} ms = ${(cold.median / base.median).toFixed(2)}× the baseline (runs ${cold.runs})`);

    // One member's contribution changes: mark stale as the service would, recompute the platform.
    await pool.query(
      `INSERT INTO contributions (platform_id, project_id, source_kind, organisation_id, fiscal_year, direct_cost_yen, overhead_rate_bp,
                                  standard_overhead_rate_bp, overhead_yen, standard_overhead_yen, ip_fund_yen, invoiced_on,
                                  invoice_entry_id, idempotency_key, request_hash)
       SELECT platform_id, project_id, 'company', organisation_id, 2027, 5000000, 2000, 1000, 0, 0, 0, '2027-06-01', invoice_entry_id, 'bench-one-more', 'h'
         FROM contributions WHERE platform_id = $1 LIMIT 1`,
      [platformId],
    );
    await pool.query(`UPDATE derived_state_requests SET requested_version = requested_version + 1 WHERE platform_id = $1 AND kind = 'entitlements'`, [platformId]);
    t0 = process.hrtime.bigint();
    const changed = await service.recompute(platformId);
    const incremental = ms(t0);
    say(`recompute after one member's contribution changed: ${incremental.toFixed(0)} ms, ${wrote(changed.written)}   (target < 2000 ms)`);

    // Load: rights checks over a spread of members × assets, and /health, same duration each.
    const pairs = Array.from({ length: 997 }, (_, i) => {
      const org = `00000000-0000-4000-a000-${String((i % MEMBERS) + 1).padStart(12, '0')}`;
      const asset = `00000000-0000-4000-9000-${String(((i * 37) % ASSETS) + 1).padStart(12, '0')}`;
      const purpose = i % 2 ? 'research' : 'commercial';
      return `/platforms/${platformId}/rights?organisationId=${org}&assetId=${asset}&purpose=${purpose}&on=2027-01-15`;
    });
    if (process.env.BENCH_EXPLAIN) {
      const svc = new EntitlementsService(dataSource);
      const actor = { tokenId: null, role: 'admin' as const, label: 'bench', organisationId: null };
      const one = { organisationId: '00000000-0000-4000-a000-000000000001', assetId: '00000000-0000-4000-9000-000000000002', purpose: 'commercial' as const, on: '2027-01-15' };
      const times: number[] = [];
      for (let i = 0; i < 200; i++) {
        t0 = process.hrtime.bigint();
        await svc.check(actor, platformId, one);
        times.push(ms(t0));
      }
      times.sort((x, y) => x - y);
      say(`service check (in-process, sequential): p50 ${times[100].toFixed(2)} ms, p99 ${times[198].toFixed(2)} ms`);
      for (let i = 0; i < 3; i++) {
        t0 = process.hrtime.bigint();
        await pool.query(`${ASSET_FACTS_SQL} AND a0.created_on <= $2::date ORDER BY a0.id`, [platformId, '2027-01-15']);
        const sqlMs = ms(t0);
        t0 = process.hrtime.bigint();
        await svc.listForMember(actor, platformId, one.organisationId, { on: '2027-01-15', limit: 50, offset: 0 });
        const pageMs = ms(t0);
        t0 = process.hrtime.bigint();
        await svc.listForMember(actor, platformId, one.organisationId, { on: '2027-01-15', limit: 50, offset: 0, right: 'free' });
        say(`asset facts of every asset: ${sqlMs.toFixed(0)} ms; member listing in-process: a page ${pageMs.toFixed(0)} ms, filtered by right ${ms(t0).toFixed(0)} ms`);
      }
      const plan = await pool.query(`EXPLAIN ANALYZE ${ASSET_FACTS_SQL} AND a0.id = ANY($3::uuid[])`, [platformId, '2027-01-15', [one.assetId]]);
      say(plan.rows.map((r: Record<string, string>) => r['QUERY PLAN']).join('\n'));
    }
    const sample = await fetch(`${api.url}${pairs[0]}`, { headers: auth });
    if (sample.status !== 200) say(`sample check answered ${sample.status}: ${await sample.text()}`);
    let n = 0;
    /** One load run, with the API process's CPU time per request. */
    const run = async (path: string | null, connections = CONNECTIONS) => {
      const cpu0 = api.cpuMs();
      const r = await autocannon({
        url: api.url,
        headers: auth,
        connections,
        duration: DURATION,
        requests: [{ method: 'GET', setupRequest: (req) => ({ ...req, path: path ?? pairs[n++ % pairs.length] }) }],
      });
      return { ...r, apiCpuPerRequest: (api.cpuMs() - cpu0) / r.requests.total };
    };
    await autocannon({ url: `${api.url}/health`, connections: CONNECTIONS, duration: 2 });
    await run(null).then(() => undefined); // warm-up
    const rights = await run(null);
    const health = await run('/health');
    const authed = await run(`/platforms/${platformId}`);
    const line = (label: string, r: autocannon.Result & { apiCpuPerRequest: number }) =>
      `${label.padEnd(28)} ${r.requests.average.toFixed(0).padStart(6)} req/s   p50 ${String(r.latency.p50).padStart(4)} ms   p99 ${String(r.latency.p99).padStart(4)} ms   API CPU ${r.apiCpuPerRequest.toFixed(2)} ms/req   non-2xx ${r.non2xx + r.errors}`;
    say(`load: ${CONNECTIONS} connections, ${DURATION} s each`);
    say(line('GET /health (bare)', health));
    say(line('GET …/rights (check)', rights));
    say(line('GET /platforms/:id (auth only)', authed));
    say(`ratio rights / bare: ${(rights.requests.average / health.requests.average).toFixed(2)}×   (targets: p99 < 10 ms, ≥ 0.6×)`);
    // For reference, the latency at a lighter load (the targets above are judged at CONNECTIONS).
    if (LIGHT_CONNECTIONS > 0) {
      const lightRights = await run(null, LIGHT_CONNECTIONS);
      const lightHealth = await run('/health', LIGHT_CONNECTIONS);
      say(`for reference, ${LIGHT_CONNECTIONS} connections:`);
      say(line('GET /health (bare)', lightHealth));
      say(line('GET …/rights (check)', lightRights));
    }

    // Listings (one request at a time; median of 5): a member's rights over every asset, a deep
    // page, filtered by right, the CPO's matrix and "who may use asset P".
    const org1 = '00000000-0000-4000-a000-000000000001';
    const asset1 = '00000000-0000-4000-9000-000000000002';
    const listings: [string, string][] = [
      ["member's rights, first page of 50", `/platforms/${platformId}/organisations/${org1}/rights?on=2027-01-15&limit=50`],
      ["member's rights, a page deep in", `/platforms/${platformId}/organisations/${org1}/rights?on=2027-01-15&limit=50&offset=30000`],
      ["member's rights, filtered by right", `/platforms/${platformId}/organisations/${org1}/rights?on=2027-01-15&limit=50&right=free`],
      ['matrix, first page of 50', `/platforms/${platformId}/rights/matrix?on=2027-01-15&limit=50`],
      ['who may use asset P (300 members)', `/platforms/${platformId}/ip-assets/${asset1}/rights?on=2027-01-15&limit=50`],
    ];
    say('listings, one request at a time (median of 5):');
    for (const [label, path] of listings) {
      const times: number[] = [];
      let total = 0;
      for (let i = 0; i < 6; i++) {
        t0 = process.hrtime.bigint();
        const res = await fetch(`${api.url}${path}`, { headers: auth });
        const body = (await res.json()) as { total?: number };
        if (res.status !== 200) throw new Error(`${path} answered ${res.status}: ${JSON.stringify(body)}`);
        if (i > 0) times.push(ms(t0));
        total = body.total ?? 0;
      }
      say(`${label.padEnd(36)} ${median(times).toFixed(0).padStart(6)} ms   (${total} in all)`);
    }
  } finally {
    await dataSource.destroy();
    await pool.end();
    await api.stop();
    await db.close();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
