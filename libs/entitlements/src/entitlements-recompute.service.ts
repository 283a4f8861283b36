import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { DomainError, LocalDate, fiscalYearOf, todayInJapan } from '@app/kernel';
import { DerivedKind, markComputed, requestedVersion } from '@app/queue';
import { classSegments } from './domain';

/** Fiscal years after the last contribution that still get class rows (cumulative windows carry on). */
const YEARS_AHEAD = 2;

export interface RecomputeResult {
  version: number;
  classRows: number;
  assetRows: number;
}

/**
 * Rebuilds a platform's derived rights (docs/entitlements.md): member classes per class
 * segment and one rule row per asset, in ONE REPEATABLE READ transaction with set-based SQL,
 * like funding shares. The rows and the version they reflect come from one snapshot; a kill at
 * any line rolls back to the previous complete result, and a re-run gives the same rows.
 */
@Injectable()
export class EntitlementsRecomputeService {
  private readonly logger = new Logger(EntitlementsRecomputeService.name);

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async recompute(platformId: string): Promise<RecomputeResult> {
    return this.dataSource.transaction('REPEATABLE READ', async (em) => {
      const version = await requestedVersion(em, platformId, DerivedKind.Entitlements);
      // JIT compiling these plans costs more than running them (hundreds of ms at 20,000 assets).
      await em.query('SET LOCAL jit = off');
      const today = todayInJapan();
      const classRows = await this.writeClassRows(em, platformId, today);
      const assetRows = await this.writeAssetRows(em, platformId, today);
      await markComputed(em, platformId, DerivedKind.Entitlements, version);
      this.logger.log({ platformId, version, classRows, assetRows }, 'entitlements recomputed');
      return { version, classRows, assetRows };
    });
  }

  /** Class segments (fiscal year × policy version in force in it) worth storing for this platform. */
  private async segments(em: EntityManager, platformId: string, today: LocalDate) {
    const [platform] = await em.query<{ m: number }[]>('SELECT fiscal_year_start_month AS m FROM platforms WHERE id = $1', [platformId]);
    if (!platform) throw DomainError.notFound('PLATFORM.NOT_FOUND', `platform ${platformId} does not exist`);
    const versions = await em.query<{ id: string; version: number; effectiveFrom: string }[]>(
      `SELECT id, version, effective_from::text AS "effectiveFrom" FROM policy_versions WHERE platform_id = $1`,
      [platformId],
    );
    const [span] = await em.query<{ lo: number | null; hi: number | null }[]>(
      `SELECT min(fiscal_year) AS lo, max(fiscal_year) AS hi FROM contributions WHERE platform_id = $1 AND source_kind = 'company'`,
      [platformId],
    );
    if (span.lo === null || span.hi === null || versions.length === 0) return [];
    const policyYears = versions.map((v) => fiscalYearOf(v.effectiveFrom, platform.m));
    const to = Math.max(span.hi, fiscalYearOf(today, platform.m), ...policyYears) + YEARS_AHEAD;
    return classSegments(versions, span.lo, to, platform.m);
  }

  private async writeClassRows(em: EntityManager, platformId: string, today: LocalDate): Promise<number> {
    const segments = await this.segments(em, platformId, today);
    await em.query('DELETE FROM entitlement_member_classes WHERE platform_id = $1', [platformId]);
    if (segments.length === 0) return 0;
    // Everyone's counted contributions per (segment, member, scope); the scope's total is the
    // window sum over all members; the class is the first threshold reached (policy-terms classify()).
    const rows = await em.query<unknown[]>(
      `WITH seg AS (
         SELECT s.fiscal_year, pv.id AS policy_version_id, pv.version, pv.effective_from,
                pv.member_class_rules->>'basis' AS basis, pv.member_class_rules->>'window' AS win,
                pv.member_class_rules->>'thresholdKind' AS threshold_kind, pv.member_class_rules->'classes' AS classes
           FROM unnest($2::int[], $3::uuid[]) AS s(fiscal_year, policy_version_id)
           JOIN policy_versions pv ON pv.id = s.policy_version_id
       ), counted AS (
         SELECT c.id, c.organisation_id, c.project_id, c.fiscal_year, c.direct_cost_yen
           FROM contributions c
          WHERE c.platform_id = $1 AND c.source_kind = 'company'
            AND NOT EXISTS (SELECT 1 FROM contribution_reversals r WHERE r.contribution_id = c.id)
       ), own AS (
         SELECT s.fiscal_year, s.policy_version_id, c.organisation_id,
                CASE WHEN s.basis = 'project' THEN c.project_id END AS project_id,
                sum(c.direct_cost_yen) AS contributed,
                jsonb_agg(jsonb_build_object('id', c.id, 'projectId', c.project_id, 'fiscalYear', c.fiscal_year,
                                             'directCostYen', c.direct_cost_yen::text)
                          ORDER BY c.fiscal_year, c.project_id::text COLLATE "C", c.id::text COLLATE "C") AS refs
           FROM seg s
           JOIN counted c ON c.fiscal_year <= s.fiscal_year AND (s.win = 'cumulative' OR c.fiscal_year = s.fiscal_year)
          GROUP BY 1, 2, 3, 4
       ), scoped AS (
         SELECT o.*, sum(o.contributed) OVER (PARTITION BY o.fiscal_year, o.policy_version_id, o.project_id) AS total
           FROM own o
       )
       INSERT INTO entitlement_member_classes
         (platform_id, organisation_id, project_id, fiscal_year, policy_version_id, policy_version, policy_effective_from,
          window_kind, from_fiscal_year, class_code, benefit, discount_bp, contributed_yen, total_yen, share_bp, contributions)
       SELECT $1, t.organisation_id, t.project_id, t.fiscal_year, t.policy_version_id, s.version, s.effective_from,
              s.win, CASE WHEN s.win = 'fiscal_year' THEN t.fiscal_year END,
              cls.code, coalesce(cls.benefit, 'research_only'), cls.discount_bp,
              t.contributed, t.total, CASE WHEN t.total > 0 THEN floor(t.contributed * 10000 / t.total) ELSE 0 END, t.refs
         FROM scoped t
         JOIN seg s ON s.fiscal_year = t.fiscal_year AND s.policy_version_id = t.policy_version_id
         LEFT JOIN LATERAL (
           SELECT e.x->>'code' AS code, e.x->>'benefit' AS benefit, (e.x->>'discountBp')::int AS discount_bp
             FROM jsonb_array_elements(s.classes) WITH ORDINALITY AS e(x, i)
            WHERE t.contributed > 0 AND CASE WHEN s.threshold_kind = 'share_bp'
                    THEN t.total > 0 AND t.contributed * 10000 >= (e.x->>'minimum')::numeric * t.total
                    ELSE t.contributed >= (e.x->>'minimum')::numeric END
            ORDER BY e.i LIMIT 1
         ) cls ON true
       RETURNING 1`,
      [platformId, segments.map((s) => s.fiscalYear), segments.map((s) => s.policyVersionId)],
    );
    return rows.length;
  }

  /** One rule row per asset with its facts (flags, consent, owners) as of `today`. */
  private async writeAssetRows(em: EntityManager, platformId: string, today: LocalDate): Promise<number> {
    await em.query('DELETE FROM entitlement_asset_rules WHERE platform_id = $1', [platformId]);
    const rows = await em.query<unknown[]>(
      `INSERT INTO entitlement_asset_rules
         (platform_id, asset_id, origin, project_id, project_kind, holder_organisation_id, holder_consents_to_research_use,
          pooled, research_commons, technology_field, owners, as_of)
       SELECT a.platform_id, a."assetId", a.origin, a."projectId", a."projectKind", a."holderOrganisationId",
              a."holderConsentsToResearchUse", a.pooled, a."researchCommons", a."technologyField", a.owners, $2::date
         FROM (${ASSET_FACTS_SQL}) a
       RETURNING 1`,
      [platformId, today],
    );
    return rows.length;
  }
}

/**
 * An asset's rule facts as of a date ($2), from their histories: flags (ip_asset_flag_history),
 * the holder's research consent, the ownership version in force. $1 = platform id. Callers
 * append their own filters (alias `a0` is ip_assets).
 */
export const ASSET_FACTS_SQL = `
  SELECT a0.platform_id, a0.id AS "assetId", a0.origin, a0.project_id AS "projectId", p.kind AS "projectKind",
         a0.holder_organisation_id AS "holderOrganisationId", a0.technology_field AS "technologyField",
         coalesce(f.pooled, a0.pooled) AS pooled, coalesce(f.research_commons, a0.research_commons) AS "researchCommons",
         CASE WHEN a0.origin = 'background' THEN coalesce(hc.consents, false) END AS "holderConsentsToResearchUse",
         coalesce(o.owners, '[]'::jsonb) AS owners
    FROM ip_assets a0
    LEFT JOIN research_projects p ON p.id = a0.project_id
    LEFT JOIN LATERAL (
      SELECT h.pooled, h.research_commons FROM ip_asset_flag_history h
       WHERE h.asset_id = a0.id AND h.effective_from <= $2::date ORDER BY h.effective_from DESC, h.id DESC LIMIT 1
    ) f ON true
    LEFT JOIN LATERAL (
      SELECT c.consents FROM holder_research_consents c
       WHERE c.asset_id = a0.id AND c.effective_from <= $2::date ORDER BY c.effective_from DESC, c.id DESC LIMIT 1
    ) hc ON a0.origin = 'background'
    LEFT JOIN LATERAL (
      SELECT jsonb_agg(jsonb_build_object('organisationId', s.organisation_id, 'shareBp', s.share_bp) ORDER BY s.position) AS owners
        FROM ip_ownership_shares s
       WHERE s.version_id = (SELECT v.id FROM ip_ownership_versions v
                              WHERE v.asset_id = a0.id AND v.effective_from <= $2::date
                              ORDER BY v.effective_from DESC LIMIT 1)
    ) o ON true
   WHERE a0.platform_id = $1`;
