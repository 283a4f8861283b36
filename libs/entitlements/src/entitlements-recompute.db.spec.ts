import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { Logger } from '@nestjs/common';
import { fiscalYearOf, todayInJapan } from '@app/kernel';
import { MemberClassRules } from '@app/platform/policy-terms';
import { ContributionFact, MemberClassRow, PolicyVersionTerms, classSegments, computeMemberClasses, toMemberClassRows } from './domain';
import { EntitlementsRecomputeService } from './entitlements-recompute.service';

/**
 * The recompute against real PostgreSQL: it writes only the difference, and what it stores
 * equals both a recompute from scratch and the pure calculator (computeMemberClasses).
 *
 * Needs a PostgreSQL: the e2e template when jest runs both projects (`npm test`), else
 * DATABASE_URL naming a test database (`DATABASE_URL=postgres://…/test npx jest libs/entitlements`);
 * without either the suite is skipped.
 */

interface Server {
  adminUrl: string;
  /** Creates a migrated database and returns its URL. */
  create(name: string): Promise<string>;
}

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

async function admin<T>(url: string, run: (c: Client) => Promise<T>): Promise<T> {
  const c = new Client({ connectionString: url });
  await c.connect();
  try {
    return await run(c);
  } finally {
    await c.end();
  }
}

/** The e2e template if jest's global setup made one; else DATABASE_URL's server, migrated here. */
function server(): Server | null {
  const template = process.env.IPL_TEST_TEMPLATE;
  const templateAdmin = process.env.IPL_TEST_ADMIN_URL;
  if (template && templateAdmin) {
    return {
      adminUrl: templateAdmin,
      create: async (name) => {
        await admin(templateAdmin, (c) => c.query(`CREATE DATABASE ${name} TEMPLATE ${template}`));
        return withDatabase(templateAdmin, name);
      },
    };
  }
  const url = process.env.DATABASE_URL;
  if (!url || !/test/i.test(new URL(url).pathname)) return null;
  return {
    adminUrl: url,
    create: async (name) => {
      await admin(url, (c) => c.query(`CREATE DATABASE ${name}`));
      const dbUrl = withDatabase(url, name);
      // The migration files themselves (libs/schema's list would make this lib depend on all others).
      const ds = new DataSource({
        type: 'postgres',
        url: dbUrl,
        migrations: [join(__dirname, '../../database/src/migrations/*.ts')],
        migrationsTransactionMode: 'all',
      });
      await ds.initialize();
      await ds.runMigrations({ transaction: 'all' });
      await ds.destroy();
      return dbUrl;
    },
  };
}

const SHARE_RULES: MemberClassRules = {
  basis: 'project',
  window: 'cumulative',
  thresholdKind: 'share_bp',
  classes: [
    { code: 'S', minimum: '3000', benefit: 'free' },
    { code: 'A', minimum: '1000', benefit: 'discount', discountBp: 5000 },
    { code: 'B', minimum: '0', benefit: 'standard' },
  ],
};
/** Platform-wide, per fiscal year, thresholds in yen, fewer classes than v1. */
const YEN_RULES: MemberClassRules = {
  basis: 'platform',
  window: 'fiscal_year',
  thresholdKind: 'amount_yen',
  classes: [
    { code: 'GOLD', minimum: '5000000', benefit: 'discount', discountBp: 3000 },
    { code: 'MEMBER', minimum: '1', benefit: 'standard' },
  ],
};

const uuid = (prefix: string, n: number) => `00000000-0000-4000-${prefix}-${String(n).padStart(12, '0')}`;
const COMPANIES = Array.from({ length: 6 }, (_, i) => uuid('a000', i + 1));
const PROJECTS = Array.from({ length: 3 }, (_, i) => uuid('b000', i + 1));
const UNIVERSITY = uuid('a000', 99);
const PLATFORM = uuid('c000', 1);

type StoredRow = Omit<MemberClassRow, 'platformId' | 'contributedYen' | 'totalYen' | 'contributions'> & {
  contributedYen: string;
  totalYen: string;
  contributions: string[];
};

const run = server() ? describe : describe.skip;

run('EntitlementsRecomputeService against PostgreSQL: writes only the difference', () => {
  let db: { url: string; name: string; adminUrl: string };
  let ds: DataSource;
  let service: EntitlementsRecomputeService;
  let contributionNo = 0;

  const sql = <T = unknown>(text: string, params: unknown[] = []) => ds.query<T>(text, params);

  /** Seeds with triggers and FK checks off for the session, as the bench does: the data is consistent by construction. */
  const seed = async (statements: [string, unknown[]][]) => {
    await ds.transaction(async (em) => {
      await em.query('SET LOCAL session_replication_role = replica');
      for (const [text, params] of statements) await em.query(text, params);
    });
  };
  const contribution = (org: string, project: string, fiscalYear: number, yen: number): [string, unknown[]] => {
    const n = ++contributionNo;
    return [
      `INSERT INTO contributions (id, platform_id, project_id, source_kind, organisation_id, fiscal_year, direct_cost_yen, overhead_rate_bp,
                                  standard_overhead_rate_bp, overhead_yen, standard_overhead_yen, ip_fund_yen, invoiced_on, invoice_entry_id,
                                  idempotency_key, request_hash)
       VALUES ($1, $2, $3, 'company', $4, $5, $6, 2000, 1000, 0, 0, 0, make_date($5, 6, 1), $7, $8, 'h')`,
      [uuid('d000', n), PLATFORM, project, org, fiscalYear, yen, uuid('e000', 1), `test-${n}`],
    ];
  };
  const policy = (version: number, effectiveFrom: string, rules: MemberClassRules): [string, unknown[]] => [
    `INSERT INTO policy_versions (id, platform_id, version, effective_from, overhead_rate_bp, standard_overhead_rate_bp, member_class_rules, cost_bearing_rules)
     VALUES ($1, $2, $3, $4, 2000, 1000, $5, '{}')`,
    [uuid('f000', version), PLATFORM, version, effectiveFrom, JSON.stringify(rules)],
  ];
  const reverse = (n: number): [string, unknown[]] => [
    `INSERT INTO contribution_reversals (contribution_id, reversed_on, reason, idempotency_key) VALUES ($1, '2027-01-10', 'test', $2)`,
    [uuid('d000', n), `reverse-${n}`],
  ];
  const markStale = () =>
    sql(
      `INSERT INTO derived_state_requests (platform_id, kind, requested_version) VALUES ($1, 'entitlements', 1)
       ON CONFLICT (platform_id, kind) DO UPDATE SET requested_version = derived_state_requests.requested_version + 1`,
      [PLATFORM],
    );
  const status = async () =>
    (
      await sql<{ requested: number; computed: number; computedAt: Date }[]>(
        `SELECT r.requested_version::int AS requested, s.computed_version::int AS computed, s.computed_at AS "computedAt"
           FROM derived_state_requests r JOIN derived_state_results s USING (platform_id, kind)
          WHERE r.platform_id = $1 AND r.kind = 'entitlements'`,
        [PLATFORM],
      )
    )[0];

  /** Every stored row, contribution ids sorted (the array is a set), with its tuple's xmin. */
  const stored = async () =>
    sql<(StoredRow & { xmin: string })[]>(
      `SELECT xmin::text AS xmin, organisation_id AS "organisationId", project_id AS "projectId", fiscal_year AS "fiscalYear",
              policy_version_id AS "policyVersionId", policy_version AS "policyVersion", policy_effective_from::text AS "policyEffectiveFrom",
              window_kind AS "windowKind", from_fiscal_year AS "fromFiscalYear", class_code AS "classCode", benefit, discount_bp AS "discountBp",
              contributed_yen::text AS "contributedYen", total_yen::text AS "totalYen", share_bp AS "shareBp",
              ARRAY(SELECT x::text FROM unnest(contributions) x ORDER BY 1) AS contributions
         FROM entitlement_member_classes WHERE platform_id = $1
        ORDER BY organisation_id, fiscal_year, policy_version_id, project_id NULLS FIRST`,
      [PLATFORM],
    );
  const withoutXmin = (rows: (StoredRow & { xmin: string })[]): StoredRow[] => rows.map(({ xmin: _, ...r }) => r);

  /** What the pure calculator says every class segment holds (rows only where the member counted contributions). */
  const expected = async (): Promise<StoredRow[]> => {
    const contributions = await sql<(Omit<ContributionFact, 'directCostYen'> & { directCostYen: string })[]>(
      `SELECT c.id, c.organisation_id AS "organisationId", c.project_id AS "projectId", c.fiscal_year AS "fiscalYear",
              c.direct_cost_yen::text AS "directCostYen", r.contribution_id IS NOT NULL AS reversed
         FROM contributions c LEFT JOIN contribution_reversals r ON r.contribution_id = c.id WHERE c.platform_id = $1`,
      [PLATFORM],
    );
    const versions = await sql<PolicyVersionTerms[]>(
      `SELECT id, version, effective_from::text AS "effectiveFrom", member_class_rules AS "memberClassRules" FROM policy_versions WHERE platform_id = $1`,
      [PLATFORM],
    );
    const facts: ContributionFact[] = contributions.map((c) => ({ ...c, directCostYen: BigInt(c.directCostYen) }));
    const years = facts.map((c) => c.fiscalYear);
    const to = Math.max(...years, fiscalYearOf(todayInJapan(), 4), ...versions.map((v) => fiscalYearOf(v.effectiveFrom, 4))) + 2;
    const rows = classSegments(versions, Math.min(...years), to, 4).flatMap((segment) =>
      COMPANIES.flatMap((organisationId) =>
        toMemberClassRows(
          PLATFORM,
          computeMemberClasses({ organisationId, contributions: facts, policyVersions: versions, asOf: segment.from, fiscalYearStartMonth: 4 }),
        ),
      ),
    );
    return rows
      .filter((r) => r.contributions.length > 0)
      .map(({ platformId: _, contributedYen, totalYen, contributions: refs, ...r }) => ({
        ...r,
        contributedYen: String(contributedYen),
        totalYen: String(totalYen),
        contributions: refs.map((c) => c.id).sort(),
      }))
      .sort(
        (a, b) =>
          a.organisationId.localeCompare(b.organisationId) ||
          a.fiscalYear - b.fiscalYear ||
          a.policyVersionId.localeCompare(b.policyVersionId) ||
          (a.projectId ?? '').localeCompare(b.projectId ?? ''),
      );
  };

  /** Deletes the stored rows and recomputes: what a recompute from scratch stores. */
  const fromScratch = async () => {
    await sql('DELETE FROM entitlement_member_classes WHERE platform_id = $1', [PLATFORM]);
    return service.recompute(PLATFORM);
  };

  beforeAll(async () => {
    Logger.overrideLogger(false);
    const s = server();
    if (!s) throw new Error('no PostgreSQL for this suite');
    const name = `ipl_test_recompute_${randomBytes(5).toString('hex')}`;
    db = { name, adminUrl: s.adminUrl, url: await s.create(name) };
    ds = await new DataSource({ type: 'postgres', url: db.url, extra: { max: 2 } }).initialize();
    service = new EntitlementsRecomputeService(ds);
    await seed([
      [
        `INSERT INTO organisations (id, name, kind, company_size)
         SELECT id, 'Company ' || n, 'company', 'large' FROM unnest($1::uuid[]) WITH ORDINALITY AS o(id, n)`,
        [COMPANIES],
      ],
      [`INSERT INTO organisations (id, name, kind) VALUES ($1, 'University', 'university')`, [UNIVERSITY]],
      [`INSERT INTO platforms (id, name, lead_institution_id, established_on) VALUES ($1, 'Recompute test', $2, '2025-04-01')`, [PLATFORM, UNIVERSITY]],
      [
        `INSERT INTO research_projects (id, platform_id, code, title, kind, starts_on, ends_on, technology_field)
         SELECT id, $2, 'P-' || n, 'project ' || n, 'cooperative', '2025-04-01', '2028-03-31', 'H01M' FROM unnest($1::uuid[]) WITH ORDINALITY AS p(id, n)`,
        [PROJECTS, PLATFORM],
      ],
      policy(1, '2025-04-01', SHARE_RULES),
      // Three companies per project over FY2025–FY2026, amounts chosen to land on S, A and B.
      ...PROJECTS.flatMap((project, p) =>
        [0, 1, 2].flatMap((k) => [
          contribution(COMPANIES[(p + k) % COMPANIES.length], project, 2025, 1_000_000 * (k + 1) * (p + 1)),
          contribution(COMPANIES[(p + k) % COMPANIES.length], project, 2026, 500_000 * (3 - k)),
        ]),
      ),
    ]);
    await markStale();
  }, 120_000);

  afterAll(async () => {
    await ds?.destroy();
    if (db) await admin(db.adminUrl, (c) => c.query(`DROP DATABASE IF EXISTS ${db.name} WITH (FORCE)`));
  });

  it('counts zero class rows (not none) for a platform without contributions', async () => {
    const empty = '00000000-0000-4000-8000-0000000000ee';
    await sql(`INSERT INTO platforms (id, name, lead_institution_id, established_on) VALUES ($1, 'No contributions', $2, '2025-04-01')`, [empty, UNIVERSITY]);
    expect(await service.recompute(empty)).toMatchObject({ classRows: 0, written: { inserted: 0, updated: 0, deleted: 0 } });
  });

  it('stores what the pure calculator computes for every class segment', async () => {
    const first = await service.recompute(PLATFORM);
    const rows = withoutXmin(await stored());
    expect(rows.length).toBeGreaterThan(0);
    expect(first).toMatchObject({ classRows: rows.length, written: { inserted: rows.length, updated: 0, deleted: 0 } });
    expect(rows).toEqual(await expected());
  });

  it('with nothing changed writes no row, yet records the version and a later computedAt', async () => {
    const before = await stored();
    const { computedAt } = await status();
    await markStale();
    expect((await status()).requested).toBeGreaterThan((await status()).computed);

    const again = await service.recompute(PLATFORM);

    expect(again.written).toEqual({ inserted: 0, updated: 0, deleted: 0 });
    expect(again.classRows).toBe(before.length);
    expect(await stored()).toEqual(before); // same tuples: not even rewritten with equal values
    const after = await status();
    expect(after.computed).toBe(after.requested);
    expect(after.computedAt.getTime()).toBeGreaterThan(computedAt.getTime());
  });

  it('after one contribution: stale until recomputed, then only that project’s rows from its fiscal year on are written', async () => {
    const before = await stored();
    await seed([contribution(COMPANIES[5], PROJECTS[0], 2026, 4_000_000)]);
    await markStale();
    const { requested, computed } = await status();
    expect(requested).toBeGreaterThan(computed);

    const result = await service.recompute(PLATFORM);

    const after = await stored();
    const touched = after.filter((r) => !before.some((b) => b.xmin === r.xmin && b.organisationId === r.organisationId && b.projectId === r.projectId && b.fiscalYear === r.fiscalYear));
    expect(touched.length).toBe(result.written.inserted + result.written.updated);
    expect(result.written.inserted).toBeGreaterThan(0); // the newcomer's rows
    expect(result.written.deleted).toBe(0);
    // Past fiscal years and other projects keep their tuples: as-of answers for them are untouched.
    expect(touched.every((r) => r.projectId === PROJECTS[0] && r.fiscalYear >= 2026)).toBe(true);
    expect(withoutXmin(after)).toEqual(await expected());
    expect((await status()).computed).toBe(requested);
  });

  it('after reversals, a policy change (platform-wide, per fiscal year, yen thresholds) and a later fiscal year: equals a recompute from scratch', async () => {
    await seed([reverse(1), reverse(4), policy(2, '2027-04-01', YEN_RULES), contribution(COMPANIES[1], PROJECTS[2], 2027, 6_000_000)]);
    await seed([contribution(COMPANIES[3], PROJECTS[1], 2027, 200_000)]);
    await markStale();

    const incremental = await service.recompute(PLATFORM);
    const rows = withoutXmin(await stored());
    expect(incremental.written.inserted + incremental.written.updated + incremental.written.deleted).toBeGreaterThan(0);
    expect(rows.some((r) => r.projectId === null && r.classCode === 'GOLD')).toBe(true);

    const scratch = await fromScratch();
    expect(scratch.written).toEqual({ inserted: rows.length, updated: 0, deleted: 0 });
    expect(withoutXmin(await stored())).toEqual(rows);
    expect(rows).toEqual(await expected());
  });

  it('updates rows whose totals stay the same: a contribution replaced by an equal one, money moved between members', async () => {
    // Project 2 in FY2025: companies 1, 2, 3 (contributions 7, 9, 11). Replace 7 by an equal
    // one (only the ids change) and move ¥1M from 3 to 2 (contributed changes, totals do not).
    const [replaced, lessFrom, moreTo] = [7, 11, 9];
    const amounts = await sql<{ n: number; yen: string; org: string }[]>(
      `SELECT right(id::text, 12)::int AS n, direct_cost_yen::text AS yen, organisation_id AS org FROM contributions WHERE id = ANY($1)`,
      [[replaced, lessFrom, moreTo].map((n) => uuid('d000', n))],
    );
    const of = (n: number) => {
      const found = amounts.find((a) => a.n === n);
      if (!found) throw new Error(`contribution ${n} is not seeded`);
      return found;
    };
    await seed([
      reverse(replaced),
      contribution(of(replaced).org, PROJECTS[1], 2025, Number(of(replaced).yen)),
      reverse(lessFrom),
      contribution(of(lessFrom).org, PROJECTS[1], 2025, Number(of(lessFrom).yen) - 1_000_000),
      reverse(moreTo),
      contribution(of(moreTo).org, PROJECTS[1], 2025, Number(of(moreTo).yen) + 1_000_000),
    ]);
    const before = withoutXmin(await stored());

    const result = await service.recompute(PLATFORM);

    const after = withoutXmin(await stored());
    const changed = after.filter((r) => !before.some((b) => JSON.stringify(b) === JSON.stringify(r)));
    expect(result.written).toEqual({ inserted: 0, updated: changed.length, deleted: 0 });
    expect(changed.some((r) => r.organisationId === of(replaced).org && r.fiscalYear === 2025)).toBe(true);
    expect(after.filter((r) => r.projectId === PROJECTS[1] && r.fiscalYear === 2025).map((r) => r.totalYen)).toEqual(
      before.filter((r) => r.projectId === PROJECTS[1] && r.fiscalYear === 2025).map((r) => r.totalYen),
    );
    expect(after).toEqual(await expected());
  });

  it('drops the rows of a window whose only contributions were reversed', async () => {
    const gone = uuid('d000', ++contributionNo + 1000);
    await seed([
      [
        `INSERT INTO contributions (id, platform_id, project_id, source_kind, organisation_id, fiscal_year, direct_cost_yen, overhead_rate_bp,
                                    standard_overhead_rate_bp, overhead_yen, standard_overhead_yen, ip_fund_yen, invoiced_on, invoice_entry_id,
                                    idempotency_key, request_hash)
         VALUES ($1, $2, $3, 'company', $4, 2027, 700000, 2000, 1000, 0, 0, 0, '2027-06-01', $5, 'test-gone', 'h')`,
        [gone, PLATFORM, PROJECTS[0], COMPANIES[4], uuid('e000', 1)],
      ],
    ]);
    await service.recompute(PLATFORM);
    const withIt = await stored();
    await seed([[`INSERT INTO contribution_reversals (contribution_id, reversed_on, reason, idempotency_key) VALUES ($1, '2027-07-01', 'test', 'reverse-gone')`, [gone]]]);

    const result = await service.recompute(PLATFORM);

    expect(result.written.deleted).toBeGreaterThan(0);
    expect(result.classRows).toBe(withIt.length - result.written.deleted + result.written.inserted);
    expect(withoutXmin(await stored())).toEqual(await expected());
  });
});
