import { MigrationInterface, QueryRunner } from 'typeorm';

export class PatentCosts1764400000000 implements MigrationInterface {
  name = 'PatentCosts1764400000000';

  async up(q: QueryRunner): Promise<void> {
    // Finance's exchange rates: yen for one unit on a date, as a decimal string with up to 4 dp.
    // One rate per (platform, currency, date); a recorded rate is never changed.
    await q.query(`
      CREATE TABLE exchange_rates (
        platform_id uuid NOT NULL REFERENCES platforms(id),
        currency text NOT NULL CHECK (currency IN ('USD','EUR')),
        rate_date date NOT NULL,
        yen_per_unit text NOT NULL CHECK (yen_per_unit ~ '^[0-9]{1,9}([.][0-9]{1,4})?$' AND yen_per_unit !~ '^0+([.]0*)?$'),
        created_by_token_id uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (platform_id, currency, rate_date)
      )`);
    await q.query(`CREATE TRIGGER exchange_rates_append_only BEFORE UPDATE OR DELETE ON exchange_rates
      FOR EACH ROW EXECUTE FUNCTION forbid_mutation()`);

    // One cost of one filing. Its status and current allocation version move; what was charged
    // to whom is kept per allocation version below, and every money movement is a ledger entry.
    await q.query(`
      CREATE TABLE patent_cost_events (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        platform_id uuid NOT NULL REFERENCES platforms(id),
        asset_id uuid NOT NULL,
        filing_id uuid NOT NULL,
        kind text NOT NULL CHECK (kind IN ('filing_fee','examination_fee','attorney_fee','translation_fee','office_action','annual_fee','late_surcharge')),
        fee_year integer CHECK (fee_year BETWEEN 1 AND 25),
        fee_year_to integer,
        currency text NOT NULL CHECK (currency IN ('JPY','USD','EUR')),
        amount bigint NOT NULL CHECK (amount > 0),
        amount_yen bigint NOT NULL CHECK (amount_yen > 0),
        rate_date date,
        yen_per_unit text,
        due_on date NOT NULL,
        fiscal_year integer NOT NULL,
        description text,
        source text NOT NULL CHECK (source IN ('manual','generated')),
        status text NOT NULL CHECK (status IN ('planned','invoiced','approved','paid','cancelled','reversed')),
        allocation_version integer NOT NULL DEFAULT 0,
        allocation_rule text,
        approval_entry_id uuid REFERENCES journal_entries(id),
        idempotency_key text,
        request_hash text,
        created_by_token_id uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT patent_cost_events_filing_fk FOREIGN KEY (filing_id, asset_id) REFERENCES ip_filings(id, asset_id),
        CONSTRAINT patent_cost_events_rate CHECK ((currency = 'JPY') = (rate_date IS NULL) AND (rate_date IS NULL) = (yen_per_unit IS NULL)),
        CONSTRAINT patent_cost_events_jpy CHECK (currency <> 'JPY' OR amount_yen = amount),
        CONSTRAINT patent_cost_events_years CHECK (fee_year_to IS NULL OR (fee_year IS NOT NULL AND fee_year_to >= fee_year)),
        CONSTRAINT patent_cost_events_approved CHECK (status NOT IN ('approved','paid') OR approval_entry_id IS NOT NULL)
      )`);
    await q.query(
      `CREATE UNIQUE INDEX patent_cost_events_key ON patent_cost_events (platform_id, idempotency_key) WHERE idempotency_key IS NOT NULL`,
    );
    // Generated fees: one event per (filing, kind, fee year), whatever the number of runs.
    await q.query(
      `CREATE UNIQUE INDEX patent_cost_events_fee_year_key ON patent_cost_events (filing_id, kind, fee_year) WHERE fee_year IS NOT NULL`,
    );
    await q.query(
      `CREATE INDEX patent_cost_events_platform_idx ON patent_cost_events (platform_id, status)`,
    );

    // Who pays, per allocation version: a re-allocation writes a new version, the old stays.
    await q.query(`
      CREATE TABLE patent_cost_allocations (
        cost_id uuid NOT NULL REFERENCES patent_cost_events(id),
        allocation_version integer NOT NULL CHECK (allocation_version > 0),
        position smallint NOT NULL,
        payer_kind text NOT NULL CHECK (payer_kind IN ('ip_fund','organisation','project_budget')),
        organisation_id uuid REFERENCES organisations(id),
        project_id uuid REFERENCES research_projects(id),
        amount_yen bigint NOT NULL CHECK (amount_yen > 0),
        rule text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (cost_id, allocation_version, position),
        CONSTRAINT patent_cost_allocations_payer CHECK (
          (payer_kind = 'organisation') = (organisation_id IS NOT NULL) AND (payer_kind = 'project_budget') = (project_id IS NOT NULL))
      )`);
    await q.query(
      `CREATE INDEX patent_cost_allocations_org_idx ON patent_cost_allocations (organisation_id) WHERE organisation_id IS NOT NULL`,
    );

    // Approve, pay, reverse, cancel: each at most once per cost, with the request's key and hash.
    await q.query(`
      CREATE TABLE patent_cost_actions (
        cost_id uuid NOT NULL REFERENCES patent_cost_events(id),
        action text NOT NULL CHECK (action IN ('approve','pay','reversal','cancel')),
        acted_on date NOT NULL,
        idempotency_key text NOT NULL,
        request_hash text NOT NULL,
        entry_id uuid REFERENCES journal_entries(id),
        reason text,
        created_by_token_id uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (cost_id, action)
      )`);
    for (const table of ['patent_cost_allocations', 'patent_cost_actions']) {
      await q.query(`CREATE TRIGGER ${table}_append_only BEFORE UPDATE OR DELETE ON ${table}
        FOR EACH ROW EXECUTE FUNCTION forbid_mutation()`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(
      `DROP TABLE IF EXISTS patent_cost_actions, patent_cost_allocations, patent_cost_events, exchange_rates`,
    );
  }
}
