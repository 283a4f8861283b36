import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import {
  DomainError,
  JAPANESE_FISCAL_YEAR_START_MONTH,
  LocalDate,
  fiscalYearOf,
  fiscalYearRange,
  todayInJapan,
} from '@app/kernel';
import { ExchangeRateRecord, MAX_HORIZON_FISCAL_YEARS } from '../fees';
import { filingNotFound } from '../registry/registry-errors';
import { Runway, PlannedInflow, projectRunway } from './ip-fund-runway.calculator';
import {
  AssetFacts,
  AssetOwnersRow,
  OrganisationRow,
  assetFactsById,
  organisationIdsOf,
} from './registry-assets';
import {
  FORECAST_FILING_STATUSES,
  ForecastOwnerFacts,
  PortfolioForecast,
  RegistryFilingFacts,
  forecastPortfolio,
} from './portfolio-forecast.calculator';

export interface ForecastWindow {
  /** First fiscal year; default the one `asOf` falls in. */
  fromFiscalYear?: number;
  /** Date the forecast is made on; default today, or the start of `fromFiscalYear` when that is later. */
  asOf?: LocalDate;
  years: number;
  rates: readonly ExchangeRateRecord[];
}

export interface IpFundRunway extends Runway {
  platformId: string;
  asOf: LocalDate;
  forecast: Pick<PortfolioForecast, 'ratesUsed' | 'notForecast' | 'warnings'>;
  rule: string;
}

export const RUNWAY_RULE =
  'closing = opening + planned IP-fund inflows − fees the IP fund bears. Opening of the first year = the ip_fund ledger balance today (credit-normal: fund = −balance). ' +
  "Inflows = for each company funding source planned for the year: planned × (overhead − standard rate of the policy in force on the year's first day), truncated (applyRateBp), less the IP-fund part of contributions already recorded for that source and year, never below zero. " +
  "Fees = forecast official fees (in yen) of active filings of pooled assets, the non-company owners' part only (JPO: the fee library's per-owner split; other offices: split by shares with allocate).";

/**
 * A filing as the filings query returns it: its columns are named as the facts' fields, and
 * those of its asset (NULL placeholders there) are filled in from the asset's row.
 */
type FilingRow = Omit<RegistryFilingFacts, 'assetTitle' | 'pooled' | 'owners'> & {
  assetTitle: string | null;
  pooled: boolean | null;
  owners: ForecastOwnerFacts[] | null;
};

const FILING_COLUMNS = `f.id AS "filingId", f.asset_id AS "assetId", NULL AS "assetReference",
  NULL AS "assetTitle", NULL AS pooled, f.jurisdiction, f.status,
  f.application_date::text AS "applicationDate", f.grant_date::text AS "grantDate",
  f.claims_count AS "claimsCount", f.entity_status AS "entityStatus", NULL AS owners`;

/** Fills in a filing row's asset fields; false (row unchanged) when its asset was not read. */
function withAsset(row: FilingRow, asset: AssetFacts | undefined): row is RegistryFilingFacts {
  if (asset === undefined) return false;
  row.assetReference = asset.reference;
  row.assetTitle = asset.title;
  row.pooled = asset.pooled;
  row.owners = asset.owners;
  return true;
}

/**
 * Runs two independent queries at once when `em` takes a pooled connection per query; one after
 * the other when it is bound to one connection (a transaction's manager).
 */
async function inParallel<A, B>(
  em: EntityManager,
  first: () => Promise<A>,
  second: () => Promise<B>,
): Promise<[A, B]> {
  if (em.queryRunner !== undefined) return [await first(), await second()];
  return Promise.all([first(), second()]);
}

/**
 * Fee forecasts and the IP-fund runway: set-based queries read at once (the filings; their
 * assets with the owners in force), then one pass of the pure forecaster. The same code serves
 * the endpoints and the benchmark.
 */
@Injectable()
export class PatentForecastService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Resolves the forecast date and horizon; Japanese (April) fiscal years, as the fee library uses. */
  resolveWindow(
    window: ForecastWindow,
    today: LocalDate = todayInJapan(),
  ): { asOf: LocalDate; years: number } {
    const { years } = window;
    if (!Number.isInteger(years) || years < 1 || years > MAX_HORIZON_FISCAL_YEARS) {
      throw DomainError.validation(
        'FORECAST.INVALID_YEARS',
        `years must be 1..${MAX_HORIZON_FISCAL_YEARS}`,
        { field: 'years' },
      );
    }
    let asOf = window.asOf;
    if (window.fromFiscalYear !== undefined) {
      const range = fiscalYearRange(window.fromFiscalYear);
      if (asOf === undefined) asOf = today > range.startsOn ? today : range.startsOn;
      if (fiscalYearOf(asOf) !== window.fromFiscalYear) {
        throw DomainError.validation(
          'FORECAST.AS_OF_OUTSIDE_FROM_YEAR',
          `asOf ${asOf} is not in fiscal year ${window.fromFiscalYear} (${range.startsOn} .. ${range.endsOn})`,
          { field: 'asOf' },
        );
      }
    }
    return { asOf: asOf ?? today, years };
  }

  async requireAprilFiscalYear(em: EntityManager, platformId: string): Promise<void> {
    const rows: { m: number }[] = await em.query(
      'SELECT fiscal_year_start_month AS m FROM platforms WHERE id = $1',
      [platformId],
    );
    if (rows.length > 0 && Number(rows[0].m) !== JAPANESE_FISCAL_YEAR_START_MONTH) {
      throw DomainError.unprocessable(
        'FORECAST.FISCAL_YEAR_NOT_APRIL',
        'fee forecasts count Japanese fiscal years (April–March); this platform uses another start month',
      );
    }
  }

  /**
   * Every filing of the platform in a forecastable status (or the one filing asked for), with its
   * asset's owners in force on `asOf` (before an asset's first version: that first version).
   * The filings and their assets (with their owners) are read at once.
   */
  async loadFilings(
    em: EntityManager,
    platformId: string,
    asOf: LocalDate,
    filingId?: string,
  ): Promise<RegistryFilingFacts[]> {
    const params: unknown[] = [platformId, [...FORECAST_FILING_STATUSES]];
    const oneFiling = filingId ? `AND f.id = $${params.push(filingId)}` : '';
    const [filings, assets] = await inParallel(
      em,
      (): Promise<FilingRow[]> =>
        em.query(
          `SELECT ${FILING_COLUMNS}
             FROM ip_filings f
            WHERE f.platform_id = $1 AND f.status = ANY($2::text[]) ${oneFiling}
            ORDER BY f.id`,
          params,
        ),
      () => this.loadAssets(em, platformId, asOf, filingId ? { ofFiling: filingId } : undefined),
    );
    const facts: RegistryFilingFacts[] = [];
    const unseen = new Set<string>();
    for (const f of filings) {
      if (withAsset(f, assets.get(f.assetId))) facts.push(f);
      else unseen.add(f.assetId);
    }
    if (unseen.size === 0) return facts;
    // A filing whose asset the assets query did not see (both created in between): read those
    // assets too. One whose asset is still not found is gone, as the filing then is.
    const late = await this.loadAssets(em, platformId, asOf, { ids: [...unseen] });
    return filings.filter((f) => withAsset(f, assets.get(f.assetId) ?? late.get(f.assetId)));
  }

  /**
   * The platform's assets (or only a filing's, or only some), each with its owners in force on
   * `asOf` (before its first version: that first version), then the organisations they name,
   * each once.
   */
  private async loadAssets(
    em: EntityManager,
    platformId: string,
    asOf: LocalDate,
    only?: { ofFiling: string } | { ids: string[] },
  ): Promise<Map<string, AssetFacts>> {
    const params: unknown[] = [platformId, asOf];
    let assetFilter = '';
    if (only && 'ofFiling' in only)
      assetFilter = `AND a.id IN (SELECT asset_id FROM ip_filings WHERE id = $${params.push(only.ofFiling)})`;
    else if (only) assetFilter = `AND a.id = ANY($${params.push(only.ids)}::uuid[])`;
    const rows: AssetOwnersRow[] = await em.query(
      `SELECT a.id, a.reference, a.title, a.pooled, o.owners
         FROM ip_assets a
         LEFT JOIN (SELECT v.asset_id,
                           string_agg(s.position || ':' || s.organisation_id::text || ':' || s.share_bp, ',') AS owners
                      FROM (SELECT DISTINCT ON (v.asset_id) v.id, v.asset_id
                              FROM ip_ownership_versions v JOIN ip_assets a ON a.id = v.asset_id
                             WHERE a.platform_id = $1 ${assetFilter}
                             ORDER BY v.asset_id, (v.effective_from <= $2) DESC,
                                      CASE WHEN v.effective_from <= $2 THEN v.effective_from END DESC, v.effective_from) v
                      JOIN ip_ownership_shares s ON s.version_id = v.id
                     GROUP BY v.asset_id) o ON o.asset_id = a.id
        WHERE a.platform_id = $1 ${assetFilter}`,
      params,
    );
    const named = organisationIdsOf(rows);
    const organisations: OrganisationRow[] =
      named.length === 0
        ? []
        : await em.query(
            'SELECT id, name, kind, company_size FROM organisations WHERE id = ANY($1::uuid[])',
            [named],
          );
    return assetFactsById(rows, organisations);
  }

  /**
   * Rates for yen conversion: those given with the request when there are any; otherwise
   * finance's recorded rates (`exchange_rates`, kept by the patent-costs feature) when that
   * table exists in this database.
   */
  async ratesFor(
    em: EntityManager,
    platformId: string,
    given: readonly ExchangeRateRecord[],
  ): Promise<readonly ExchangeRateRecord[]> {
    if (given.length > 0) return given;
    const exists: { t: string | null }[] = await em.query(
      `SELECT to_regclass('exchange_rates')::text AS t`,
    );
    if (!exists[0].t) return [];
    return em.query(
      `SELECT currency, rate_date::text AS "rateDate", yen_per_unit AS "yenPerUnit" FROM exchange_rates WHERE platform_id = $1 ORDER BY currency, rate_date`,
      [platformId],
    );
  }

  /** The platform's fee forecast: per filing and per fiscal year, office currency and yen. */
  async platformForecast(platformId: string, window: ForecastWindow): Promise<PortfolioForecast> {
    const em = this.dataSource.manager;
    await this.requireAprilFiscalYear(em, platformId);
    const { asOf, years } = this.resolveWindow(window);
    const filings = await this.loadFilings(em, platformId, asOf);
    const rates = await this.ratesFor(em, platformId, window.rates);
    return forecastPortfolio({ filings, asOf, years, rates });
  }

  /** One filing's forecast: the same code on a portfolio of one (so it adds up with the platform's). */
  async filingForecast(
    platformId: string,
    assetId: string,
    filingId: string,
    window: ForecastWindow,
  ): Promise<PortfolioForecast> {
    const em = this.dataSource.manager;
    const found: { status: string }[] = await em.query(
      'SELECT status FROM ip_filings WHERE id = $1 AND asset_id = $2 AND platform_id = $3',
      [filingId, assetId, platformId],
    );
    if (found.length === 0) throw filingNotFound(filingId);
    await this.requireAprilFiscalYear(em, platformId);
    const { asOf, years } = this.resolveWindow(window);
    const filings = await this.loadFilings(em, platformId, asOf, filingId);
    const rates = await this.ratesFor(em, platformId, window.rates);
    return forecastPortfolio({ filings, asOf, years, rates, withItems: true });
  }

  /** Projected IP-fund balance per fiscal year and the year it would run out, if any. */
  async ipFundRunway(platformId: string, window: ForecastWindow): Promise<IpFundRunway> {
    const em = this.dataSource.manager;
    await this.requireAprilFiscalYear(em, platformId);
    const { asOf, years } = this.resolveWindow(window);
    const filings = await this.loadFilings(em, platformId, asOf);
    const rates = await this.ratesFor(em, platformId, window.rates);
    const forecast = forecastPortfolio({ filings, asOf, years, rates });
    const balance: { fund: string }[] = await em.query(
      `SELECT coalesce(-sum(balance), 0)::text AS fund FROM ledger_accounts WHERE platform_id = $1 AND code = 'ip_fund'`,
      [platformId],
    );
    const first = forecast.fromFiscalYear;
    const last = first + years - 1;
    const planned: {
      fiscal_year: number;
      planned: string;
      overhead: number;
      standard: number;
      recorded: string;
    }[] = await em.query(
      `SELECT s.fiscal_year, s.planned_amount_yen::text AS planned, pv.overhead_rate_bp AS overhead,
              pv.standard_overhead_rate_bp AS standard,
              coalesce((SELECT sum(c.ip_fund_yen) FROM contributions c
                         WHERE c.project_id = s.project_id AND c.organisation_id = s.organisation_id
                           AND c.fiscal_year = s.fiscal_year AND c.source_kind = 'company'
                           AND NOT EXISTS (SELECT 1 FROM contribution_reversals x WHERE x.contribution_id = c.id)), 0)::text AS recorded
         FROM project_funding_sources s
         JOIN research_projects p ON p.id = s.project_id
         JOIN LATERAL (SELECT overhead_rate_bp, standard_overhead_rate_bp FROM policy_versions v
                        WHERE v.platform_id = p.platform_id AND v.effective_from <= make_date(s.fiscal_year, 4, 1)
                        ORDER BY v.effective_from DESC LIMIT 1) pv ON true
        WHERE p.platform_id = $1 AND s.source_kind = 'company' AND s.fiscal_year BETWEEN $2 AND $3
        ORDER BY s.fiscal_year, s.id`,
      [platformId, first, last],
    );
    const inflows: PlannedInflow[] = planned.map((p) => ({
      fiscalYear: Number(p.fiscal_year),
      plannedYen: BigInt(p.planned),
      overheadRateBp: Number(p.overhead),
      standardOverheadRateBp: Number(p.standard),
      recordedIpFundYen: BigInt(p.recorded),
    }));
    const runway = projectRunway({
      currentBalanceYen: BigInt(balance[0].fund),
      fiscalYears: forecast.fiscalYears.map((fy) => ({ ...fy, fundFeesYen: fy.fundYen })),
      inflows,
    });
    return {
      platformId,
      asOf,
      ...runway,
      forecast: {
        ratesUsed: forecast.ratesUsed,
        notForecast: forecast.notForecast,
        warnings: forecast.warnings,
      },
      rule: RUNWAY_RULE,
    };
  }
}
