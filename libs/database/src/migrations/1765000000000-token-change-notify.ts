import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * API processes cache checked tokens; every change to a token (revocation, deletion, or any
 * manual UPDATE) is announced on the ipl_api_tokens channel with the token's hash, so each
 * process forgets it at once. NOTIFY is delivered on commit, never for a rolled-back change.
 */
export class TokenChangeNotify1765000000000 implements MigrationInterface {
  name = 'TokenChangeNotify1765000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION notify_api_token_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_LEVEL = 'STATEMENT' THEN
          PERFORM pg_notify('ipl_api_tokens', '*');
        ELSE
          PERFORM pg_notify('ipl_api_tokens', encode(OLD.token_hash, 'hex'));
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(`CREATE TRIGGER api_tokens_changed AFTER UPDATE OR DELETE ON api_tokens
      FOR EACH ROW EXECUTE FUNCTION notify_api_token_change()`);
    await q.query(`CREATE TRIGGER api_tokens_truncated AFTER TRUNCATE ON api_tokens
      FOR EACH STATEMENT EXECUTE FUNCTION notify_api_token_change()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER IF EXISTS api_tokens_truncated ON api_tokens`);
    await q.query(`DROP TRIGGER IF EXISTS api_tokens_changed ON api_tokens`);
    await q.query(`DROP FUNCTION IF EXISTS notify_api_token_change()`);
  }
}
