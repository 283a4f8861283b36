import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Licensing (docs/licensing.md): the platform's standard licence terms by effective date,
 * licence requests priced from entitlements, licence agreements, royalty reports, receipts with
 * their income sharing, and commercialisation events. Money rows are append-only; a request's
 * status is the only thing edited (pending → approved / rejected).
 */
export class Licensing1764700000000 implements MigrationInterface {
  name = 'Licensing1764700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE licence_standard_terms (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        platform_id uuid NOT NULL REFERENCES platforms(id),
        effective_from date NOT NULL,
        upfront_fee_yen bigint NOT NULL CHECK (upfront_fee_yen >= 0),
        royalty_bp integer NOT NULL CHECK (royalty_bp BETWEEN 0 AND 10000),
        annual_minimum_yen bigint NOT NULL CHECK (annual_minimum_yen >= 0),
        ip_fund_share_bp integer NOT NULL DEFAULT 3000 CHECK (ip_fund_share_bp BETWEEN 0 AND 10000),
        created_by_token_id uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT licence_standard_terms_effective_key UNIQUE (platform_id, effective_from)
      )`);
    await q.query(`
      CREATE TABLE licence_requests (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        platform_id uuid NOT NULL REFERENCES platforms(id),
        organisation_id uuid NOT NULL REFERENCES organisations(id),
        asset_ids uuid[] NOT NULL CHECK (cardinality(asset_ids) > 0),
        field_of_use text NOT NULL,
        territory text[] NOT NULL CHECK (cardinality(territory) > 0),
        exclusive boolean NOT NULL,
        sublicensing boolean NOT NULL,
        term_start date NOT NULL,
        term_end date NOT NULL,
        note text,
        status text NOT NULL CHECK (status IN ('pending','needs_committee','approved','rejected')),
        standard_terms_id uuid REFERENCES licence_standard_terms(id),
        discount_bp integer CHECK (discount_bp BETWEEN 0 AND 10000),
        upfront_fee_yen bigint CHECK (upfront_fee_yen >= 0),
        royalty_bp integer CHECK (royalty_bp BETWEEN 0 AND 10000),
        annual_minimum_yen bigint CHECK (annual_minimum_yen >= 0),
        ip_fund_share_bp integer CHECK (ip_fund_share_bp BETWEEN 0 AND 10000),
        entitlements jsonb NOT NULL,
        decided_on date,
        decision_reason text,
        decided_by_token_id uuid,
        created_by_token_id uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT licence_requests_term CHECK (term_end >= term_start),
        CONSTRAINT licence_requests_priced CHECK (status = 'needs_committee' OR status = 'rejected' OR discount_bp IS NOT NULL)
      )`);
    await q.query(
      `CREATE INDEX licence_requests_platform_idx ON licence_requests (platform_id, organisation_id)`,
    );
    await q.query(`
      CREATE TABLE licences (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        platform_id uuid NOT NULL REFERENCES platforms(id),
        request_id uuid NOT NULL UNIQUE REFERENCES licence_requests(id),
        organisation_id uuid NOT NULL REFERENCES organisations(id),
        asset_ids uuid[] NOT NULL CHECK (cardinality(asset_ids) > 0),
        field_of_use text NOT NULL,
        territory text[] NOT NULL CHECK (cardinality(territory) > 0),
        exclusive boolean NOT NULL,
        sublicensing boolean NOT NULL,
        term_start date NOT NULL,
        term_end date NOT NULL,
        upfront_fee_yen bigint NOT NULL CHECK (upfront_fee_yen >= 0),
        royalty_bp integer NOT NULL CHECK (royalty_bp BETWEEN 0 AND 10000),
        annual_minimum_yen bigint NOT NULL CHECK (annual_minimum_yen >= 0),
        ip_fund_share_bp integer NOT NULL CHECK (ip_fund_share_bp BETWEEN 0 AND 10000),
        discount_bp integer NOT NULL CHECK (discount_bp BETWEEN 0 AND 10000),
        entitlements jsonb NOT NULL,
        status text NOT NULL DEFAULT 'active' CHECK (status IN ('active')),
        granted_on date NOT NULL,
        upfront_entry_id uuid REFERENCES journal_entries(id),
        created_by_token_id uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT licences_term CHECK (term_end >= term_start)
      )`);
    await q.query(`CREATE INDEX licences_platform_idx ON licences (platform_id, organisation_id)`);
    await q.query(`CREATE INDEX licences_assets_idx ON licences USING gin (asset_ids)`);
    await q.query(`
      CREATE TABLE licence_royalty_reports (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        licence_id uuid NOT NULL REFERENCES licences(id),
        period_start date NOT NULL,
        period_end date NOT NULL,
        licence_year integer NOT NULL CHECK (licence_year > 0),
        net_sales_yen bigint NOT NULL CHECK (net_sales_yen >= 0),
        royalty_yen bigint NOT NULL CHECK (royalty_yen >= 0),
        minimum_top_up_yen bigint NOT NULL CHECK (minimum_top_up_yen >= 0),
        due_yen bigint NOT NULL CHECK (due_yen >= 0),
        entry_id uuid REFERENCES journal_entries(id),
        idempotency_key text NOT NULL,
        request_hash text NOT NULL,
        created_by_token_id uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT licence_royalty_reports_period CHECK (period_end >= period_start),
        CONSTRAINT licence_royalty_reports_key UNIQUE (licence_id, idempotency_key)
      )`);
    await q.query(`
      CREATE TABLE licence_receipts (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        licence_id uuid NOT NULL REFERENCES licences(id),
        received_on date NOT NULL,
        amount_yen bigint NOT NULL CHECK (amount_yen > 0),
        ip_fund_yen bigint NOT NULL CHECK (ip_fund_yen >= 0),
        receipt_entry_id uuid NOT NULL REFERENCES journal_entries(id),
        sharing_entry_id uuid NOT NULL REFERENCES journal_entries(id),
        idempotency_key text NOT NULL,
        request_hash text NOT NULL,
        created_by_token_id uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT licence_receipts_key UNIQUE (licence_id, idempotency_key)
      )`);
    await q.query(`
      CREATE TABLE licence_income_shares (
        id bigserial PRIMARY KEY,
        receipt_id uuid NOT NULL REFERENCES licence_receipts(id),
        recipient text NOT NULL CHECK (recipient IN ('ip_fund','owner')),
        asset_id uuid REFERENCES ip_assets(id),
        organisation_id uuid REFERENCES organisations(id),
        amount_yen bigint NOT NULL CHECK (amount_yen > 0),
        CONSTRAINT licence_income_shares_owner CHECK ((recipient = 'owner') = (organisation_id IS NOT NULL AND asset_id IS NOT NULL))
      )`);
    await q.query(
      `CREATE INDEX licence_income_shares_receipt_idx ON licence_income_shares (receipt_id)`,
    );
    await q.query(
      `CREATE INDEX licence_income_shares_org_idx ON licence_income_shares (organisation_id)`,
    );
    await q.query(`
      CREATE TABLE licence_commercialisations (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        licence_id uuid NOT NULL REFERENCES licences(id),
        launched_on date NOT NULL,
        product text NOT NULL,
        note text,
        created_by_token_id uuid,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    for (const table of [
      'licence_standard_terms',
      'licences',
      'licence_royalty_reports',
      'licence_receipts',
      'licence_income_shares',
      'licence_commercialisations',
    ]) {
      await q.query(`CREATE TRIGGER ${table}_append_only BEFORE UPDATE OR DELETE ON ${table}
        FOR EACH ROW EXECUTE FUNCTION forbid_mutation()`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'licence_commercialisations',
      'licence_income_shares',
      'licence_receipts',
      'licence_royalty_reports',
      'licences',
      'licence_requests',
      'licence_standard_terms',
    ]) {
      await q.query(`DROP TABLE ${table}`);
    }
  }
}
