import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Entitlements recompute writes only what changed (issue 5's quality bar, docs in README
 * "Storage"):
 *
 * - `entitlement_asset_rules` is dropped. Nothing read it: checks, listings and the matrix read
 *   asset facts live from their histories as of the date asked, so rebuilding 20,000 rows of
 *   facts as of "today" on every recompute was pure cost.
 * - `entitlement_member_classes.contributions` holds the ids of the contributions behind the
 *   class (uuid[], a set: its order carries no meaning) instead of jsonb copies of them.
 *   Contributions are append-only (a trigger forbids UPDATE/DELETE), so a check reads their
 *   details by id and gets exactly what the copy said; the recompute no longer builds 20,000
 *   jsonb objects just to compare them with the stored ones.
 * - entitlement_member_classes loses its foreign keys. Its rows are derived, in one snapshot,
 *   from contributions and policy versions whose own keys already guarantee the ids; the four
 *   checks per written row only made every insert several times dearer (a recompute into an
 *   empty table: ~280 ms of which ~200 ms were FK checks, at 12,000 rows).
 *
 * Existing rows are converted in place, so answers stay right between deploy and the next
 * recompute.
 */
const FOREIGN_KEYS = [
  { name: 'entitlement_member_classes_platform_id_fkey', column: 'platform_id', references: 'platforms' },
  { name: 'entitlement_member_classes_organisation_id_fkey', column: 'organisation_id', references: 'organisations' },
  { name: 'entitlement_member_classes_project_id_fkey', column: 'project_id', references: 'research_projects' },
  { name: 'entitlement_member_classes_policy_version_id_fkey', column: 'policy_version_id', references: 'policy_versions' },
] as const;

export class EntitlementsCompactRecompute1764900000000 implements MigrationInterface {
  name = 'EntitlementsCompactRecompute1764900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE entitlement_asset_rules');
    for (const fk of FOREIGN_KEYS) await q.query(`ALTER TABLE entitlement_member_classes DROP CONSTRAINT ${fk.name}`);
    // ALTER … USING cannot hold a subquery: add, fill, swap.
    await q.query('ALTER TABLE entitlement_member_classes ADD COLUMN contribution_ids uuid[]');
    await q.query(`
      UPDATE entitlement_member_classes
         SET contribution_ids = ARRAY(SELECT (e.x->>'id')::uuid FROM jsonb_array_elements(contributions) WITH ORDINALITY AS e(x, i) ORDER BY e.i)`);
    await q.query('ALTER TABLE entitlement_member_classes DROP COLUMN contributions');
    await q.query('ALTER TABLE entitlement_member_classes RENAME COLUMN contribution_ids TO contributions');
    await q.query('ALTER TABLE entitlement_member_classes ALTER COLUMN contributions SET NOT NULL');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE entitlement_member_classes ADD COLUMN contribution_refs jsonb');
    await q.query(`
      UPDATE entitlement_member_classes e
         SET contribution_refs = coalesce((
               SELECT jsonb_agg(jsonb_build_object('id', c.id, 'projectId', c.project_id, 'fiscalYear', c.fiscal_year,
                                                   'directCostYen', c.direct_cost_yen::text) ORDER BY k.i)
                 FROM unnest(e.contributions) WITH ORDINALITY AS k(id, i) JOIN contributions c ON c.id = k.id), '[]'::jsonb)`);
    await q.query('ALTER TABLE entitlement_member_classes DROP COLUMN contributions');
    await q.query('ALTER TABLE entitlement_member_classes RENAME COLUMN contribution_refs TO contributions');
    await q.query('ALTER TABLE entitlement_member_classes ALTER COLUMN contributions SET NOT NULL');
    for (const fk of FOREIGN_KEYS) {
      await q.query(`ALTER TABLE entitlement_member_classes ADD CONSTRAINT ${fk.name} FOREIGN KEY (${fk.column}) REFERENCES ${fk.references}(id)`);
    }
    // Empty: the next recompute of the previous code rebuilds it.
    await q.query(`
      CREATE TABLE entitlement_asset_rules (
        platform_id uuid NOT NULL REFERENCES platforms(id),
        asset_id uuid NOT NULL REFERENCES ip_assets(id),
        origin text NOT NULL,
        project_id uuid,
        project_kind text,
        holder_organisation_id uuid,
        holder_consents_to_research_use boolean,
        pooled boolean NOT NULL,
        research_commons boolean NOT NULL,
        technology_field text NOT NULL,
        owners jsonb NOT NULL,
        as_of date NOT NULL,
        PRIMARY KEY (platform_id, asset_id)
      )`);
  }
}
