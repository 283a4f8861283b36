import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A contribution receipt recorded by mistake (twice, the wrong amount, the wrong funder) is
 * corrected by reversing its entry: one append-only row per reversed receipt, with the reversal
 * entry. The contribution stays invoiced; its outstanding amount grows back by the receipt.
 */
export class ContributionReceiptReversals1765700000000 implements MigrationInterface {
  name = 'ContributionReceiptReversals1765700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE contribution_receipt_reversals (
        receipt_id uuid PRIMARY KEY REFERENCES contribution_receipts(id),
        reversed_on date NOT NULL,
        reason text NOT NULL,
        entry_id uuid NOT NULL REFERENCES journal_entries(id),
        idempotency_key text NOT NULL,
        created_by_token_id uuid,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE TRIGGER contribution_receipt_reversals_append_only BEFORE UPDATE OR DELETE ON contribution_receipt_reversals
      FOR EACH ROW EXECUTE FUNCTION forbid_mutation()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE contribution_receipt_reversals`);
  }
}
