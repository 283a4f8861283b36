import { Injectable, Optional } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Actor, isMember } from '@app/access';
import { ChangeFeed, NotifiedCache } from '@app/database';
import { DomainError, LocalDate, fiscalYearOf } from '@app/kernel';
import { platformNotFound } from '@app/membership';
import { DerivedKind, DerivedStatus, derivedStatus } from '@app/queue';
import {
  AssetRuleRow,
  CheckPieces,
  CommitteeDecision,
  Entitlement,
  MemberClassRow,
  MemberKind,
  MembershipPeriod,
  PolicyRef,
  Purpose,
  PURPOSES,
  Right,
  answerCheck,
  policyInForce,
} from './domain';
import { ASSET_FACTS_SQL } from './asset-facts.sql';

export interface RightsAnswer extends Entitlement {
  computedAt: string | null;
  /** A recompute is pending: the classes behind the answer may be outdated. */
  stale: boolean;
}

export interface RightsPage {
  items: RightsAnswer[];
  total: number;
  limit: number;
  offset: number;
  computedAt: string | null;
  stale: boolean;
}

export interface MemberRightsQuery {
  on: LocalDate;
  purpose?: Purpose;
  projectId?: string;
  technologyField?: string;
  right?: Right;
  limit: number;
  offset: number;
}

interface PlatformContext {
  fiscalYearStartMonth: number;
  policy: PolicyRef;
  status: DerivedStatus;
}

interface MemberPiece {
  organisationId: string;
  kind: MemberKind;
  country: string;
  memberships: MembershipPeriod[];
  participantProjectIds: string[];
}

export interface RightsQuestion {
  organisationId: string;
  assetId: string;
  purpose: Purpose;
  on: LocalDate;
}

export const rightsOrganisationNotFound = (id: string) =>
  DomainError.notFound('ORGANISATION.NOT_FOUND', `organisation ${id} does not exist`, { field: 'organisationId' });
export const rightsAssetNotFound = (id: string) =>
  DomainError.notFound('IP_ASSET.NOT_FOUND', `IP asset ${id} is not an asset of this platform`, { field: 'assetId' });

/** The channel on which every change to a table a rights check reads is announced (migration 1765200000000). */
export const RIGHTS_INPUTS_CHANNEL = 'ipl_rights_inputs';

interface CachedCheck {
  /** Null when the asset is not an asset of the platform. */
  answer: RightsAnswer | null;
  /** Whether the organisation was ever a member: a member token of a non-member is told "not found". */
  everMember: boolean;
}

/**
 * Answers rights checks from the stored pieces (docs/entitlements.md "Storage"): the member's
 * class from the derived entitlement_member_classes, everything else (asset facts, ownership,
 * membership, participation, committee decisions, policy) live from its history as of the
 * date. Each answer carries the derived state's computedAt and whether a recompute is pending.
 */
@Injectable()
export class EntitlementsService {
  /**
   * Answers of `check` by question, reused while every change to their inputs reaches this
   * process (ChangeFeed): any committed write to a table the check reads empties it (ADR 0006).
   */
  private readonly checks: NotifiedCache<CachedCheck>;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Optional() feed?: ChangeFeed,
    @Optional() config?: ConfigService,
  ) {
    this.checks = new NotifiedCache(feed, RIGHTS_INPUTS_CHANNEL, {
      ttlMs: (config?.get<number>('RIGHTS_CACHE_SECONDS') ?? 0) * 1000,
      maxEntries: 50_000,
      localWrites: true,
    });
  }

  /** A member asks only about its own organisation; another organisation's id is "not found". */
  private guardOrganisation(actor: Actor, organisationId: string): void {
    if (isMember(actor) && actor.organisationId !== organisationId) throw rightsOrganisationNotFound(organisationId);
  }

  /**
   * One check, in ONE round trip: the pieces (policy in force, derived status, member, asset
   * facts as of the date, the member's class rows for the date's segment, committee decisions)
   * come from a single statement, then `answerCheck` decides (the hot path of the API).
   */
  async check(actor: Actor, platformId: string, q: RightsQuestion): Promise<RightsAnswer> {
    this.guardOrganisation(actor, q.organisationId);
    const key = `${platformId}|${q.organisationId}|${q.assetId}|${q.purpose}|${q.on}`;
    return this.visibleTo(actor, platformId, q, await this.checks.get(key, () => this.loadCheck(platformId, q)));
  }

  /** A member token sees only platforms its organisation belongs (or belonged) to, as PlatformService.get. */
  private visibleTo(actor: Actor, platformId: string, q: RightsQuestion, found: CachedCheck): RightsAnswer {
    if (isMember(actor) && !found.everMember) throw platformNotFound(platformId);
    if (!found.answer) throw rightsAssetNotFound(q.assetId);
    return found.answer;
  }

  private async loadCheck(platformId: string, q: RightsQuestion): Promise<CachedCheck> {
    const [row] = await this.dataSource.query<
      {
        m: number | null;
        policies: { id: string; version: number; effectiveFrom: string }[];
        status: { requested: string | null; computed: string | null; computedAt: string | null };
        member: MemberPiece | null;
        asset: Omit<AssetRuleRow, 'platformId'> | null;
        classRows: RawClassRow[];
        decisions: RawDecision[];
      }[]
    >(
      `WITH pl AS (SELECT fiscal_year_start_month AS m FROM platforms WHERE id = $1),
            pol AS (SELECT id, version, effective_from::text AS "effectiveFrom" FROM policy_versions
                     WHERE platform_id = $1 AND effective_from <= $2::date ORDER BY effective_from DESC LIMIT 1)
       SELECT (SELECT m FROM pl) AS m,
              coalesce((SELECT jsonb_agg(pol) FROM pol), '[]') AS policies,
              jsonb_build_object(
                'requested', (SELECT requested_version::text FROM derived_state_requests WHERE platform_id = $1 AND kind = '${DerivedKind.Entitlements}'),
                'computed', (SELECT computed_version::text FROM derived_state_results WHERE platform_id = $1 AND kind = '${DerivedKind.Entitlements}'),
                'computedAt', (SELECT computed_at FROM derived_state_results WHERE platform_id = $1 AND kind = '${DerivedKind.Entitlements}')) AS status,
              (SELECT to_jsonb(mm) FROM (${MEMBERS_SQL} WHERE o.id = $3::uuid) mm) AS member,
              (SELECT to_jsonb(aa) - 'platform_id' FROM (${ASSET_FACTS_SQL} AND a0.id = $4::uuid) aa) AS asset,
              coalesce((SELECT jsonb_agg(cr) FROM (${CLASS_ROWS_SQL}
                  WHERE platform_id = $1 AND organisation_id = $3::uuid AND policy_version_id = (SELECT id FROM pol)
                    AND fiscal_year = extract(year FROM $2::date)::int - CASE WHEN extract(month FROM $2::date) < (SELECT m FROM pl) THEN 1 ELSE 0 END
                    -- classRowFor() picks the platform-wide row, else the asset's project's: load only those.
                    AND (e.project_id IS NULL OR e.project_id = (SELECT project_id FROM ip_assets WHERE id = $4::uuid))) cr), '[]') AS "classRows",
              coalesce((SELECT jsonb_agg(dd) FROM (${DECISIONS_SQL} WHERE d.asset_id = $4::uuid AND d.platform_id = $1) dd), '[]') AS decisions`,
      [platformId, q.on, q.organisationId, q.assetId],
    );
    if (row.m === null) throw DomainError.notFound('PLATFORM.NOT_FOUND', `platform ${platformId} does not exist`);
    if (!row.member) throw rightsOrganisationNotFound(q.organisationId);
    if (!row.asset) return { answer: null, everMember: row.member.memberships.length > 0 };
    const inForce = policyInForce(row.policies.map((p) => ({ ...p, memberClassRules: undefined as never })), q.on);
    const requested = Number(row.status.requested ?? 0);
    const computed = Number(row.status.computed ?? 0);
    const ctx: PlatformContext = {
      fiscalYearStartMonth: row.m,
      policy: { id: inForce.id, version: inForce.version, effectiveFrom: inForce.effectiveFrom },
      status: {
        requestedVersion: requested,
        computedVersion: computed,
        computedAt: row.status.computedAt ? new Date(row.status.computedAt) : null,
        stale: requested > computed,
      },
    };
    return {
      answer: this.answer(ctx, q.on, q.purpose, { ...row.asset, platformId }, row.member, row.classRows.map(toClassRow), toDecisions(row.decisions)),
      everMember: row.member.memberships.length > 0,
    };
  }

  /**
   * Every asset of the platform for one member, filtered and paged, in asset id order and, per
   * asset, in purpose order. Without a filter on the right, a page decides its own assets only;
   * filtering by right decides every asset (the right is what is filtered on).
   */
  async listForMember(actor: Actor, platformId: string, organisationId: string, q: MemberRightsQuery): Promise<RightsPage> {
    this.guardOrganisation(actor, organisationId);
    const ctx = await this.context(platformId, q.on);
    const [member] = await this.members(platformId, [organisationId]);
    if (!member) throw rightsOrganisationNotFound(organisationId);
    const filter = { projectId: q.projectId, technologyField: q.technologyField };
    const purposes = q.purpose ? [q.purpose] : [...PURPOSES];
    if (q.right) {
      const assets = await this.assets(platformId, q.on, filter);
      const [classRows, decisions] = await Promise.all([
        this.classRows(platformId, [organisationId], q.on, ctx),
        this.decisions(assets.filter((a) => a.origin === 'background').map((a) => a.assetId)),
      ]);
      const all: RightsAnswer[] = [];
      for (const asset of assets) {
        for (const purpose of purposes) {
          const a = this.answer(ctx, q.on, purpose, asset, member, classRows, decisions);
          if (a.right === q.right) all.push(a);
        }
      }
      return this.page(all.slice(q.offset, q.offset + q.limit), all.length, q, ctx);
    }
    const P = purposes.length;
    const positions = range(Math.floor(q.offset / P), Math.floor((q.offset + q.limit - 1) / P));
    const [{ count, at }, classRows] = await Promise.all([
      this.assetsAt(platformId, q.on, filter, positions),
      this.classRows(platformId, [organisationId], q.on, ctx),
    ]);
    const decisions = await this.decisions(backgroundIds(at));
    const items: RightsAnswer[] = [];
    for (let i = q.offset; i < Math.min(count * P, q.offset + q.limit); i++) {
      items.push(this.answer(ctx, q.on, purposes[i % P], at.get(Math.floor(i / P))!, member, classRows, decisions));
    }
    return this.page(items, count * P, q, ctx);
  }

  /** "Who may use asset P for this purpose, on what terms": every organisation that was ever a member. */
  async forAsset(platformId: string, assetId: string, q: { purpose: Purpose; on: LocalDate; limit: number; offset: number }): Promise<RightsPage> {
    const ctx = await this.context(platformId, q.on);
    const [asset] = await this.assets(platformId, q.on, { assetIds: [assetId] });
    if (!asset) throw rightsAssetNotFound(assetId);
    const members = await this.members(platformId, null);
    const [classRows, decisions] = await Promise.all([this.classRows(platformId, null, q.on, ctx), this.decisions([assetId])]);
    const all = members.map((m) => this.answer(ctx, q.on, q.purpose, asset, m, classRows, decisions));
    return this.page(all.slice(q.offset, q.offset + q.limit), all.length, q, ctx);
  }

  /**
   * The full matrix, members × assets × purposes, paged in that order. Only the page's members
   * and assets are loaded and decided; asset facts are those of the date asked.
   */
  async matrix(platformId: string, q: { on: LocalDate; purpose?: Purpose; limit: number; offset: number }): Promise<RightsPage> {
    const ctx = await this.context(platformId, q.on);
    const purposes = q.purpose ? [q.purpose] : [...PURPOSES];
    const [memberIds, { count }] = await Promise.all([
      this.dataSource.query<{ id: string }[]>(`SELECT DISTINCT organisation_id AS id FROM memberships WHERE platform_id = $1 ORDER BY 1`, [platformId]),
      this.assetsAt(platformId, q.on, {}, []),
    ]);
    const perMember = count * purposes.length;
    const total = memberIds.length * perMember;
    const items: RightsAnswer[] = [];
    const end = Math.min(total, q.offset + q.limit);
    if (q.offset < end) {
      const first = Math.floor(q.offset / perMember);
      const ids = memberIds.slice(first, Math.floor((end - 1) / perMember) + 1).map((r) => r.id);
      const positions = [...new Set(range(q.offset, end - 1).map((i) => Math.floor((i % perMember) / purposes.length)))];
      const [members, classRows, { at }] = await Promise.all([
        this.members(platformId, ids),
        this.classRows(platformId, ids, q.on, ctx),
        this.assetsAt(platformId, q.on, {}, positions),
      ]);
      const decisions = await this.decisions(backgroundIds(at));
      for (let i = q.offset; i < end; i++) {
        const m = members[Math.floor(i / perMember) - first];
        const rest = i % perMember;
        items.push(this.answer(ctx, q.on, purposes[rest % purposes.length], at.get(Math.floor(rest / purposes.length))!, m, classRows, decisions));
      }
    }
    return this.page(items, total, q, ctx);
  }

  private page(items: RightsAnswer[], total: number, q: { limit: number; offset: number }, ctx: PlatformContext): RightsPage {
    return {
      items,
      total,
      limit: q.limit,
      offset: q.offset,
      computedAt: iso(ctx.status.computedAt),
      stale: ctx.status.stale,
    };
  }

  private answer(
    ctx: PlatformContext,
    on: LocalDate,
    purpose: Purpose,
    asset: AssetRuleRow,
    member: MemberPiece,
    classRows: MemberClassRow[],
    decisions: Map<string, CommitteeDecision[]>,
  ): RightsAnswer {
    const pieces: CheckPieces = {
      date: on,
      purpose,
      fiscalYearStartMonth: ctx.fiscalYearStartMonth,
      asset,
      member,
      participantProjectIds: member.participantProjectIds,
      classRows: classRows.filter((r) => r.organisationId === member.organisationId),
      committeeDecisions: decisions.get(asset.assetId) ?? [],
      policy: ctx.policy,
      computedAt: ctx.status.computedAt,
    };
    const e = answerCheck(pieces);
    return { ...e, computedAt: iso(ctx.status.computedAt), stale: ctx.status.stale };
  }

  private async context(platformId: string, on: LocalDate): Promise<PlatformContext> {
    const [platform] = await this.dataSource.query<{ m: number; policies: { id: string; version: number; effectiveFrom: string }[] }[]>(
      `SELECT p.fiscal_year_start_month AS m,
              (SELECT coalesce(jsonb_agg(jsonb_build_object('id', v.id, 'version', v.version, 'effectiveFrom', v.effective_from)), '[]')
                 FROM policy_versions v WHERE v.platform_id = p.id AND v.effective_from <= $2::date) AS policies
         FROM platforms p WHERE p.id = $1`,
      [platformId, on],
    );
    if (!platform) throw DomainError.notFound('PLATFORM.NOT_FOUND', `platform ${platformId} does not exist`);
    const versions = platform.policies.map((p) => ({ ...p, memberClassRules: undefined as never }));
    const inForce = policyInForce(versions, on);
    const status = await derivedStatus(this.dataSource.manager, platformId, DerivedKind.Entitlements);
    return {
      fiscalYearStartMonth: platform.m,
      policy: { id: inForce.id, version: inForce.version, effectiveFrom: inForce.effectiveFrom },
      status,
    };
  }

  /** Organisations with their memberships of the platform and their project participations; null = every organisation ever a member. */
  private async members(platformId: string, organisationIds: string[] | null): Promise<MemberPiece[]> {
    return this.dataSource.query<MemberPiece[]>(
      `${MEMBERS_SQL}
        WHERE ${organisationIds ? 'o.id = ANY($2::uuid[])' : 'EXISTS (SELECT 1 FROM memberships m WHERE m.platform_id = $1 AND m.organisation_id = o.id)'}
        ORDER BY o.id`,
      organisationIds ? [platformId, organisationIds] : [platformId],
    );
  }

  private async assets(platformId: string, on: LocalDate, f: AssetFilter & { assetIds?: string[] }): Promise<AssetRuleRow[]> {
    const params: unknown[] = [platformId, on];
    // A check names its assets (the planner uses the primary key); a listing takes those that existed on the date.
    const where = f.assetIds ? `a0.id = ANY($${params.push(f.assetIds)}::uuid[])` : listingWhere(params, f);
    const rows = await this.dataSource.query<(AssetRuleRow & { technologyField: string })[]>(
      `${ASSET_FACTS_SQL} AND ${where} ORDER BY a0.id`,
      params,
    );
    return rows.map((r) => ({ ...r, platformId }));
  }

  /**
   * The assets at some positions of a listing (0-based, in id order) with their facts, and how
   * many assets the listing holds: a page reads the facts of its own assets, not of all of them.
   */
  private async assetsAt(platformId: string, on: LocalDate, f: AssetFilter, positions: number[]): Promise<{ count: number; at: Map<number, AssetRuleRow> }> {
    const params: unknown[] = [platformId, on];
    const where = listingWhere(params, f);
    const [found] = await this.dataSource.query<{ count: number; positions: number[]; ids: string[] }[]>(
      `SELECT count(*)::int AS count,
              coalesce(array_agg(i ORDER BY i) FILTER (WHERE i = ANY($${params.push(positions)}::bigint[])), '{}') AS positions,
              coalesce(array_agg(id::text ORDER BY i) FILTER (WHERE i = ANY($${params.length}::bigint[])), '{}') AS ids
         FROM (SELECT a0.id, (row_number() OVER (ORDER BY a0.id) - 1)::int AS i FROM ip_assets a0 WHERE a0.platform_id = $1 AND ${where}) x`,
      params,
    );
    const at = new Map<number, AssetRuleRow>();
    if (found.ids.length > 0) {
      const facts = new Map((await this.assets(platformId, on, { assetIds: found.ids })).map((a) => [a.assetId, a]));
      found.ids.forEach((id, k) => at.set(found.positions[k], facts.get(id)!));
    }
    return { count: found.count, at };
  }

  private async classRows(platformId: string, organisationIds: string[] | null, on: LocalDate, ctx: PlatformContext): Promise<MemberClassRow[]> {
    const rows = await this.dataSource.query<(Omit<RawClassRow, 'contributions'> & { contributionIds: string[] })[]>(
      `${CLASS_ROW_IDS_SQL}
        WHERE platform_id = $1 AND fiscal_year = $2 AND policy_version_id = $3
          ${organisationIds ? 'AND organisation_id = ANY($4::uuid[])' : ''}`,
      [platformId, fiscalYearOf(on, ctx.fiscalYearStartMonth), ctx.policy.id, ...(organisationIds ? [organisationIds] : [])],
    );
    const refs = await this.contributionRefs([...new Set(rows.flatMap((r) => r.contributionIds))]);
    const ref = (id: string) => {
      const found = refs.get(id);
      // Contributions are never deleted (append-only): a missing one is a broken invariant, not an empty reason.
      if (!found) throw new Error(`contribution ${id} behind a stored class row does not exist`);
      return found;
    };
    return rows.map(({ contributionIds, ...r }) => toClassRow({ ...r, contributions: contributionIds.map(ref).sort(byReasonOrder) }));
  }

  /** The contributions behind class rows, by id (append-only rows: what the class was computed from). */
  private async contributionRefs(ids: string[]): Promise<Map<string, RawContributionRef>> {
    if (ids.length === 0) return new Map();
    const rows = await this.dataSource.query<RawContributionRef[]>(
      `SELECT id::text, project_id::text AS "projectId", fiscal_year AS "fiscalYear", direct_cost_yen::text AS "directCostYen"
         FROM contributions WHERE id = ANY($1::uuid[])`,
      [ids],
    );
    return new Map(rows.map((r) => [r.id, r]));
  }

  private async decisions(assetIds: string[]): Promise<Map<string, CommitteeDecision[]>> {
    if (assetIds.length === 0) return new Map();
    return toDecisions(await this.dataSource.query<RawDecision[]>(`${DECISIONS_SQL} WHERE d.asset_id = ANY($1::uuid[])`, [assetIds]));
  }
}

const MEMBERS_SQL = `
  SELECT o.id AS "organisationId", o.kind, o.country,
         coalesce((SELECT jsonb_agg(jsonb_build_object('joinedOn', m.joined_on, 'leftOn', m.left_on))
                     FROM memberships m WHERE m.platform_id = $1 AND m.organisation_id = o.id), '[]') AS memberships,
         coalesce((SELECT jsonb_agg(pp.project_id) FROM project_participants pp
                     JOIN research_projects rp ON rp.id = pp.project_id AND rp.platform_id = $1
                    WHERE pp.organisation_id = o.id), '[]') AS "participantProjectIds"
    FROM organisations o`;

const CLASS_COLUMNS_SQL = `
  e.platform_id AS "platformId", e.organisation_id AS "organisationId", e.project_id AS "projectId", e.fiscal_year AS "fiscalYear",
  e.policy_version_id AS "policyVersionId", e.policy_version AS "policyVersion", e.policy_effective_from::text AS "policyEffectiveFrom",
  e.window_kind AS "windowKind", e.from_fiscal_year AS "fromFiscalYear", e.class_code AS "classCode", e.benefit,
  e.discount_bp AS "discountBp", e.contributed_yen::text AS "contributedYen", e.total_yen::text AS "totalYen", e.share_bp AS "shareBp"`;

/**
 * A check's class rows (one or two) with the contributions behind them. The row stores their
 * ids; contributions are append-only, so their details read by id are those the class was
 * computed from.
 */
const CLASS_ROWS_SQL = `
  SELECT ${CLASS_COLUMNS_SQL},
         coalesce((SELECT jsonb_agg(jsonb_build_object('id', c.id, 'projectId', c.project_id, 'fiscalYear', c.fiscal_year,
                                                       'directCostYen', c.direct_cost_yen::text)
                                    ORDER BY c.fiscal_year, c.project_id::text COLLATE "C", c.id::text COLLATE "C")
                     FROM contributions c WHERE c.id = ANY (e.contributions)), '[]'::jsonb) AS contributions
    FROM entitlement_member_classes e`;

/**
 * Listings' class rows (thousands) with the contributions' ids only: their details come in one
 * more query (`contributionRefs`). A lookup per row would make the plan look dear enough for
 * PostgreSQL to JIT-compile it, which costs more than running it.
 */
const CLASS_ROW_IDS_SQL = `
  SELECT ${CLASS_COLUMNS_SQL}, e.contributions::text[] AS "contributionIds"
    FROM entitlement_member_classes e`;

const DECISIONS_SQL = `
  SELECT d.asset_id AS "assetId", d.id, d.decided_on::text AS "decidedOn", d.terms_right AS "right", d.discount_bp AS "discountBp",
         a.accepted_on::text AS "acceptedOn", d.organisation_id AS "organisationId"
    FROM committee_decisions d LEFT JOIN committee_decision_acceptances a ON a.decision_id = d.id`;

interface RawContributionRef {
  id: string;
  projectId: string;
  fiscalYear: number;
  directCostYen: string;
}

type RawClassRow = Omit<MemberClassRow, 'contributedYen' | 'totalYen' | 'contributions'> & {
  contributedYen: string;
  totalYen: string;
  contributions: RawContributionRef[];
};

/** The order a reason lists contributions in (CLASS_ROWS_SQL's ORDER BY: uuids compare as their text in collation "C"). */
function byReasonOrder(a: RawContributionRef, b: RawContributionRef): number {
  const text = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);
  return a.fiscalYear - b.fiscalYear || text(a.projectId, b.projectId) || text(a.id, b.id);
}

interface RawDecision {
  assetId: string;
  id: string;
  decidedOn: string;
  right: 'free' | 'discounted' | 'standard' | 'none';
  discountBp: number | null;
  acceptedOn: string | null;
  organisationId: string | null;
}

function toClassRow(r: RawClassRow): MemberClassRow {
  return {
    ...r,
    contributedYen: BigInt(r.contributedYen),
    totalYen: BigInt(r.totalYen),
    contributions: r.contributions.map((c) => ({ ...c, directCostYen: BigInt(c.directCostYen) })),
  };
}

function toDecisions(rows: RawDecision[]): Map<string, CommitteeDecision[]> {
  const byAsset = new Map<string, CommitteeDecision[]>();
  for (const r of rows) {
    const list = byAsset.get(r.assetId) ?? [];
    list.push({
      id: r.id,
      decidedOn: r.decidedOn,
      terms: { right: r.right, discountBp: r.discountBp },
      holderAccepted: r.acceptedOn !== null,
      holderAcceptedOn: r.acceptedOn,
      organisationId: r.organisationId,
    });
    byAsset.set(r.assetId, list);
  }
  return byAsset;
}

interface AssetFilter {
  projectId?: string;
  technologyField?: string;
}

/** A listing's assets: those that existed on the date ($2), filtered. Appends its parameters. */
function listingWhere(params: unknown[], f: AssetFilter): string {
  const where = ['a0.created_on <= $2::date'];
  if (f.projectId) where.push(`a0.project_id = $${params.push(f.projectId)}::uuid`);
  if (f.technologyField) where.push(`a0.technology_field LIKE $${params.push(f.technologyField)}::text || '%'`);
  return where.join(' AND ');
}

/** from..to, both included (empty when to < from). */
function range(from: number, to: number): number[] {
  return Array.from({ length: Math.max(0, to - from + 1) }, (_, k) => from + k);
}

function backgroundIds(assets: Map<number, AssetRuleRow>): string[] {
  return [...new Set([...assets.values()].filter((a) => a.origin === 'background').map((a) => a.assetId))];
}

function iso(d: Date | null): string | null {
  return d ? d.toISOString() : null;
}
