/**
 * npm run bench:forecast — the platform fee forecast over 20 fiscal years for 50,000 filings,
 * timed in-process through PatentForecastService (the code GET /platforms/:id/forecasts/fees
 * runs, JSON serialisation aside), against a baseline measured in the same run: one SQL pass
 * over the same filings and owners that sums a simple per-year amount with generate_series.
 *
 * BENCH_FILINGS (default 50000), BENCH_RUNS (default 3; the median is reported),
 * DATABASE_URL (default: embedded PostgreSQL on BENCH_PG_PORT, default 54351).
 */
import { performance } from 'node:perf_hooks';
import { DataSource } from 'typeorm';
import { PatentForecastService } from '@app/patents';
import { dataSourceOptions } from '@app/schema';
import { benchDatabase, median } from './bench-support';

const FILINGS = Number(process.env.BENCH_FILINGS ?? 50_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const YEARS = 20;
const AS_OF = '2026-04-01';
const RATES = [
  { currency: 'USD' as const, rateDate: '2026-01-01', yenPerUnit: '150.25' },
  { currency: 'EUR' as const, rateDate: '2026-01-01', yenPerUnit: '162.5' },
];


async function timed<T>(runs: number, task: () => Promise<T>): Promise<{ ms: number; result: T }> {
  await task(); // warm-up: JIT, plan cache, buffer cache
  const times: number[] = [];
  let result!: T;
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    result = await task();
    times.push(performance.now() - t0);
  }
  return { ms: median(times), result };
}

/** Two filings per asset: a granted JP patent, and a granted US patent or a pending EP application. */
async function seed(ds: DataSource): Promise<string> {
  const t0 = performance.now();
  const assets = Math.ceil(FILINGS / 2);
  return ds.transaction(async (em) => {
    const [uni] = await em.query<{ id: string }[]>(
      `INSERT INTO organisations (name, kind) VALUES ('Bench University', 'university') RETURNING id`,
    );
    const [large] = await em.query<{ id: string }[]>(
      `INSERT INTO organisations (name, kind, company_size) VALUES ('Bench Large K.K.', 'company', 'large') RETURNING id`,
    );
    const [sme] = await em.query<{ id: string }[]>(
      `INSERT INTO organisations (name, kind, company_size) VALUES ('Bench SME', 'company', 'sme') RETURNING id`,
    );
    const [platform] = await em.query<{ id: string }[]>(
      `INSERT INTO platforms (name, lead_institution_id, established_on) VALUES ('Bench Platform', $1, '2016-04-01') RETURNING id`,
      [uni.id],
    );
    const pid = platform.id;
    await em.query(
      `INSERT INTO ip_assets (platform_id, title, technology_field, origin, holder_organisation_id, pooled, created_on)
       SELECT $1, 'bench asset ' || g, 'H01M', 'background', $2, g % 4 <> 0, DATE '2016-04-01' + (g % 1500)
         FROM generate_series(1, $3) g`,
      [pid, uni.id, assets],
    );
    await em.query(
      `INSERT INTO ip_ownership_versions (asset_id, version, effective_from, reason)
       SELECT id, 1, created_on, 'bench' FROM ip_assets WHERE platform_id = $1`,
      [pid],
    );
    // A third of the assets sole-owned by the university; the rest co-owned 50:50 with a company.
    await em.query(
      `INSERT INTO ip_ownership_shares (version_id, organisation_id, position, share_bp)
       SELECT v.id, $1::uuid, 0, CASE WHEN n % 3 = 0 THEN 10000 ELSE 5000 END
         FROM (SELECT v.id, row_number() OVER (ORDER BY v.id) AS n FROM ip_ownership_versions v) v
       UNION ALL
       SELECT v.id, CASE WHEN n % 2 = 0 THEN $2::uuid ELSE $3::uuid END, 1, 5000
         FROM (SELECT v.id, row_number() OVER (ORDER BY v.id) AS n FROM ip_ownership_versions v) v WHERE n % 3 <> 0`,
      [uni.id, large.id, sme.id],
    );
    await em.query(
      `INSERT INTO ip_filings (platform_id, asset_id, jurisdiction, application_date, grant_date, claims_count, status, status_effective_on)
       SELECT $1, a.id, 'JP', DATE '2010-01-01' + (a.n * 7 % 5000), DATE '2010-01-01' + (a.n * 7 % 5000) + 900 + (a.n % 700),
              1 + a.n % 20, 'granted', DATE '2010-01-01' + (a.n * 7 % 5000) + 900 + (a.n % 700)
         FROM (SELECT id, (row_number() OVER (ORDER BY id))::int AS n FROM ip_assets WHERE platform_id = $1) a`,
      [pid],
    );
    await em.query(
      `INSERT INTO ip_filings (platform_id, asset_id, jurisdiction, application_date, grant_date, entity_status, status, status_effective_on)
       SELECT $1, a.id, CASE WHEN a.n % 2 = 0 THEN 'US' ELSE 'EP' END, DATE '2012-01-01' + (a.n * 11 % 4500),
              CASE WHEN a.n % 2 = 0 THEN DATE '2012-01-01' + (a.n * 11 % 4500) + 1000 + (a.n % 400) END,
              CASE WHEN a.n % 2 = 0 THEN (ARRAY['standard','small','micro'])[1 + a.n % 3] END,
              CASE WHEN a.n % 2 = 0 THEN 'granted' ELSE 'examination_requested' END,
              DATE '2012-01-01' + (a.n * 11 % 4500) + 1000
         FROM (SELECT id, (row_number() OVER (ORDER BY id))::int AS n FROM ip_assets WHERE platform_id = $1) a
        LIMIT $2`,
      [pid, FILINGS - assets],
    );
    await em.query('ANALYZE');
    console.log(
      `seeded ${assets} assets, ${FILINGS} filings in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
    );
    return pid;
  });
}

async function main() {
  // Its own embedded server port, so that it can run while bench:ledger does.
  process.env.BENCH_PG_PORT ??= '54351';
  const db = await benchDatabase();
  const ds = new DataSource(
    dataSourceOptions(db.url, { poolSize: 4, applicationName: 'bench-forecast' }),
  );
  try {
    await ds.initialize();
    await ds.runMigrations();
    const platformId = await seed(ds);
    const service = new PatentForecastService(ds);
    console.log('timing the baseline…');

    // Baseline: read every active filing with its owners in force and add a flat per-year amount
    // over 20 fiscal years in SQL — the same rows and join, none of the fee rules.
    const baseline = await timed(RUNS, () =>
      ds.query(
        `WITH owners AS (
           SELECT v.asset_id, sum(s.share_bp) AS bp, count(*) AS n
             FROM (SELECT DISTINCT ON (v.asset_id) v.id, v.asset_id FROM ip_ownership_versions v JOIN ip_assets a ON a.id = v.asset_id
                    WHERE a.platform_id = $1 AND v.effective_from <= $2 ORDER BY v.asset_id, v.effective_from DESC) v
             JOIN ip_ownership_shares s ON s.version_id = v.id
            GROUP BY v.asset_id)
         SELECT fy, sum((f.claims_count_or_1 * 100 + o.bp / o.n) * (1 + (fy - 2026) / 3))::text AS amount, count(*)::int AS payments
           FROM (SELECT f.asset_id, coalesce(f.claims_count, 1) AS claims_count_or_1, f.application_date
                   FROM ip_filings f WHERE f.platform_id = $1 AND f.status IN ('filed','examination_requested','granted')) f
           JOIN owners o ON o.asset_id = f.asset_id
           CROSS JOIN generate_series(2026, 2026 + $3 - 1) fy
          WHERE f.application_date + make_interval(years => 20) > make_date(fy, 4, 1)
          GROUP BY fy ORDER BY fy`,
        [platformId, AS_OF, YEARS],
      ),
    );
    console.log('timing the forecast service…');
    const forecast = await timed(RUNS, () =>
      service.platformForecast(platformId, {
        fromFiscalYear: 2026,
        asOf: AS_OF,
        years: YEARS,
        rates: RATES,
      }),
    );
    const f = forecast.result;
    const sumFilings = f.filings.reduce((s, x) => s + x.total.yen, 0n);
    if (sumFilings !== f.total.yen)
      throw new Error(`totals do not reconcile: ${sumFilings} vs ${f.total.yen}`);

    // Where the time goes: loading alone (filings, and assets with their owners, read at once).
    const loading = await timed(RUNS, () => service.loadFilings(ds.manager, platformId, AS_OF));

    const ratio = forecast.ms / baseline.ms;
    console.log(
      `filings forecast: ${f.filings.length}, not forecast: ${f.notForecast.length}, payments: ${f.total.paymentCount}, total ¥${f.total.yen}`,
    );
    console.log(
      `baseline (one SQL pass, generate_series): ${baseline.ms.toFixed(0)} ms (median of ${RUNS})`,
    );
    console.log(
      `forecast service, ${YEARS} fiscal years:      ${forecast.ms.toFixed(0)} ms (median of ${RUNS})`,
    );
    console.log(
      `  of which loading filings, assets and owners (2 queries at once): ${loading.ms.toFixed(0)} ms`,
    );
    console.log(
      `ratio forecast / baseline: ${ratio.toFixed(2)}  (target: < 2000 ms and ratio <= 2)`,
    );
    if (forecast.ms >= 2000 || ratio > 2) process.exitCode = 1;
  } finally {
    await ds.destroy().catch(() => undefined);
    await db.close().catch((err: unknown) => console.error('closing the benchmark database:', err));
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
