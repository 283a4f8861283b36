import { MigrationInterface, QueryRunner } from 'typeorm';

export class Funding1764200000000 implements MigrationInterface {
  name = 'Funding1764200000000';

  async up(q: QueryRunner): Promise<void> {
    // A contribution and the overhead split computed from the policy in force when it was invoiced.
    await q.query(`
      CREATE TABLE contributions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        platform_id uuid NOT NULL REFERENCES platforms(id),
        project_id uuid NOT NULL REFERENCES research_projects(id),
        source_kind text NOT NULL CHECK (source_kind IN ('company','public_matching')),
        organisation_id uuid REFERENCES organisations(id),
        funder_name text,
        fiscal_year integer NOT NULL,
        direct_cost_yen bigint NOT NULL CHECK (direct_cost_yen > 0),
        overhead_rate_bp integer NOT NULL,
        standard_overhead_rate_bp integer NOT NULL,
        overhead_yen bigint NOT NULL CHECK (overhead_yen >= 0),
        standard_overhead_yen bigint NOT NULL CHECK (standard_overhead_yen >= 0),
        ip_fund_yen bigint NOT NULL CHECK (ip_fund_yen >= 0),
        policy_version_id uuid REFERENCES policy_versions(id),
        invoiced_on date NOT NULL,
        note text,
        invoice_entry_id uuid NOT NULL REFERENCES journal_entries(id),
        idempotency_key text NOT NULL,
        request_hash text NOT NULL,
        created_by_token_id uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT contributions_split CHECK (overhead_yen = standard_overhead_yen + ip_fund_yen),
        CONSTRAINT contributions_funder CHECK (
          (source_kind = 'company' AND organisation_id IS NOT NULL AND funder_name IS NULL) OR
          (source_kind = 'public_matching' AND organisation_id IS NULL AND funder_name IS NOT NULL)),
        CONSTRAINT contributions_idempotency_key UNIQUE (platform_id, idempotency_key)
      )`);
    await q.query(`CREATE INDEX contributions_platform_idx ON contributions (platform_id, fiscal_year)`);
    await q.query(`CREATE INDEX contributions_org_idx ON contributions (organisation_id)`);

    await q.query(`
      CREATE TABLE contribution_receipts (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        contribution_id uuid NOT NULL REFERENCES contributions(id),
        received_on date NOT NULL,
        amount_yen bigint NOT NULL CHECK (amount_yen > 0),
        entry_id uuid NOT NULL REFERENCES journal_entries(id),
        idempotency_key text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX contribution_receipts_contribution_idx ON contribution_receipts (contribution_id)`);

    await q.query(`
      CREATE TABLE contribution_reversals (
        contribution_id uuid PRIMARY KEY REFERENCES contributions(id),
        reversed_on date NOT NULL,
        reason text NOT NULL,
        idempotency_key text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);

    for (const table of ['contributions', 'contribution_receipts', 'contribution_reversals']) {
      await q.query(`CREATE TRIGGER ${table}_append_only BEFORE UPDATE OR DELETE ON ${table}
        FOR EACH ROW EXECUTE FUNCTION forbid_mutation()`);
    }

    // Derived-state bookkeeping: writers bump requested_version in their own transaction; a
    // recompute records the version it saw. stale = requested_version > computed_version.
    await q.query(`
      CREATE TABLE derived_state_requests (
        platform_id uuid NOT NULL REFERENCES platforms(id),
        kind text NOT NULL,
        requested_version bigint NOT NULL,
        requested_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (platform_id, kind)
      )`);
    await q.query(`
      CREATE TABLE derived_state_results (
        platform_id uuid NOT NULL REFERENCES platforms(id),
        kind text NOT NULL,
        computed_version bigint NOT NULL,
        computed_at timestamptz NOT NULL,
        PRIMARY KEY (platform_id, kind)
      )`);

    // Funding shares per project, company and fiscal year, rebuilt by a background job.
    await q.query(`
      CREATE TABLE funding_shares (
        platform_id uuid NOT NULL REFERENCES platforms(id),
        project_id uuid NOT NULL REFERENCES research_projects(id),
        organisation_id uuid NOT NULL REFERENCES organisations(id),
        fiscal_year integer NOT NULL,
        contributed_yen bigint NOT NULL,
        project_company_total_yen bigint NOT NULL,
        PRIMARY KEY (platform_id, project_id, organisation_id, fiscal_year)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS funding_shares, derived_state_results, derived_state_requests,
      contribution_reversals, contribution_receipts, contributions`);
  }
}
