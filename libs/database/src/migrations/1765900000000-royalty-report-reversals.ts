import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A royalty report with wrong figures is corrected by reversing it (its invoice entry, when it
 * had one) and reporting the period again: one append-only row per reversed report.
 */
export class RoyaltyReportReversals1765900000000 implements MigrationInterface {
  name = 'RoyaltyReportReversals1765900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE licence_royalty_report_reversals (
        report_id uuid PRIMARY KEY REFERENCES licence_royalty_reports(id),
        reversed_on date NOT NULL,
        reason text NOT NULL,
        entry_id uuid REFERENCES journal_entries(id),
        idempotency_key text NOT NULL,
        request_hash text NOT NULL,
        created_by_token_id uuid,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE TRIGGER licence_royalty_report_reversals_append_only BEFORE UPDATE OR DELETE ON licence_royalty_report_reversals
      FOR EACH ROW EXECUTE FUNCTION forbid_mutation()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE licence_royalty_report_reversals`);
  }
}
