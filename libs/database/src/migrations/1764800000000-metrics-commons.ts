import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Metrics and the Research Patent Commons (issue 6, second half): the IP office's personnel
 * cost per fiscal year (the denominator of profitability besides patent costs), KPI targets
 * against a base year, and institutions' registered research use of commons assets.
 */
export class MetricsCommons1764800000000 implements MigrationInterface {
  name = 'MetricsCommons1764800000000';

  async up(q: QueryRunner): Promise<void> {
    // One figure per platform and fiscal year; a PUT replaces it (the audit log keeps the old one).
    await q.query(`
      CREATE TABLE ip_office_costs (
        platform_id uuid NOT NULL REFERENCES platforms(id),
        fiscal_year integer NOT NULL CHECK (fiscal_year BETWEEN 1900 AND 9998),
        personnel_cost_yen bigint NOT NULL CHECK (personnel_cost_yen >= 0),
        updated_by_token_id uuid,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (platform_id, fiscal_year)
      )`);

    await q.query(`
      CREATE TABLE kpi_targets (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        platform_id uuid NOT NULL REFERENCES platforms(id),
        kpi text NOT NULL CHECK (kpi IN ('company_investment_multiple','large_joint_research_count','large_joint_research_multiple')),
        base_fiscal_year integer NOT NULL CHECK (base_fiscal_year BETWEEN 1900 AND 9998),
        target_fiscal_year integer NOT NULL CHECK (target_fiscal_year BETWEEN 1900 AND 9998),
        target_value numeric(14,2) NOT NULL CHECK (target_value > 0),
        note text CHECK (length(note) <= 1000),
        created_by_token_id uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT kpi_targets_years CHECK (target_fiscal_year > base_fiscal_year),
        CONSTRAINT kpi_targets_key UNIQUE (platform_id, kpi, base_fiscal_year, target_fiscal_year)
      )`);

    // Research use is free and needs no licence (DOMAIN.md §4); registering it tells the holder who uses what.
    await q.query(`
      CREATE TABLE commons_research_uses (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        asset_id uuid NOT NULL REFERENCES ip_assets(id),
        organisation_id uuid NOT NULL REFERENCES organisations(id),
        purpose text NOT NULL CHECK (length(purpose) BETWEEN 1 AND 2000),
        started_on date NOT NULL,
        created_by_token_id uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT commons_research_uses_key UNIQUE (asset_id, organisation_id, started_on, purpose)
      )`);
    await q.query(
      `CREATE INDEX commons_research_uses_asset_idx ON commons_research_uses (asset_id, started_on)`,
    );
    await q.query(`CREATE TRIGGER commons_research_uses_append_only BEFORE UPDATE OR DELETE ON commons_research_uses
      FOR EACH ROW EXECUTE FUNCTION forbid_mutation()`);
    await q.query(
      `CREATE INDEX ip_assets_commons_idx ON ip_assets (technology_field) WHERE research_commons`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS ip_assets_commons_idx`);
    await q.query(`DROP TABLE IF EXISTS commons_research_uses, kpi_targets, ip_office_costs`);
  }
}
