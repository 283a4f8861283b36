import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Maintain / abandon reviews (DOMAIN §4, S4): the CPO's decisions, append-only, and the
 * takeover offers an abandon decision on a co-owned filing makes to the other co-owners. An
 * offer moves once, from offered to accepted (a co-owner takes the filing over) or closed (the
 * deadline passed without a taker and the filing was abandoned); the database enforces that.
 */
export class PatentReviews1764500000000 implements MigrationInterface {
  name = 'PatentReviews1764500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE patent_review_decisions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        platform_id uuid NOT NULL REFERENCES platforms(id),
        asset_id uuid NOT NULL,
        filing_id uuid NOT NULL,
        decision text NOT NULL CHECK (decision IN ('maintain','abandon')),
        reason text NOT NULL CHECK (length(reason) BETWEEN 1 AND 2000),
        decided_on date NOT NULL,
        outcome text NOT NULL CHECK (outcome IN ('maintained','abandoned','takeover_offered')),
        created_by_token_id uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT patent_review_decisions_filing_fk FOREIGN KEY (filing_id, asset_id) REFERENCES ip_filings(id, asset_id),
        CONSTRAINT patent_review_decisions_outcome CHECK (
          (decision = 'maintain' AND outcome = 'maintained') OR
          (decision = 'abandon' AND outcome IN ('abandoned','takeover_offered')))
      )`);
    await q.query(
      `CREATE INDEX patent_review_decisions_filing_idx ON patent_review_decisions (filing_id, decided_on)`,
    );
    await q.query(`CREATE TRIGGER patent_review_decisions_append_only BEFORE UPDATE OR DELETE ON patent_review_decisions
      FOR EACH ROW EXECUTE FUNCTION forbid_mutation()`);

    await q.query(`
      CREATE TABLE patent_takeover_offers (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        platform_id uuid NOT NULL REFERENCES platforms(id),
        decision_id uuid NOT NULL UNIQUE REFERENCES patent_review_decisions(id),
        asset_id uuid NOT NULL,
        filing_id uuid NOT NULL,
        offered_on date NOT NULL,
        deadline date NOT NULL,
        offered_to uuid[] NOT NULL CHECK (cardinality(offered_to) > 0),
        status text NOT NULL CHECK (status IN ('offered','accepted','closed')),
        taken_by_organisation_id uuid REFERENCES organisations(id),
        resolved_on date,
        ownership_version_id uuid REFERENCES ip_ownership_versions(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        resolved_at timestamptz,
        CONSTRAINT patent_takeover_offers_filing_fk FOREIGN KEY (filing_id, asset_id) REFERENCES ip_filings(id, asset_id),
        CONSTRAINT patent_takeover_offers_deadline CHECK (deadline >= offered_on),
        CONSTRAINT patent_takeover_offers_resolution CHECK (
          (status = 'offered' AND resolved_on IS NULL AND taken_by_organisation_id IS NULL AND ownership_version_id IS NULL) OR
          (status = 'accepted' AND resolved_on IS NOT NULL AND taken_by_organisation_id IS NOT NULL AND ownership_version_id IS NOT NULL
             AND taken_by_organisation_id = ANY (offered_to) AND resolved_on BETWEEN offered_on AND deadline) OR
          (status = 'closed' AND resolved_on IS NOT NULL AND taken_by_organisation_id IS NULL AND resolved_on > deadline))
      )`);
    // At most one open offer per filing.
    await q.query(
      `CREATE UNIQUE INDEX patent_takeover_offers_open_key ON patent_takeover_offers (filing_id) WHERE status = 'offered'`,
    );
    await q.query(`
      CREATE FUNCTION patent_takeover_offer_settle_once() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'DELETE' OR OLD.status <> 'offered' OR NEW.status = 'offered'
           OR (NEW.id, NEW.platform_id, NEW.decision_id, NEW.asset_id, NEW.filing_id, NEW.offered_on, NEW.deadline, NEW.offered_to)
              IS DISTINCT FROM (OLD.id, OLD.platform_id, OLD.decision_id, OLD.asset_id, OLD.filing_id, OLD.offered_on, OLD.deadline, OLD.offered_to) THEN
          RAISE EXCEPTION 'a takeover offer is settled once, from offered to accepted or closed' USING ERRCODE = 'P0001';
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`CREATE TRIGGER patent_takeover_offers_settle_once BEFORE UPDATE OR DELETE ON patent_takeover_offers
      FOR EACH ROW EXECUTE FUNCTION patent_takeover_offer_settle_once()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS patent_takeover_offers`);
    await q.query(`DROP FUNCTION IF EXISTS patent_takeover_offer_settle_once()`);
    await q.query(`DROP TABLE IF EXISTS patent_review_decisions`);
  }
}
