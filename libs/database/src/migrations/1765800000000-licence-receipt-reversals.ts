import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A licence receipt recorded by mistake is corrected by reversing both of its entries (the
 * receipt and the sharing of the income): one append-only row per reversed receipt.
 */
export class LicenceReceiptReversals1765800000000 implements MigrationInterface {
  name = 'LicenceReceiptReversals1765800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE licence_receipt_reversals (
        receipt_id uuid PRIMARY KEY REFERENCES licence_receipts(id),
        reversed_on date NOT NULL,
        reason text NOT NULL,
        receipt_reversal_entry_id uuid NOT NULL REFERENCES journal_entries(id),
        sharing_reversal_entry_id uuid NOT NULL REFERENCES journal_entries(id),
        idempotency_key text NOT NULL,
        created_by_token_id uuid,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE TRIGGER licence_receipt_reversals_append_only BEFORE UPDATE OR DELETE ON licence_receipt_reversals
      FOR EACH ROW EXECUTE FUNCTION forbid_mutation()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE licence_receipt_reversals`);
  }
}
