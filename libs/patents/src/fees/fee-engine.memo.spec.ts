import { startRun, validateFiling } from './fee-engine';
import { FeeForecastFiling } from './fee-forecast.types';
import { OFFICIAL_FEE_SCHEDULES } from './official-fee-schedules';

// A run checks each distinct date string and owners list once; the answers must be those of
// checking every filing on its own, whichever filing meets a value first.

const owners = [
  { ownerId: 'u', shareBp: 6_000, jpoReduction: 'academic' as const },
  { ownerId: 'c', shareBp: 4_000 },
];
const filing = (over: Partial<FeeForecastFiling>): FeeForecastFiling => ({
  filingId: 'JP-1',
  office: 'JPO',
  status: 'granted',
  filingDate: '2023-02-01',
  grantDate: '2026-05-15',
  claimsCount: 10,
  owners,
  ...over,
});
const newRun = () => startRun(OFFICIAL_FEE_SCHEDULES, '2026-04-01', 5);
const failure = (f: () => unknown) => {
  try {
    f();
    return null;
  } catch (err) {
    const e = err as { code?: string; details?: unknown; message: string };
    return { code: e.code, message: e.message, details: e.details };
  }
};

describe('fee engine run: values checked once per run', () => {
  it('gives engine dates, and rejects a bad date in every filing that has it', () => {
    const run = newRun();
    expect(validateFiling(filing({}), run)).toMatchObject({ filed: 20230201, granted: 20260515 });
    expect(
      validateFiling(filing({ filingId: 'JP-2', grantDate: undefined, status: 'filed' }), run),
    ).toMatchObject({ filed: 20230201, granted: null });
    for (const id of ['JP-3', 'JP-4']) {
      const bad = filing({ filingId: id, grantDate: '2026-02-30' });
      expect(failure(() => validateFiling(bad, run))).toEqual(
        failure(() => validateFiling(bad, newRun())),
      );
      expect(failure(() => validateFiling(bad, run))).toMatchObject({
        code: 'FEES.INVALID_FILING',
        details: { filingId: id },
      });
    }
    // A grant date before the filing date is still caught when both dates are known to the run.
    expect(
      failure(() =>
        validateFiling(filing({ grantDate: '2023-01-31', filingDate: '2023-02-01' }), run),
      ),
    ).toMatchObject({ message: 'grantDate must not be before filingDate' });
  });

  it('prepares an owners list once, and rejects a bad list for every filing that has it', () => {
    const run = newRun();
    const first = validateFiling(filing({}), run).owners;
    expect(validateFiling(filing({ filingId: 'JP-2' }), run).owners).toBe(first);
    expect(first).toEqual([
      { ownerId: 'u', share: 6_000n, category: 'academic' },
      { ownerId: 'c', share: 4_000n, category: undefined },
    ]);
    const bad = [{ ownerId: 'u', shareBp: 6_000 }];
    for (const id of ['JP-3', 'JP-4']) {
      expect(
        failure(() => validateFiling(filing({ filingId: id, owners: bad }), run)),
      ).toMatchObject({
        code: 'FEES.INVALID_OWNER_SHARES',
        details: { filingId: id },
      });
    }
  });
});
