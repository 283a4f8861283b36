/**
 * International Patent Classification symbols: a subclass ("H01M") or a group ("H01M 10/052"):
 * section A–H, two-digit class, subclass letter, then main group / subgroup.
 */
const IPC_INPUT = /^([A-H])(\d{2})([A-Z])(?:\s*(\d{1,4})\s*\/\s*(\d{2,6}))?$/i;

/** The stored form: upper case, one space between subclass and group, e.g. `H01M 10/052`. */
export const IPC_STORED_PATTERN = '^[A-H][0-9]{2}[A-Z]( [1-9][0-9]{0,3}/[0-9]{2,6})?$';

/** Normalises an IPC symbol written with or without the space, in any case; null if it is not one. */
export function normaliseIpc(value: string): string | null {
  const m = IPC_INPUT.exec(value.trim());
  if (!m) return null;
  const subclass = `${m[1]}${m[2]}${m[3]}`.toUpperCase();
  if (m[4] === undefined) return subclass;
  const mainGroup = Number(m[4]);
  if (mainGroup === 0) return null;
  return `${subclass} ${mainGroup}/${m[5]}`;
}

/** A prefix to filter by (section "H", class "H01", subclass "H01M", or a full symbol). */
export function normaliseIpcPrefix(value: string): string | null {
  const v = value.trim().toUpperCase();
  if (/^[A-H](\d{2}([A-Z])?)?$/.test(v)) return v;
  return normaliseIpc(v);
}
