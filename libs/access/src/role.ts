/** Who a bearer token speaks for. `member` tokens are bound to one organisation. */
export const ROLES = ['admin', 'cpo', 'finance', 'member', 'auditor'] as const;
export type Role = (typeof ROLES)[number];

/** Roles that run the pool: they may change members, projects, policy and patents. */
export const POOL_ADMIN_ROLES: readonly Role[] = ['admin', 'cpo'];
/** Roles that see every member's data (read-only for the auditor). */
export const STAFF_ROLES: readonly Role[] = ['admin', 'cpo', 'finance', 'auditor'];
