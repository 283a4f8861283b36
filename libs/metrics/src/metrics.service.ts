import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Actor } from '@app/access';
import { AuditService } from '@app/access';
import { DomainError, LocalDate, Yen, allocate, fiscalYearRange } from '@app/kernel';
import { PatentForecastService } from '@app/patents';
import {
  DEFAULT_HOME_RUN_THRESHOLD_YEN,
  Kpi,
  KpiProgress,
  LARGE_JOINT_RESEARCH_YEN,
  Metrics,
  computeMetrics,
  kpiProgress,
  topIpcClasses,
} from './domain/metrics.calculator';

/**
 * Licence agreements and commercialisation events come from libs/licensing (migration
 * 1764700000000: `licences` with asset_ids and term_start, `licence_commercialisations` with
 * launched_on). Set this to false to report 0 with a note if those tables change shape.
 */
export const LICENSING_CONNECTED = true;

export const NOTE_LICENSING_NOT_CONNECTED =
  'licences, cumulative licences, commercialisations and licensed patents are 0: the licensing tables are not connected to the metrics';
export const NOTE_LICENSING =
  'licences = licence agreements whose term starts in the fiscal year (cumulative: up to its end); commercialisations = products launched under a licence in the year';
export const NOTE_INCOME_SOURCE =
  "licence income = fees and royalties credited to the ledger account 'licence_income' in the fiscal year, less reversals (its sharing out to owners and the IP fund is not a reduction). AUTM: patent-cost reimbursement and research funding are posted elsewhere and never counted. Per asset: a licence's income is split evenly over its assets (allocate); institution scope: income of the assets it owns";
export const NOTE_INSTITUTION_PERSONNEL =
  "the IP office's personnel cost is recorded per platform, not per institution: profitability is not computed for one institution";
export const NOTE_INSTITUTION_SCOPE =
  'institution scope: filings, patent costs and licence income of the assets the institution owns (whole amounts, not its share), projects it takes part in';

export interface MetricsQuery {
  fiscalYear: number;
  institutionId?: string;
  homeRunThresholdYen?: Yen;
}

export interface MetricsReport extends Metrics {
  platformId: string;
  fiscalYear: number;
  startsOn: LocalDate;
  endsOn: LocalDate;
  institutionId: string | null;
  ipFund: {
    balanceAtYearEndYen: Yen;
    runsOutInFiscalYear: number | null;
    runwayAvailable: boolean;
  };
  notes: string[];
}

export interface KpiTargetView extends KpiProgress {
  id: string;
  platformId: string;
  kpi: Kpi;
  baseFiscalYear: number;
  targetFiscalYear: number;
  /** The fiscal year the actual is measured in (the target year unless asked otherwise). */
  measuredFiscalYear: number;
  targetValue: string;
  baseValue: bigint;
  actualValue: bigint;
  note: string | null;
  createdAt: Date;
}

export interface FactBook {
  platformId: string;
  institutionId: string;
  institutionName: string;
  fiscalYear: number;
  jointResearch: {
    all: { count: number; amountYen: Yen };
    companies: { count: number; amountYen: Yen };
    largeCompanies: { count: number; amountYen: Yen };
    smes: { count: number; amountYen: Yen };
    largeProjectsCount: number;
  };
  patents: { filed: number; held: number; licensed: number };
  licenceIncomeYen: Yen;
  topTechnologyFields: { ipcClass: string; count: number }[];
  notes: string[];
}

/** Assets an organisation owns or owned in any ownership version ($n = its id, or null for all). */
const OWNED = (assetAlias: string, param: string) =>
  `(${param}::uuid IS NULL OR EXISTS (SELECT 1 FROM ip_ownership_versions v JOIN ip_ownership_shares s ON s.version_id = v.id
      WHERE v.asset_id = ${assetAlias}.id AND s.organisation_id = ${param}::uuid))`;

/** Contributions not reversed. */
const LIVE_CONTRIBUTION = `NOT EXISTS (SELECT 1 FROM contribution_reversals x WHERE x.contribution_id = c.id)`;

@Injectable()
export class MetricsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly forecasts: PatentForecastService,
    private readonly audit: AuditService,
  ) {}

  private async startMonth(em: EntityManager, platformId: string): Promise<number> {
    const rows: { m: number }[] = await em.query(
      `SELECT fiscal_year_start_month AS m FROM platforms WHERE id = $1`,
      [platformId],
    );
    if (rows.length === 0)
      throw DomainError.notFound('PLATFORM.NOT_FOUND', `platform ${platformId} not found`);
    return Number(rows[0].m);
  }

  private async requireOrganisation(
    em: EntityManager,
    id: string,
    field: string,
  ): Promise<{ name: string; country: string }> {
    const rows: { name: string; country: string }[] = await em.query(
      `SELECT name, country FROM organisations WHERE id = $1`,
      [id],
    );
    if (rows.length === 0)
      throw DomainError.notFound('ORGANISATION.NOT_FOUND', `organisation ${id} not found`, {
        field,
      });
    return rows[0];
  }

  /** Licence income per asset for the year, and the total (see NOTE_INCOME_SOURCE). */
  private async licenceIncome(
    em: EntityManager,
    platformId: string,
    fiscalYear: number,
    institutionId: string | null,
  ) {
    // Credits are fees and royalties invoiced; debits other than reversals are the income being shared out.
    const rows: {
      source_type: string | null;
      source_id: string | null;
      asset_ids: string[] | null;
      income: string;
    }[] = await em.query(
      `SELECT e.source_type, e.source_id, lic.asset_ids::text[] AS asset_ids,
              (-sum(l.amount) FILTER (WHERE l.amount < 0 OR e.reverses_entry_id IS NOT NULL))::text AS income
         FROM journal_lines l
         JOIN journal_entries e ON e.id = l.entry_id
         JOIN ledger_accounts acc ON acc.id = l.account_id
         ${LICENSING_CONNECTED ? `LEFT JOIN licences lic ON e.source_type = 'licence' AND lic.id = e.source_id` : 'LEFT JOIN (SELECT NULL::uuid AS id, NULL::uuid[] AS asset_ids) lic ON false'}
        WHERE acc.platform_id = $1 AND acc.code = 'licence_income' AND e.fiscal_year = $2
        GROUP BY e.source_type, e.source_id, lic.asset_ids
       HAVING sum(l.amount) FILTER (WHERE l.amount < 0 OR e.reverses_entry_id IS NOT NULL) IS NOT NULL`,
      [platformId, fiscalYear],
    );
    const byAsset = new Map<string, Yen>();
    const add = (assetId: string, yen: Yen) =>
      byAsset.set(assetId, (byAsset.get(assetId) ?? 0n) + yen);
    for (const r of rows) {
      const yen = BigInt(r.income);
      if (r.source_type === 'ip_asset' && r.source_id) add(r.source_id, yen);
      else if (r.asset_ids?.length)
        allocate(
          yen,
          r.asset_ids.map(() => 1n),
        ).forEach((part, i) => add((r.asset_ids as string[])[i], part));
    }
    let perAsset = [...byAsset.entries()].map(([assetId, incomeYen]) => ({ assetId, incomeYen }));
    let total = rows.reduce((sum, r) => sum + BigInt(r.income), 0n);
    if (institutionId) {
      const owned: { id: string }[] = perAsset.length
        ? await em.query(
            `SELECT a.id FROM ip_assets a WHERE a.id = ANY($1::uuid[]) AND ${OWNED('a', '$2')}`,
            [perAsset.map((a) => a.assetId), institutionId],
          )
        : [];
      const ids = new Set(owned.map((o) => o.id));
      perAsset = perAsset.filter((a) => ids.has(a.assetId));
      total = perAsset.reduce((sum, a) => sum + a.incomeYen, 0n);
    }
    return { perAsset: perAsset.filter((a) => a.incomeYen > 0n), total };
  }

  /** Licences whose term starts in the year / by its end, commercialisations in the year, licensed assets by its end. */
  private async licensingFacts(
    em: EntityManager,
    platformId: string,
    range: { startsOn: string; endsOn: string },
    institutionId: string | null,
  ) {
    if (!LICENSING_CONNECTED)
      return {
        licences: 0,
        cumulativeLicences: 0,
        commercialisations: 0,
        licensedAssets: 0,
        connected: false,
      };
    const params = [platformId, range.startsOn, range.endsOn, institutionId];
    const onOwned = `EXISTS (SELECT 1 FROM ip_assets a WHERE a.id = ANY(g.asset_ids) AND ${OWNED('a', '$4')})`;
    const [licences]: { fy: number; cum: number }[] = await em.query(
      `SELECT count(*) FILTER (WHERE g.term_start BETWEEN $2 AND $3)::int AS fy, count(*) FILTER (WHERE g.term_start <= $3)::int AS cum
         FROM licences g WHERE g.platform_id = $1 AND ${onOwned}`,
      params,
    );
    const [events]: { n: number }[] = await em.query(
      `SELECT count(*)::int AS n FROM licence_commercialisations ce JOIN licences g ON g.id = ce.licence_id
        WHERE g.platform_id = $1 AND ce.launched_on BETWEEN $2 AND $3 AND ${onOwned}`,
      params,
    );
    const [licensed]: { n: number }[] = await em.query(
      `SELECT count(DISTINCT a.id)::int AS n FROM licences g JOIN ip_assets a ON a.id = ANY(g.asset_ids)
        WHERE g.platform_id = $1 AND g.term_start <= $3 AND $2::date IS NOT NULL AND ${OWNED('a', '$4')}`,
      params,
    );
    return {
      licences: licences.fy,
      cumulativeLicences: licences.cum,
      commercialisations: events.n,
      licensedAssets: licensed.n,
      connected: true,
    };
  }

  async metrics(platformId: string, q: MetricsQuery): Promise<MetricsReport> {
    const em = this.dataSource.manager;
    const range = fiscalYearRange(q.fiscalYear, await this.startMonth(em, platformId));
    const inst = q.institutionId ?? null;
    if (inst) await this.requireOrganisation(em, inst, 'institutionId');
    const notes: string[] = [];
    const [filings]: { apps: number; grants: number }[] = await em.query(
      `SELECT count(*) FILTER (WHERE f.application_date BETWEEN $2 AND $3)::int AS apps,
              count(*) FILTER (WHERE f.grant_date BETWEEN $2 AND $3)::int AS grants
         FROM ip_filings f JOIN ip_assets a ON a.id = f.asset_id
        WHERE f.platform_id = $1 AND ${OWNED('a', '$4')}`,
      [platformId, range.startsOn, range.endsOn, inst],
    );
    const [costs]: { yen: string }[] = await em.query(
      `SELECT coalesce(sum(e.amount_yen), 0)::text AS yen
         FROM patent_cost_events e JOIN ip_assets a ON a.id = e.asset_id
        WHERE e.platform_id = $1 AND e.fiscal_year = $2 AND e.status IN ('approved','paid') AND ${OWNED('a', '$3')}`,
      [platformId, q.fiscalYear, inst],
    );
    const [derived]: { n: number }[] = await em.query(
      `SELECT count(*)::int AS n FROM research_projects p
        WHERE p.platform_id = $1 AND p.derived_from_project_id IS NOT NULL AND p.starts_on BETWEEN $2 AND $3
          AND ($4::uuid IS NULL OR EXISTS (SELECT 1 FROM project_participants pp WHERE pp.project_id = p.id AND pp.organisation_id = $4::uuid))`,
      [platformId, range.startsOn, range.endsOn, inst],
    );
    let personnelCostYen: Yen | null = null;
    if (inst) {
      notes.push(NOTE_INSTITUTION_SCOPE, NOTE_INSTITUTION_PERSONNEL);
    } else {
      const rows: { yen: string }[] = await em.query(
        `SELECT personnel_cost_yen::text AS yen FROM ip_office_costs WHERE platform_id = $1 AND fiscal_year = $2`,
        [platformId, q.fiscalYear],
      );
      if (rows.length) personnelCostYen = BigInt(rows[0].yen);
      else
        notes.push(
          `no IP-office personnel cost recorded for FY${q.fiscalYear} (PUT /platforms/:platformId/ip-office-costs/${q.fiscalYear}): profitability is null`,
        );
    }
    const income = await this.licenceIncome(em, platformId, q.fiscalYear, inst);
    notes.push(NOTE_INCOME_SOURCE);
    const licensing = await this.licensingFacts(em, platformId, range, inst);
    notes.push(licensing.connected ? NOTE_LICENSING : NOTE_LICENSING_NOT_CONNECTED);
    const metrics = computeMetrics({
      applications: filings.apps,
      grants: filings.grants,
      licences: licensing.licences,
      cumulativeLicences: licensing.cumulativeLicences,
      commercialisations: licensing.commercialisations,
      licenceIncomeYen: income.total,
      personnelCostYen,
      patentCostYen: BigInt(costs.yen),
      incomeByAsset: income.perAsset,
      homeRunThresholdYen: q.homeRunThresholdYen ?? DEFAULT_HOME_RUN_THRESHOLD_YEN,
      derivedProjects: derived.n,
    });
    const [fund]: { yen: string }[] = await em.query(
      `SELECT coalesce(-sum(l.amount), 0)::text AS yen
         FROM journal_lines l JOIN journal_entries e ON e.id = l.entry_id JOIN ledger_accounts acc ON acc.id = l.account_id
        WHERE acc.platform_id = $1 AND acc.code = 'ip_fund' AND e.entry_date <= $2`,
      [platformId, range.endsOn],
    );
    let runsOutInFiscalYear: number | null = null;
    let runwayAvailable = false;
    try {
      // The forecast service's runway (today's balance, planned inflows, forecast fees, 10 years).
      runsOutInFiscalYear = (
        await this.forecasts.ipFundRunway(platformId, { years: 10, rates: [] })
      ).runsOutInFiscalYear;
      runwayAvailable = true;
    } catch (e) {
      if (!(e instanceof DomainError)) throw e;
      notes.push(`IP-fund runway not available: ${e.message}`);
    }
    notes.push(
      'the IP fund belongs to the platform: its balance (at the fiscal year end) and runway (from today) are the same for every institution',
    );
    return {
      platformId,
      fiscalYear: q.fiscalYear,
      startsOn: range.startsOn,
      endsOn: range.endsOn,
      institutionId: inst,
      ...metrics,
      ipFund: { balanceAtYearEndYen: BigInt(fund.yen), runsOutInFiscalYear, runwayAvailable },
      notes,
    };
  }

  async setIpOfficeCost(
    actor: Actor,
    platformId: string,
    fiscalYear: number,
    personnelCostYen: Yen,
  ) {
    return this.dataSource.transaction(async (em) => {
      await this.startMonth(em, platformId);
      if (fiscalYear < 1900 || fiscalYear > 9998)
        throw DomainError.validation('FISCAL_YEAR.INVALID', 'fiscal year must be 1900..9998', {
          field: 'fiscalYear',
        });
      if (personnelCostYen < 0n)
        throw DomainError.validation(
          'METRICS.NEGATIVE_COST',
          'personnelCostYen must not be negative',
          { field: 'personnelCostYen' },
        );
      const before: { personnel_cost_yen: string }[] = await em.query(
        `SELECT personnel_cost_yen::text FROM ip_office_costs WHERE platform_id = $1 AND fiscal_year = $2 FOR UPDATE`,
        [platformId, fiscalYear],
      );
      const [row]: { updated_at: Date }[] = await em.query(
        `INSERT INTO ip_office_costs (platform_id, fiscal_year, personnel_cost_yen, updated_by_token_id) VALUES ($1, $2, $3, $4)
         ON CONFLICT (platform_id, fiscal_year) DO UPDATE SET personnel_cost_yen = EXCLUDED.personnel_cost_yen,
           updated_by_token_id = EXCLUDED.updated_by_token_id, updated_at = now()
         RETURNING updated_at`,
        [platformId, fiscalYear, personnelCostYen.toString(), actor.tokenId],
      );
      const view = { platformId, fiscalYear, personnelCostYen, updatedAt: row.updated_at };
      await this.audit.record(em, actor, {
        action: 'ip_office_cost.set',
        entityType: 'ip_office_cost',
        entityId: `${platformId}:${fiscalYear}`,
        platformId,
        before: before.length ? { personnelCostYen: before[0].personnel_cost_yen } : null,
        after: view,
      });
      return view;
    });
  }

  async listIpOfficeCosts(platformId: string) {
    const rows: { fiscal_year: number; yen: string; updated_at: Date }[] =
      await this.dataSource.query(
        `SELECT fiscal_year, personnel_cost_yen::text AS yen, updated_at FROM ip_office_costs WHERE platform_id = $1 ORDER BY fiscal_year`,
        [platformId],
      );
    return rows.map((r) => ({
      platformId,
      fiscalYear: r.fiscal_year,
      personnelCostYen: BigInt(r.yen),
      updatedAt: r.updated_at,
    }));
  }

  /** The KPI's figure in one fiscal year: company money (yen) or the count of ≥ ¥10M projects. */
  private async kpiValue(
    em: EntityManager,
    platformId: string,
    kpi: Kpi,
    fiscalYear: number,
  ): Promise<bigint> {
    if (kpi === 'company_investment_multiple') {
      const [r]: { yen: string }[] = await em.query(
        `SELECT coalesce(sum(c.direct_cost_yen + c.overhead_yen), 0)::text AS yen FROM contributions c
          WHERE c.platform_id = $1 AND c.fiscal_year = $2 AND c.source_kind = 'company' AND ${LIVE_CONTRIBUTION}`,
        [platformId, fiscalYear],
      );
      return BigInt(r.yen);
    }
    const [r]: { n: number }[] = await em.query(
      `SELECT count(*)::int AS n FROM (
         SELECT c.project_id FROM contributions c
          WHERE c.platform_id = $1 AND c.fiscal_year = $2 AND c.source_kind = 'company' AND ${LIVE_CONTRIBUTION}
          GROUP BY c.project_id HAVING sum(c.direct_cost_yen + c.overhead_yen) >= $3) big`,
      [platformId, fiscalYear, LARGE_JOINT_RESEARCH_YEN.toString()],
    );
    return BigInt(r.n);
  }

  async createKpiTarget(
    actor: Actor,
    platformId: string,
    input: {
      kpi: Kpi;
      baseFiscalYear: number;
      targetFiscalYear: number;
      targetValue: string;
      note?: string;
    },
  ): Promise<KpiTargetView> {
    if (!/^\d{1,12}(\.\d{1,2})?$/.test(input.targetValue) || Number(input.targetValue) <= 0) {
      throw DomainError.validation(
        'KPI.INVALID_TARGET',
        'targetValue must be a positive number with at most two decimals',
        { field: 'targetValue' },
      );
    }
    if (input.targetFiscalYear <= input.baseFiscalYear) {
      throw DomainError.validation(
        'KPI.TARGET_NOT_AFTER_BASE',
        'targetFiscalYear must be after baseFiscalYear',
        { field: 'targetFiscalYear' },
      );
    }
    const id = await this.dataSource.transaction(async (em) => {
      await this.startMonth(em, platformId);
      const [row]: { id: string }[] = await em.query(
        `INSERT INTO kpi_targets (platform_id, kpi, base_fiscal_year, target_fiscal_year, target_value, note, created_by_token_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
        [
          platformId,
          input.kpi,
          input.baseFiscalYear,
          input.targetFiscalYear,
          input.targetValue,
          input.note ?? null,
          actor.tokenId,
        ],
      );
      await this.audit.record(em, actor, {
        action: 'kpi_target.create',
        entityType: 'kpi_target',
        entityId: row.id,
        platformId,
        after: input,
      });
      return row.id;
    });
    const created = (await this.listKpiTargets(platformId)).find((t) => t.id === id);
    if (!created) throw new Error(`kpi target ${id} vanished`);
    return created;
  }

  async listKpiTargets(platformId: string, measuredFiscalYear?: number): Promise<KpiTargetView[]> {
    const em = this.dataSource.manager;
    await this.startMonth(em, platformId);
    const rows: {
      id: string;
      kpi: Kpi;
      base_fiscal_year: number;
      target_fiscal_year: number;
      target_value: string;
      note: string | null;
      created_at: Date;
    }[] = await em.query(
      `SELECT id, kpi, base_fiscal_year, target_fiscal_year, target_value::text, note, created_at FROM kpi_targets
          WHERE platform_id = $1 ORDER BY target_fiscal_year, kpi, base_fiscal_year, id`,
      [platformId],
    );
    const views: KpiTargetView[] = [];
    for (const r of rows) {
      const measured = measuredFiscalYear ?? r.target_fiscal_year;
      const baseValue = await this.kpiValue(em, platformId, r.kpi, r.base_fiscal_year);
      const actualValue = await this.kpiValue(em, platformId, r.kpi, measured);
      const [whole, frac = ''] = r.target_value.split('.');
      const targetCenti = BigInt(whole) * 100n + BigInt((frac + '00').slice(0, 2));
      views.push({
        id: r.id,
        platformId,
        kpi: r.kpi,
        baseFiscalYear: r.base_fiscal_year,
        targetFiscalYear: r.target_fiscal_year,
        measuredFiscalYear: measured,
        targetValue: r.target_value,
        baseValue,
        actualValue,
        note: r.note,
        createdAt: r.created_at,
        ...kpiProgress({ kpi: r.kpi, targetCenti, baseValue, actualValue }),
      });
    }
    return views;
  }

  async factBook(platformId: string, institutionId: string, fiscalYear: number): Promise<FactBook> {
    const em = this.dataSource.manager;
    const range = fiscalYearRange(fiscalYear, await this.startMonth(em, platformId));
    const institution = await this.requireOrganisation(em, institutionId, 'institutionId');
    const jr: { kind: string; n: number; yen: string }[] = await em.query(
      `WITH c AS (
         SELECT c.project_id, c.source_kind, o.company_size, c.direct_cost_yen + c.overhead_yen AS yen
           FROM contributions c
           LEFT JOIN organisations o ON o.id = c.organisation_id
          WHERE c.platform_id = $1 AND c.fiscal_year = $2 AND ${LIVE_CONTRIBUTION}
            AND EXISTS (SELECT 1 FROM project_participants pp WHERE pp.project_id = c.project_id AND pp.organisation_id = $3))
       SELECT 'all' AS kind, count(DISTINCT project_id)::int AS n, coalesce(sum(yen), 0)::text AS yen FROM c
       UNION ALL SELECT 'companies', count(DISTINCT project_id)::int, coalesce(sum(yen), 0)::text FROM c WHERE source_kind = 'company'
       UNION ALL SELECT 'large', count(DISTINCT project_id)::int, coalesce(sum(yen), 0)::text FROM c WHERE company_size = 'large'
       UNION ALL SELECT 'sme', count(DISTINCT project_id)::int, coalesce(sum(yen), 0)::text FROM c WHERE company_size IN ('sme','startup')
       UNION ALL SELECT 'large_projects', count(*)::int, '0' FROM (
         SELECT project_id FROM c WHERE source_kind = 'company' GROUP BY project_id HAVING sum(yen) >= $4) big`,
      [platformId, fiscalYear, institutionId, LARGE_JOINT_RESEARCH_YEN.toString()],
    );
    const pick = (kind: string) => {
      const r = jr.find((x) => x.kind === kind);
      return { count: r?.n ?? 0, amountYen: BigInt(r?.yen ?? '0') };
    };
    const [patents]: { filed: number; held: number }[] = await em.query(
      `SELECT count(*) FILTER (WHERE f.application_date BETWEEN $2 AND $3)::int AS filed,
              count(*) FILTER (WHERE f.status = 'granted' AND f.grant_date <= $3)::int AS held
         FROM ip_filings f JOIN ip_assets a ON a.id = f.asset_id
        WHERE f.platform_id = $1 AND ${OWNED('a', '$4')}`,
      [platformId, range.startsOn, range.endsOn, institutionId],
    );
    const fields: { technology_field: string }[] = await em.query(
      `SELECT a.technology_field FROM ip_assets a WHERE a.platform_id = $1 AND a.created_on <= $2 AND ${OWNED('a', '$3')}`,
      [platformId, range.endsOn, institutionId],
    );
    const licensing = await this.licensingFacts(em, platformId, range, institutionId);
    const income = await this.licenceIncome(em, platformId, fiscalYear, institutionId);
    const notes = [
      'joint research: contributions invoiced in the fiscal year (not reversed) to projects the institution takes part in; amount = direct cost + overhead; SMEs include startups; ≥ ¥10M = company money per project',
      'patents: filings of assets the institution owns (filed = application date in the year; held = granted by the year end and still granted)',
      'top technology fields: IPC classes of the assets the institution owns, created by the year end, top 5 by count',
      NOTE_INCOME_SOURCE,
    ];
    notes.push(licensing.connected ? NOTE_LICENSING : NOTE_LICENSING_NOT_CONNECTED);
    return {
      platformId,
      institutionId,
      institutionName: institution.name,
      fiscalYear,
      jointResearch: {
        all: pick('all'),
        companies: pick('companies'),
        largeCompanies: pick('large'),
        smes: pick('sme'),
        largeProjectsCount: pick('large_projects').count,
      },
      patents: { filed: patents.filed, held: patents.held, licensed: licensing.licensedAssets },
      licenceIncomeYen: income.total,
      topTechnologyFields: topIpcClasses(
        fields.map((f) => f.technology_field),
        5,
      ),
      notes,
    };
  }
}
