import { Role } from './role';

/** The authenticated caller of a use case; services scope and audit by it. */
export interface Actor {
  tokenId: string | null;
  role: Role;
  label: string;
  /** Set for `member` tokens: the only organisation whose data the caller may see. */
  organisationId: string | null;
  requestId?: string;
}

export const SYSTEM_ACTOR: Actor = { tokenId: null, role: 'admin', label: 'system', organisationId: null };

export function isMember(actor: Actor): actor is Actor & { organisationId: string } {
  return actor.role === 'member' && actor.organisationId !== null;
}
