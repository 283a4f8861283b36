import { EntityManager } from 'typeorm';

/** Kinds of derived state that background jobs rebuild per platform. */
export enum DerivedKind {
  FundingShares = 'funding_shares',
  Entitlements = 'entitlements',
  PatentCostAllocation = 'patent_cost_allocation',
}

export interface DerivedStatus {
  requestedVersion: number;
  computedVersion: number;
  computedAt: Date | null;
  /** Inputs changed after the last computation: answers from it may be outdated. */
  stale: boolean;
}

/**
 * Marks a platform's derived state as out of date, inside the transaction that changes its
 * inputs, so "stale" becomes visible exactly when the change does.
 */
export async function markStale(em: EntityManager, platformId: string, kind: DerivedKind): Promise<void> {
  await em.query(
    `INSERT INTO derived_state_requests (platform_id, kind, requested_version) VALUES ($1, $2, 1)
     ON CONFLICT (platform_id, kind) DO UPDATE
       SET requested_version = derived_state_requests.requested_version + 1, requested_at = now()`,
    [platformId, kind],
  );
}

/** The requested version as seen by the caller's snapshot (read it first in a recompute). */
export async function requestedVersion(em: EntityManager, platformId: string, kind: DerivedKind): Promise<number> {
  const rows = await em.query<{ v: string }[]>(
    'SELECT requested_version AS v FROM derived_state_requests WHERE platform_id = $1 AND kind = $2',
    [platformId, kind],
  );
  return rows.length ? Number(rows[0].v) : 0;
}

export async function markComputed(em: EntityManager, platformId: string, kind: DerivedKind, version: number): Promise<void> {
  await em.query(
    `INSERT INTO derived_state_results (platform_id, kind, computed_version, computed_at) VALUES ($1, $2, $3, clock_timestamp())
     ON CONFLICT (platform_id, kind) DO UPDATE
       SET computed_version = greatest(derived_state_results.computed_version, EXCLUDED.computed_version),
           computed_at = EXCLUDED.computed_at`,
    [platformId, kind, version],
  );
}

export async function derivedStatus(em: EntityManager, platformId: string, kind: DerivedKind): Promise<DerivedStatus> {
  const rows: { requested: string | null; computed: string | null; computed_at: Date | null }[] = await em.query(
    `SELECT r.requested_version AS requested, s.computed_version AS computed, s.computed_at
       FROM (SELECT 1) one
       LEFT JOIN derived_state_requests r ON r.platform_id = $1 AND r.kind = $2
       LEFT JOIN derived_state_results s ON s.platform_id = $1 AND s.kind = $2`,
    [platformId, kind],
  );
  const requestedVersion = Number(rows[0]?.requested ?? 0);
  const computedVersion = Number(rows[0]?.computed ?? 0);
  return { requestedVersion, computedVersion, computedAt: rows[0]?.computed_at ?? null, stale: requestedVersion > computedVersion };
}

/** Every (platform, kind) whose inputs changed after its last computation. */
export async function staleTargets(em: EntityManager): Promise<{ platformId: string; kind: DerivedKind }[]> {
  return em.query(
    `SELECT r.platform_id AS "platformId", r.kind
       FROM derived_state_requests r
       LEFT JOIN derived_state_results s ON s.platform_id = r.platform_id AND s.kind = r.kind
      WHERE r.requested_version > coalesce(s.computed_version, 0)`,
  );
}
