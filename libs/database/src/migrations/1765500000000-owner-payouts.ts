import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Paying owners their share of licence income: each payout settles part of
 * `payable:owner:<org>` against `bank` through one journal entry. Append-only, like every money
 * record; a key per (platform, owner) makes a re-sent payout a replay.
 */
export class OwnerPayouts1765500000000 implements MigrationInterface {
  name = 'OwnerPayouts1765500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE owner_payouts (
        id uuid PRIMARY KEY,
        platform_id uuid NOT NULL REFERENCES platforms(id),
        organisation_id uuid NOT NULL REFERENCES organisations(id),
        paid_on date NOT NULL,
        amount_yen bigint NOT NULL CHECK (amount_yen > 0),
        note text,
        entry_id uuid NOT NULL REFERENCES journal_entries(id),
        idempotency_key text NOT NULL,
        request_hash text NOT NULL,
        created_by_token_id uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT owner_payouts_key UNIQUE (platform_id, organisation_id, idempotency_key)
      )`);
    await q.query(`CREATE INDEX owner_payouts_owner_idx ON owner_payouts (platform_id, organisation_id, paid_on)`);
    await q.query(`CREATE TRIGGER owner_payouts_append_only BEFORE UPDATE OR DELETE ON owner_payouts
      FOR EACH ROW EXECUTE FUNCTION forbid_mutation()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE owner_payouts`);
  }
}
