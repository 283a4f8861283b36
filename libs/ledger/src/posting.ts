import { DomainError, LocalDate, MAX_YEN, Yen } from '@app/kernel';
import { AccountSpec, ExistingAccount } from './chart-of-accounts';

export interface PostingLine {
  account: AccountSpec | ExistingAccount;
  /** Signed: debit positive, credit negative. */
  amount: Yen;
}

export interface PostingCommand {
  platformId: string;
  idempotencyKey: string;
  requestHash: string;
  entryDate: LocalDate;
  kind: string;
  description: string;
  lines: PostingLine[];
  sourceType?: string;
  sourceId?: string;
  reversesEntryId?: string;
}

export const debit = (account: AccountSpec, amount: Yen): PostingLine => ({ account, amount });
export const credit = (account: AccountSpec, amount: Yen): PostingLine => ({ account, amount: -amount });

/**
 * Checks a posting before it reaches the database (which checks again): at least two lines,
 * no zero lines, each amount within bigint, debits equal credits. Zero-amount lines are dropped
 * first, so a contribution whose IP-fund part rounds to ¥0 simply has no IP-fund line.
 */
export function normalisePosting(lines: PostingLine[]): PostingLine[] {
  const nonZero = lines.filter((l) => l.amount !== 0n);
  if (nonZero.length < 2) {
    throw DomainError.validation('LEDGER.TOO_FEW_LINES', 'a journal entry needs at least two non-zero lines');
  }
  let sum = 0n;
  for (const l of nonZero) {
    if (l.amount > MAX_YEN || l.amount < -MAX_YEN) {
      throw DomainError.validation('LEDGER.AMOUNT_OUT_OF_RANGE', `amount on ${l.account.code} is out of range`);
    }
    sum += l.amount;
  }
  if (sum !== 0n) {
    throw DomainError.validation('LEDGER.UNBALANCED_ENTRY', `debits and credits differ by ¥${sum}`, { difference: sum.toString() });
  }
  return nonZero;
}
