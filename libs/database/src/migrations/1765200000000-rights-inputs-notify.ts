import { MigrationInterface, QueryRunner } from 'typeorm';

/** Every table a rights check reads (EntitlementsService.check and ASSET_FACTS_SQL). */
export const RIGHTS_INPUT_TABLES = [
  'platforms',
  'policy_versions',
  'derived_state_requests',
  'derived_state_results',
  'organisations',
  'memberships',
  'research_projects',
  'project_participants',
  'contributions',
  'entitlement_member_classes',
  'ip_assets',
  'ip_asset_flag_history',
  'ip_ownership_versions',
  'ip_ownership_shares',
  'holder_research_consents',
  'committee_decisions',
  'committee_decision_acceptances',
] as const;

/**
 * API processes cache rights answers; any committed change to a table a rights check reads is
 * announced on the ipl_rights_inputs channel (once per statement, with the table's name), and
 * every process drops its cached answers (ADR 0006).
 */
export class RightsInputsNotify1765200000000 implements MigrationInterface {
  name = 'RightsInputsNotify1765200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION notify_rights_inputs() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('ipl_rights_inputs', TG_TABLE_NAME);
        RETURN NULL;
      END $$`);
    for (const table of RIGHTS_INPUT_TABLES) {
      await q.query(`CREATE TRIGGER ${table}_rights_inputs AFTER INSERT OR UPDATE OR DELETE ON ${table}
        FOR EACH STATEMENT EXECUTE FUNCTION notify_rights_inputs()`);
      await q.query(`CREATE TRIGGER ${table}_rights_inputs_truncate AFTER TRUNCATE ON ${table}
        FOR EACH STATEMENT EXECUTE FUNCTION notify_rights_inputs()`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of RIGHTS_INPUT_TABLES) {
      await q.query(`DROP TRIGGER IF EXISTS ${table}_rights_inputs ON ${table}`);
      await q.query(`DROP TRIGGER IF EXISTS ${table}_rights_inputs_truncate ON ${table}`);
    }
    await q.query(`DROP FUNCTION IF EXISTS notify_rights_inputs()`);
  }
}
