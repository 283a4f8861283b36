import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A licence ended before its term: one append-only row per licence with its last day and the
 * reason (licences themselves are append-only, so the end is recorded beside them).
 */
export class LicenceTerminations1765600000000 implements MigrationInterface {
  name = 'LicenceTerminations1765600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE licence_terminations (
        licence_id uuid PRIMARY KEY REFERENCES licences(id),
        ends_on date NOT NULL,
        reason text NOT NULL,
        created_by_token_id uuid,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE TRIGGER licence_terminations_append_only BEFORE UPDATE OR DELETE ON licence_terminations
      FOR EACH ROW EXECUTE FUNCTION forbid_mutation()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE licence_terminations`);
  }
}
