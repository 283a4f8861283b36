import { randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { readAll } from '@app/database';
import { DomainError, LocalDate, Yen, assertSameRequest, fiscalYearOf, requestHash, todayInJapan } from '@app/kernel';
import { Actor, AuditService, SYSTEM_ACTOR, isMember } from '@app/access';
import { AccountSpec, Accounts, LedgerService, PostingLine, credit, debit } from '@app/ledger';
import {
  DerivedKind,
  DerivedStatus,
  JobName,
  JobProducer,
  derivedStatus,
  markComputed,
  requestedVersion,
} from '@app/queue';
import {
  FeeErrorCode,
  FeeForecastFiling,
  OFFICE_CURRENCY,
  PatentOffice,
  convertToYen,
  forecastFees,
} from '../fees';
import { CostAllocation, CostPayer, allocateCost } from './cost-allocation.calculator';
import { ExchangeRateService } from './exchange-rate.service';
import { jpoOwnerFeeSplit, costOwnerJpoReduction } from './jpo-owner-split.calculator';
import { PatentCostAction, PatentCostActionKind } from './patent-cost-action.entity';
import { PatentCostAllocation } from './patent-cost-allocation.entity';
import { PatentCostEvent, PatentCostKind } from './patent-cost-event.entity';

export interface NewPatentCost {
  kind: PatentCostKind;
  /** Default: the office's currency (JP → JPY, US → USD, EP → EUR), JPY elsewhere. */
  currency?: 'JPY' | 'USD' | 'EUR';
  /** Whole units of `currency`. */
  amount: bigint;
  dueOn: LocalDate;
  feeYear?: number | null;
  feeYearTo?: number | null;
  status?: 'planned' | 'invoiced';
  description?: string | null;
}

export interface PatentCostView {
  cost: PatentCostEvent;
  /** The payers of the current allocation version. */
  payers: PatentCostAllocation[];
  actions: PatentCostAction[];
  replayed: boolean;
}

export interface CostBill {
  costId: string;
  assetId: string;
  filingId: string;
  jurisdiction: string;
  kind: PatentCostKind;
  feeYear: number | null;
  dueOn: LocalDate;
  fiscalYear: number;
  status: string;
  rule: string;
  currency: string;
  amount: bigint;
  costYen: bigint;
  /** This organisation's part. */
  amountYen: bigint;
}

export interface ReallocationResult {
  version: number;
  examined: number;
  reallocated: number;
  reposted: number;
  skipped: { costId: string; code: string }[];
}

const JURISDICTION_OFFICE: Record<string, PatentOffice> = { JP: 'JPO', US: 'USPTO', EP: 'EPO' };
const OPEN_STATUSES = ['planned', 'invoiced', 'approved'];

export function patentCostNotFound(id: string): DomainError {
  return DomainError.notFound('PATENT_COST.NOT_FOUND', `patent cost ${id} does not exist`);
}

/** Ledger keys are a function of (cost, allocation version): a re-run finds what a killed run did not commit. */
const ledgerKey = {
  approval: (costId: string, version: number) => `patent-cost:${costId}:v${version}:approve`,
  approvalReversal: (costId: string, version: number) =>
    `patent-cost:${costId}:v${version}:reversal`,
  payment: (costId: string) => `patent-cost:${costId}:pay`,
  paymentReversal: (costId: string) => `patent-cost:${costId}:pay:reversal`,
};

function samePayers(
  a: readonly {
    payerKind: string;
    organisationId?: string | null;
    projectId?: string | null;
    amountYen: bigint;
  }[],
  b: readonly CostPayer[],
) {
  return (
    a.length === b.length &&
    a.every(
      (p, i) =>
        p.payerKind === b[i].payerKind &&
        (p.organisationId ?? null) === (b[i].organisationId ?? null) &&
        (p.projectId ?? null) === (b[i].projectId ?? null) &&
        p.amountYen === b[i].amountYen,
    )
  );
}

/**
 * Patent costs per filing and who pays them. Every money movement is a ledger entry in the same
 * transaction as the state change it belongs to; changes of ownership or cost rules mark the
 * allocation stale and a background job re-allocates what is not yet paid.
 */
@Injectable()
export class PatentCostsService {
  private readonly logger = new Logger(PatentCostsService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly ledger: LedgerService,
    private readonly rates: ExchangeRateService,
    private readonly audit: AuditService,
    private readonly jobs: JobProducer,
  ) {}

  // ── cost events ───────────────────────────────────────────────────────────────────────────

  async create(
    actor: Actor,
    platformId: string,
    assetId: string,
    filingId: string,
    idempotencyKey: string,
    input: NewPatentCost,
  ): Promise<PatentCostView> {
    const hash = requestHash({ op: 'patent_cost.create', platformId, assetId, filingId, ...input });
    return this.dataSource.transaction(async (em) => {
      const existing = await this.findByKey(em, platformId, idempotencyKey, hash);
      if (existing) return existing;
      const filing = await this.requireFiling(em, platformId, assetId, filingId);
      const office = JURISDICTION_OFFICE[filing.jurisdiction];
      const currency = input.currency ?? (office ? OFFICE_CURRENCY[office] : 'JPY');
      if ((input.feeYearTo ?? null) !== null && (input.feeYear ?? null) === null) {
        throw DomainError.validation('PATENT_COST.FEE_YEARS', 'feeYearTo needs feeYear', {
          field: 'feeYearTo',
        });
      }
      const cost = await this.insertCost(
        em,
        actor,
        platformId,
        assetId,
        filingId,
        filing.startMonth,
        {
          ...input,
          currency,
          source: 'manual',
          idempotencyKey,
          requestHash: hash,
        },
      );
      if (!cost) {
        throw DomainError.conflict(
          'PATENT_COST.FEE_YEAR_EXISTS',
          `this filing already has a ${input.kind} for fee year ${input.feeYear}`,
          {
            field: 'feeYear',
          },
        );
      }
      await this.audit.record(em, actor, {
        action: 'patent_cost.created',
        entityType: 'patent_cost',
        entityId: cost.id,
        platformId,
        after: cost,
      });
      return this.viewIn(em, cost, false);
    });
  }

  /**
   * Creates planned annual-fee events from the official fee schedules for every fee due up to
   * `upToDate`. One event per (filing, kind, fee year): running it again creates only what is new.
   */
  async generate(
    actor: Actor,
    platformId: string,
    assetId: string,
    filingId: string,
    upToDate: LocalDate,
  ): Promise<{ created: PatentCostView[]; alreadyPlanned: number }> {
    return this.dataSource.transaction(async (em) => {
      const filing = await this.requireFiling(em, platformId, assetId, filingId);
      const office = JURISDICTION_OFFICE[filing.jurisdiction];
      if (!office) {
        throw DomainError.unprocessable(
          'PATENT_COST.NO_FEE_SCHEDULE',
          `no official fee schedule is modelled for ${filing.jurisdiction} filings`,
        );
      }
      const start = office === 'EPO' ? filing.application_date : filing.grant_date;
      if (!start || !filing.application_date) {
        throw DomainError.unprocessable(
          'PATENT_COST.FILING_NOT_READY',
          office === 'EPO'
            ? 'the filing needs an application date'
            : 'annual fees start with the grant: the filing needs a grant date',
        );
      }
      if (upToDate < start) return { created: [], alreadyPlanned: 0 };
      const owners = await this.ownersOn(em, assetId, start);
      const fy = (d: LocalDate) => fiscalYearOf(d, filing.startMonth);
      const feeFiling: FeeForecastFiling = {
        filingId,
        office,
        status: filing.status as FeeForecastFiling['status'],
        filingDate: filing.application_date,
        grantDate: filing.grant_date ?? undefined,
        claimsCount: filing.claims_count ?? undefined,
        usptoEntity:
          filing.entity_status === 'standard'
            ? 'large'
            : ((filing.entity_status as 'small' | 'micro' | null) ?? undefined),
        owners: owners.length
          ? owners.map((o) => ({
              ownerId: o.organisationId,
              shareBp: o.shareBp,
              jpoReduction: costOwnerJpoReduction(o.kind, o.companySize),
            }))
          : [{ ownerId: 'unknown', shareBp: 10_000 }],
      };
      const forecast = forecastFees({
        filings: [feeFiling],
        asOf: start,
        horizonFiscalYears: Math.max(1, Math.min(20, fy(upToDate) - fy(start) + 1)),
      });
      const created: PatentCostView[] = [];
      let alreadyPlanned = 0;
      for (const item of forecast.items.filter((i) => i.dueOn <= upToDate)) {
        const cost = await this.insertCost(
          em,
          actor,
          platformId,
          assetId,
          filingId,
          filing.startMonth,
          {
            kind: 'annual_fee',
            currency: item.currency,
            amount: item.total,
            dueOn: item.dueOn,
            feeYear: item.yearFrom,
            feeYearTo: item.yearTo === item.yearFrom ? null : item.yearTo,
            description: `${item.label} (${item.scheduleVersion})`,
            source: 'generated',
            idempotencyKey: null,
            requestHash: null,
          },
        );
        if (cost) created.push(await this.viewIn(em, cost, false));
        else alreadyPlanned += 1;
      }
      if (created.length > 0) {
        await this.audit.record(em, actor, {
          action: 'patent_cost.generated',
          entityType: 'ip_filing',
          entityId: filingId,
          platformId,
          after: { upToDate, costIds: created.map((c) => c.cost.id) },
        });
      }
      return { created, alreadyPlanned };
    });
  }

  /** Inserts a cost converted to yen and allocates it; null when its (filing, kind, fee year) exists. */
  private async insertCost(
    em: EntityManager,
    actor: Actor,
    platformId: string,
    assetId: string,
    filingId: string,
    startMonth: number,
    input: NewPatentCost & {
      currency: 'JPY' | 'USD' | 'EUR';
      source: 'manual' | 'generated';
      idempotencyKey: string | null;
      requestHash: string | null;
    },
  ): Promise<PatentCostEvent | null> {
    const table = await this.rates.tableIn(em, platformId);
    if (input.currency !== 'JPY' && !(await this.rates.hasAny(em, platformId, input.currency))) {
      // (ExchangeRateTable answers a TypeError, not NO_EXCHANGE_RATE, for a currency it has no record of.)
      throw DomainError.unprocessable(
        FeeErrorCode.NO_EXCHANGE_RATE,
        `no ${input.currency} rate is recorded on or before ${input.dueOn}`,
        {
          currency: input.currency,
          date: input.dueOn,
        },
      );
    }
    const { yen, rate } = convertToYen(input.amount, input.currency, input.dueOn, table);
    if (yen <= 0n) {
      throw DomainError.unprocessable(
        'PATENT_COST.ZERO_YEN',
        'the amount converts to less than one yen',
        { field: 'amount' },
      );
    }
    const id = randomUUID();
    const rows = await em.query<{ id: string }[]>(
      `INSERT INTO patent_cost_events (id, platform_id, asset_id, filing_id, kind, fee_year, fee_year_to, currency, amount, amount_yen,
                                       rate_date, yen_per_unit, due_on, fiscal_year, description, source, status,
                                       idempotency_key, request_hash, created_by_token_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20)
       ON CONFLICT (filing_id, kind, fee_year) WHERE fee_year IS NOT NULL DO NOTHING RETURNING id`,
      [
        id,
        platformId,
        assetId,
        filingId,
        input.kind,
        input.feeYear ?? null,
        input.feeYearTo ?? null,
        input.currency,
        input.amount.toString(),
        yen.toString(),
        rate?.rateDate ?? null,
        rate?.yenPerUnit ?? null,
        input.dueOn,
        fiscalYearOf(input.dueOn, startMonth),
        input.description ?? null,
        input.source,
        input.status ?? 'planned',
        input.idempotencyKey,
        input.requestHash,
        actor.tokenId,
      ],
    );
    if (rows.length === 0) return null;
    const cost = await em.findOneOrFail(PatentCostEvent, { where: { id } });
    await this.reallocateOne(em, cost, todayInJapan());
    return em.findOneOrFail(PatentCostEvent, { where: { id } });
  }

  private async findByKey(
    em: EntityManager,
    platformId: string,
    key: string,
    hash: string,
  ): Promise<PatentCostView | null> {
    const found = await em
      .getRepository(PatentCostEvent)
      .createQueryBuilder('c')
      .addSelect('c.requestHash')
      .where('c.platform_id = :platformId AND c.idempotency_key = :key', { platformId, key })
      .getOne();
    if (!found) return null;
    assertSameRequest(found.requestHash, hash, { costId: found.id });
    return this.viewIn(em, found, true);
  }

  private async requireFiling(
    em: EntityManager,
    platformId: string,
    assetId: string,
    filingId: string,
  ) {
    const rows = await em.query<
      {
        jurisdiction: string;
        status: string;
        application_date: string | null;
        grant_date: string | null;
        claims_count: number | null;
        entity_status: string | null;
        startMonth: number;
      }[]
    >(
      `SELECT f.jurisdiction, f.status, f.application_date::text, f.grant_date::text, f.claims_count, f.entity_status,
              p.fiscal_year_start_month AS "startMonth"
         FROM ip_filings f JOIN platforms p ON p.id = f.platform_id
        WHERE f.id = $1 AND f.asset_id = $2 AND f.platform_id = $3`,
      [filingId, assetId, platformId],
    );
    if (rows.length === 0)
      throw DomainError.notFound(
        'FILING.NOT_FOUND',
        `filing ${filingId} is not a filing of IP asset ${assetId}`,
      );
    return rows[0];
  }

  async list(platformId: string, assetId: string, filingId: string): Promise<PatentCostView[]> {
    const em = this.dataSource.manager;
    await this.requireFiling(em, platformId, assetId, filingId);
    const costs = await em.find(PatentCostEvent, {
      where: { platformId, assetId, filingId },
      order: { dueOn: 'ASC', createdAt: 'ASC' },
    });
    return readAll(em, costs.map((c) => () => this.viewIn(em, c, false)));
  }

  async get(
    platformId: string,
    assetId: string,
    filingId: string,
    costId: string,
  ): Promise<PatentCostView> {
    const em = this.dataSource.manager;
    const cost = await em.findOne(PatentCostEvent, {
      where: { id: costId, platformId, assetId, filingId },
    });
    if (!cost) throw patentCostNotFound(costId);
    return this.viewIn(em, cost, false);
  }

  private async viewIn(
    em: EntityManager,
    cost: PatentCostEvent,
    replayed: boolean,
  ): Promise<PatentCostView> {
    const [payers, actions] = await readAll(em, [
      () =>
        em.find(PatentCostAllocation, {
          where: { costId: cost.id, allocationVersion: cost.allocationVersion },
          order: { position: 'ASC' },
        }),
      () => em.find(PatentCostAction, { where: { costId: cost.id }, order: { createdAt: 'ASC' } }),
    ] as const);
    return { cost, payers, actions, replayed };
  }

  // ── who pays ──────────────────────────────────────────────────────────────────────────────

  private async ownersOn(em: EntityManager, assetId: string, on: LocalDate) {
    // The version in force on the date; before the first version, the first one (costs of the
    // application itself can fall due before the asset was registered here).
    const rows = await em.query<
      { organisation_id: string; share_bp: number; kind: string; company_size: string | null }[]
    >(
      `WITH v AS (
         SELECT id FROM ip_ownership_versions WHERE asset_id = $1
          ORDER BY (effective_from <= $2) DESC, CASE WHEN effective_from <= $2 THEN version END DESC NULLS LAST, version ASC
          LIMIT 1)
       SELECT s.organisation_id, s.share_bp, o.kind, o.company_size
         FROM ip_ownership_shares s JOIN v ON v.id = s.version_id JOIN organisations o ON o.id = s.organisation_id
        ORDER BY s.position`,
      [assetId, on],
    );
    return rows.map((r) => ({
      organisationId: r.organisation_id,
      shareBp: r.share_bp,
      kind: r.kind,
      companySize: r.company_size,
    }));
  }

  /** The payers the rules give today for a cost: policy and owners in force on its due date. */
  async computeAllocation(em: EntityManager, cost: PatentCostEvent): Promise<CostAllocation> {
    const [asset] = await em.query<
      {
        origin: 'foreground' | 'background';
        pooled: boolean;
        holder_organisation_id: string | null;
        project_id: string | null;
        starts_on: string | null;
        ends_on: string | null;
        jurisdiction: string;
        claims_count: number | null;
      }[]
    >(
      `SELECT a.origin, a.pooled, a.holder_organisation_id, a.project_id, p.starts_on::text, p.ends_on::text, f.jurisdiction, f.claims_count
         FROM ip_assets a JOIN ip_filings f ON f.id = $2 AND f.asset_id = a.id
         LEFT JOIN research_projects p ON p.id = a.project_id
        WHERE a.id = $1`,
      [cost.assetId, cost.filingId],
    );
    const [policy] = await em.query<
      {
        rules: {
          coFiledWithCompany: 'company_pays_all' | 'by_share';
          chargeProjectDirectCostDuringTerm: boolean;
        };
      }[]
    >(
      `SELECT cost_bearing_rules AS rules FROM policy_versions WHERE platform_id = $1
        ORDER BY (effective_from <= $2) DESC, CASE WHEN effective_from <= $2 THEN effective_from END DESC NULLS LAST, effective_from ASC
        LIMIT 1`,
      [cost.platformId, cost.dueOn],
    );
    const owners = await this.ownersOn(em, cost.assetId, cost.dueOn);
    const jpoAnnual =
      cost.kind === 'annual_fee' &&
      asset.jurisdiction === 'JP' &&
      cost.feeYear !== null &&
      asset.claims_count !== null;
    return allocateCost({
      amountYen: cost.amountYen,
      dueOn: cost.dueOn,
      rules: policy.rules,
      asset: {
        origin: asset.origin,
        pooled: asset.pooled,
        holderOrganisationId: asset.holder_organisation_id,
        projectId: asset.project_id,
      },
      projectTerm:
        asset.starts_on && asset.ends_on
          ? { startsOn: asset.starts_on, endsOn: asset.ends_on }
          : null,
      owners: owners.map((o) => ({
        organisationId: o.organisationId,
        shareBp: o.shareBp,
        isCompany: o.kind === 'company',
      })),
      ownerFeeSplit: jpoAnnual
        ? jpoOwnerFeeSplit(
            cost.dueOn,
            cost.feeYear as number,
            cost.feeYearTo ?? (cost.feeYear as number),
            asset.claims_count as number,
            owners.map((o) => ({
              organisationId: o.organisationId,
              shareBp: o.shareBp,
              jpoReduction: costOwnerJpoReduction(o.kind, o.companySize),
            })),
          )
        : null,
    });
  }

  /**
   * Brings one open cost's allocation up to date: a new allocation version when the payers
   * changed, and for an approved cost the approval reversed and re-posted with the new payers.
   * Returns what it did; doing it twice does nothing the second time.
   */
  private async reallocateOne(
    em: EntityManager,
    cost: PatentCostEvent,
    entryDate: LocalDate,
  ): Promise<'unchanged' | 'reallocated' | 'reposted'> {
    const allocation = await this.computeAllocation(em, cost);
    const current = await em.find(PatentCostAllocation, {
      where: { costId: cost.id, allocationVersion: cost.allocationVersion },
      order: { position: 'ASC' },
    });
    if (cost.allocationVersion > 0 && samePayers(current, allocation.payers)) return 'unchanged';
    const version = cost.allocationVersion + 1;
    await em.insert(
      PatentCostAllocation,
      allocation.payers.map((p, position) => ({
        costId: cost.id,
        allocationVersion: version,
        position,
        payerKind: p.payerKind,
        organisationId: p.organisationId ?? null,
        projectId: p.projectId ?? null,
        amountYen: p.amountYen,
        rule: allocation.rule,
      })),
    );
    let approvalEntryId = cost.approvalEntryId;
    if (cost.status === 'approved' && cost.approvalEntryId) {
      await this.ledger.reverse(em, SYSTEM_ACTOR, {
        platformId: cost.platformId,
        entryId: cost.approvalEntryId,
        entryDate,
        reason: `patent cost ${cost.id} re-allocated (allocation version ${version})`,
        idempotencyKey: ledgerKey.approvalReversal(cost.id, cost.allocationVersion),
        requestHash: requestHash({
          op: 'patent_cost.approval_reversal',
          costId: cost.id,
          version: cost.allocationVersion,
        }),
      });
      approvalEntryId = (
        await this.postApproval(em, SYSTEM_ACTOR, cost, version, allocation.payers, entryDate)
      ).entry.id;
    }
    await em.update(
      PatentCostEvent,
      { id: cost.id },
      {
        allocationVersion: version,
        allocationRule: allocation.rule,
        approvalEntryId,
        updatedAt: new Date(),
      },
    );
    cost.allocationVersion = version;
    cost.allocationRule = allocation.rule;
    cost.approvalEntryId = approvalEntryId;
    return cost.status === 'approved' ? 'reposted' : 'reallocated';
  }

  private async payerAccounts(
    em: EntityManager,
    payers: readonly CostPayer[],
  ): Promise<AccountSpec[]> {
    const orgIds = payers.filter((p) => p.organisationId).map((p) => p.organisationId as string);
    const kinds = new Map<string, string>(
      orgIds.length
        ? (
            await em.query<{ id: string; kind: string }[]>(
              'SELECT id, kind FROM organisations WHERE id = ANY($1::uuid[])',
              [orgIds],
            )
          ).map((r) => [r.id, r.kind])
        : [],
    );
    return payers.map((p) => {
      if (p.payerKind === 'ip_fund') return Accounts.ipFund();
      if (p.payerKind === 'project_budget') return Accounts.researchBudget(p.projectId as string);
      const org = p.organisationId as string;
      return kinds.get(org) === 'company'
        ? Accounts.companyReceivable(org)
        : Accounts.organisationReceivable(org);
    });
  }

  private async postApproval(
    em: EntityManager,
    actor: Actor,
    cost: PatentCostEvent,
    version: number,
    payers: readonly CostPayer[],
    entryDate: LocalDate,
  ) {
    const accounts = await this.payerAccounts(em, payers);
    const lines: PostingLine[] = [
      ...payers.map((p, i) => debit(accounts[i], p.amountYen)),
      credit(Accounts.patentCostsPayable(), cost.amountYen),
    ];
    return this.ledger.post(em, actor, {
      platformId: cost.platformId,
      idempotencyKey: ledgerKey.approval(cost.id, version),
      requestHash: requestHash({
        op: 'patent_cost.approval',
        costId: cost.id,
        version,
        amountYen: cost.amountYen,
        payers: payers.map((p) => ({ ...p })),
      }),
      entryDate,
      kind: 'patent_cost_approval',
      description: `Patent cost ${cost.kind}${cost.feeYear ? ` year ${cost.feeYear}` : ''} approved for payment (allocation v${version})`,
      lines,
      sourceType: 'patent_cost',
      sourceId: cost.id,
    });
  }

  // ── approve, pay, reverse, cancel ─────────────────────────────────────────────────────────

  /**
   * Runs an action at most once per cost. The same Idempotency-Key and body replays it, the
   * same key with another body is refused, a second action of the kind with another key is a conflict.
   */
  private async act(
    actor: Actor,
    ids: { platformId: string; assetId: string; filingId: string; costId: string },
    action: PatentCostActionKind,
    key: string,
    body: Record<string, unknown>,
    run: (
      em: EntityManager,
      cost: PatentCostEvent,
    ) => Promise<{ entryId: string | null; actedOn: LocalDate; reason?: string | null }>,
  ): Promise<PatentCostView> {
    const hash = requestHash({ op: `patent_cost.${action}`, ...ids, ...body });
    return this.dataSource.transaction(async (em) => {
      const cost = await em.findOne(PatentCostEvent, {
        where: {
          id: ids.costId,
          platformId: ids.platformId,
          assetId: ids.assetId,
          filingId: ids.filingId,
        },
        lock: { mode: 'pessimistic_write' },
      });
      if (!cost) throw patentCostNotFound(ids.costId);
      const done = await em
        .getRepository(PatentCostAction)
        .createQueryBuilder('a')
        .addSelect('a.requestHash')
        .where('a.cost_id = :id AND a.action = :action', { id: cost.id, action })
        .getOne();
      if (done) {
        if (done.idempotencyKey !== key) {
          throw DomainError.conflict(
            `PATENT_COST.ALREADY_${action.toUpperCase()}`,
            `this cost already has a recorded ${action}`,
          );
        }
        assertSameRequest(done.requestHash, hash, { costId: cost.id });
        return this.viewIn(em, cost, true);
      }
      const before = { ...cost };
      const outcome = await run(em, cost);
      await em.insert(PatentCostAction, {
        costId: cost.id,
        action,
        actedOn: outcome.actedOn,
        idempotencyKey: key,
        requestHash: hash,
        entryId: outcome.entryId,
        reason: outcome.reason ?? null,
        createdByTokenId: actor.tokenId,
      });
      const after = await em.findOneOrFail(PatentCostEvent, { where: { id: cost.id } });
      await this.audit.record(em, actor, {
        action: `patent_cost.${action}`,
        entityType: 'patent_cost',
        entityId: cost.id,
        platformId: ids.platformId,
        before,
        after,
      });
      return this.viewIn(em, after, false);
    });
  }

  /** Approves a cost for payment: its allocation, brought up to date, is posted payers ← payable. */
  async approve(
    actor: Actor,
    ids: CostIds,
    key: string,
    input: { approvedOn: LocalDate },
  ): Promise<PatentCostView> {
    return this.act(actor, ids, 'approve', key, input, async (em, cost) => {
      if (cost.status !== 'planned' && cost.status !== 'invoiced') {
        throw DomainError.conflict(
          'PATENT_COST.NOT_APPROVABLE',
          `a ${cost.status} cost cannot be approved`,
        );
      }
      // Approve with the payers the rules give now (the re-allocation job may not have run yet).
      await this.reallocateOne(em, cost, input.approvedOn);
      const payers = await em.find(PatentCostAllocation, {
        where: { costId: cost.id, allocationVersion: cost.allocationVersion },
        order: { position: 'ASC' },
      });
      const posted = await this.postApproval(
        em,
        actor,
        cost,
        cost.allocationVersion,
        payers.map((p) => ({
          payerKind: p.payerKind,
          organisationId: p.organisationId ?? undefined,
          projectId: p.projectId ?? undefined,
          amountYen: p.amountYen,
        })),
        input.approvedOn,
      );
      await em.update(
        PatentCostEvent,
        { id: cost.id },
        { status: 'approved', approvalEntryId: posted.entry.id, updatedAt: new Date() },
      );
      return { entryId: posted.entry.id, actedOn: input.approvedOn };
    });
  }

  /** Pays an approved cost: payable ← bank. */
  async pay(
    actor: Actor,
    ids: CostIds,
    key: string,
    input: { paidOn: LocalDate },
  ): Promise<PatentCostView> {
    return this.act(actor, ids, 'pay', key, input, async (em, cost) => {
      if (cost.status !== 'approved')
        throw DomainError.conflict(
          'PATENT_COST.NOT_PAYABLE',
          `a ${cost.status} cost cannot be paid; approve it first`,
        );
      const posted = await this.ledger.post(em, actor, {
        platformId: cost.platformId,
        idempotencyKey: ledgerKey.payment(cost.id),
        requestHash: requestHash({
          op: 'patent_cost.payment',
          costId: cost.id,
          amountYen: cost.amountYen,
          paidOn: input.paidOn,
        }),
        entryDate: input.paidOn,
        kind: 'patent_cost_payment',
        description: `Patent cost ${cost.kind}${cost.feeYear ? ` year ${cost.feeYear}` : ''} paid`,
        lines: [
          debit(Accounts.patentCostsPayable(), cost.amountYen),
          credit(Accounts.bank(), cost.amountYen),
        ],
        sourceType: 'patent_cost',
        sourceId: cost.id,
      });
      await em.update(PatentCostEvent, { id: cost.id }, { status: 'paid', updatedAt: new Date() });
      return { entryId: posted.entry.id, actedOn: input.paidOn };
    });
  }

  /** Corrects a paid cost: reversing entries for its payment and its approval; nothing is deleted. */
  async reverse(
    actor: Actor,
    ids: CostIds,
    key: string,
    input: { reversedOn: LocalDate; reason: string },
  ): Promise<PatentCostView> {
    return this.act(actor, ids, 'reversal', key, input, async (em, cost) => {
      if (cost.status !== 'paid') {
        throw DomainError.conflict(
          'PATENT_COST.NOT_PAID',
          `only a paid cost is corrected by reversal (this one is ${cost.status}; cancel it instead)`,
        );
      }
      const pay = await em.findOneOrFail(PatentCostAction, {
        where: { costId: cost.id, action: 'pay' },
      });
      const hash = requestHash({ op: 'patent_cost.reversal', costId: cost.id, ...input });
      const reversal = await this.ledger.reverse(em, actor, {
        platformId: cost.platformId,
        entryId: pay.entryId as string,
        entryDate: input.reversedOn,
        reason: input.reason,
        idempotencyKey: ledgerKey.paymentReversal(cost.id),
        requestHash: hash,
      });
      await this.ledger.reverse(em, actor, {
        platformId: cost.platformId,
        entryId: cost.approvalEntryId as string,
        entryDate: input.reversedOn,
        reason: input.reason,
        idempotencyKey: ledgerKey.approvalReversal(cost.id, cost.allocationVersion),
        requestHash: hash,
      });
      await em.update(
        PatentCostEvent,
        { id: cost.id },
        { status: 'reversed', updatedAt: new Date() },
      );
      return { entryId: reversal.entry.id, actedOn: input.reversedOn, reason: input.reason };
    });
  }

  /** Cancels a cost not yet paid; an approved one has its approval reversed. */
  async cancel(
    actor: Actor,
    ids: CostIds,
    key: string,
    input: { cancelledOn: LocalDate; reason: string },
  ): Promise<PatentCostView> {
    return this.act(actor, ids, 'cancel', key, input, async (em, cost) => {
      if (!OPEN_STATUSES.includes(cost.status)) {
        throw DomainError.conflict(
          'PATENT_COST.NOT_CANCELLABLE',
          `a ${cost.status} cost cannot be cancelled${cost.status === 'paid' ? '; reverse it' : ''}`,
        );
      }
      let entryId: string | null = null;
      if (cost.status === 'approved' && cost.approvalEntryId) {
        entryId = (
          await this.ledger.reverse(em, actor, {
            platformId: cost.platformId,
            entryId: cost.approvalEntryId,
            entryDate: input.cancelledOn,
            reason: input.reason,
            idempotencyKey: ledgerKey.approvalReversal(cost.id, cost.allocationVersion),
            requestHash: requestHash({ op: 'patent_cost.cancel', costId: cost.id, ...input }),
          })
        ).entry.id;
      }
      await em.update(
        PatentCostEvent,
        { id: cost.id },
        { status: 'cancelled', updatedAt: new Date() },
      );
      return { entryId, actedOn: input.cancelledOn, reason: input.reason };
    });
  }

  // ── re-allocation (background job) ────────────────────────────────────────────────────────

  /**
   * Re-allocates every cost of the platform not yet paid, in ONE transaction: planned costs get
   * new payers, approved ones have their approval reversed and re-posted. Ledger keys depend only
   * on (cost, allocation version), so a run killed at any point leaves nothing behind and the
   * re-run equals a clean run; a run with nothing changed posts nothing.
   */
  async reallocate(platformId: string): Promise<ReallocationResult> {
    return this.dataSource.transaction(async (em) => {
      const version = await requestedVersion(em, platformId, DerivedKind.PatentCostAllocation);
      const costs = await em
        .getRepository(PatentCostEvent)
        .createQueryBuilder('c')
        .setLock('pessimistic_write')
        .where('c.platform_id = :platformId AND c.status IN (:...open)', {
          platformId,
          open: OPEN_STATUSES,
        })
        .orderBy('c.id')
        .getMany();
      const result: ReallocationResult = {
        version,
        examined: costs.length,
        reallocated: 0,
        reposted: 0,
        skipped: [],
      };
      const today = todayInJapan();
      for (const cost of costs) {
        try {
          // A savepoint per cost: a cost the rules cannot allocate is reported, the others proceed.
          await em.query('SAVEPOINT patent_cost');
          const done = await this.reallocateOne(em, cost, today);
          await em.query('RELEASE SAVEPOINT patent_cost');
          if (done === 'reallocated') result.reallocated += 1;
          if (done === 'reposted') result.reposted += 1;
        } catch (err) {
          if (!(err instanceof DomainError)) throw err;
          await em.query('ROLLBACK TO SAVEPOINT patent_cost');
          result.skipped.push({ costId: cost.id, code: err.code });
        }
      }
      await markComputed(em, platformId, DerivedKind.PatentCostAllocation, version);
      this.logger.log({ platformId, ...result }, 'patent costs re-allocated');
      return result;
    });
  }

  async allocationStatus(platformId: string): Promise<DerivedStatus> {
    return derivedStatus(this.dataSource.manager, platformId, DerivedKind.PatentCostAllocation);
  }

  /** Enqueued after the commit of an ownership or cost-rule change. */
  async enqueueReallocation(platformId: string): Promise<void> {
    await this.jobs.enqueueBestEffort({
      name: JobName.ReallocatePatentCosts,
      data: { platformId },
    });
  }

  // ── members' bills ────────────────────────────────────────────────────────────────────────

  /** What an organisation is charged (current allocation of costs not cancelled or reversed). */
  async bills(
    actor: Actor,
    platformId: string,
    organisationId: string,
    fiscalYear?: number,
  ): Promise<{ status: DerivedStatus; bills: CostBill[]; totalYen: Yen }> {
    if (isMember(actor) && actor.organisationId !== organisationId) {
      throw DomainError.notFound(
        'ORGANISATION.NOT_FOUND',
        `organisation ${organisationId} does not exist`,
      );
    }
    const params: unknown[] = [platformId, organisationId];
    const fyFilter =
      fiscalYear === undefined ? '' : `AND c.fiscal_year = $${params.push(fiscalYear)}`;
    const rows = await this.dataSource.query<
      {
        cost_id: string;
        asset_id: string;
        filing_id: string;
        jurisdiction: string;
        kind: PatentCostKind;
        fee_year: number | null;
        due_on: string;
        fiscal_year: number;
        status: string;
        rule: string;
        currency: string;
        amount: string;
        amount_yen: string;
        part: string;
      }[]
    >(
      `SELECT c.id AS cost_id, c.asset_id, c.filing_id, f.jurisdiction, c.kind, c.fee_year, c.due_on::text, c.fiscal_year, c.status,
              min(a.rule) AS rule, c.currency, c.amount::text, c.amount_yen::text, sum(a.amount_yen)::text AS part
         FROM patent_cost_events c
         JOIN patent_cost_allocations a ON a.cost_id = c.id AND a.allocation_version = c.allocation_version
         JOIN ip_filings f ON f.id = c.filing_id
        WHERE c.platform_id = $1 AND a.organisation_id = $2 AND c.status NOT IN ('cancelled','reversed') ${fyFilter}
        GROUP BY c.id, f.jurisdiction
        ORDER BY c.due_on, c.id`,
      params,
    );
    const bills = rows.map((r): CostBill => ({
      costId: r.cost_id,
      assetId: r.asset_id,
      filingId: r.filing_id,
      jurisdiction: r.jurisdiction,
      kind: r.kind,
      feeYear: r.fee_year,
      dueOn: r.due_on,
      fiscalYear: r.fiscal_year,
      status: r.status,
      rule: r.rule,
      currency: r.currency,
      amount: BigInt(r.amount),
      costYen: BigInt(r.amount_yen),
      amountYen: BigInt(r.part),
    }));
    return {
      status: await this.allocationStatus(platformId),
      bills,
      totalYen: bills.reduce((s, b) => s + b.amountYen, 0n),
    };
  }
}

export interface CostIds {
  platformId: string;
  assetId: string;
  filingId: string;
  costId: string;
}
