import { ChargeCache } from './fee-charge-cache';
import { FeeForecastOwner } from './fee-forecast.types';
import { compileFeeSchedules } from './fee-schedule-lookup';
import { UsptoEntitySize } from './fee-schedule.types';
import {
  computeEpoCharge,
  computeJpoCharge,
  computeUsptoCharge,
  newChargeBuffer,
  prepareOwners,
} from './office-fee.rules';
import { OFFICIAL_FEE_SCHEDULES } from './official-fee-schedules';

// The cache must price every payment exactly as computing it afresh does, fail where that
// fails, and hand out one shared Charge per distinct price.

const schedules = compileFeeSchedules(OFFICIAL_FEE_SCHEDULES);

const STRUCTURES: FeeForecastOwner[][] = [
  [{ ownerId: 'a', shareBp: 10_000 }],
  [{ ownerId: 'a', shareBp: 10_000, jpoReduction: 'academic' }],
  [
    { ownerId: 'a', shareBp: 5_000, jpoReduction: 'academic' },
    { ownerId: 'b', shareBp: 5_000 },
  ],
  [
    { ownerId: 'b', shareBp: 5_000 },
    { ownerId: 'a', shareBp: 5_000, jpoReduction: 'academic' },
  ],
  [
    { ownerId: 'a', shareBp: 3_334, jpoReduction: 'academic' },
    { ownerId: 'b', shareBp: 3_333, jpoReduction: 'small_or_startup' },
    { ownerId: 'c', shareBp: 3_333, jpoReduction: 'sme' },
  ],
  [
    { ownerId: 'a', shareBp: 1, jpoReduction: 'sme' },
    { ownerId: 'b', shareBp: 9_999 },
  ],
];
const CLAIMS = [1, 7, 20, 31];
const YEAR_RANGES: [number, number][] = [
  [1, 3],
  [1, 2],
  [1, 1],
  ...Array.from({ length: 25 }, (_, i): [number, number] => [i + 1, i + 1]),
  [26, 26], // beyond every table: fails
];

/** A price as plain data, or the error code it fails with. */
function outcome(
  price: () => { fee: bigint; amount: bigint; surcharge: bigint; weights: readonly bigint[] },
) {
  try {
    const { fee, amount, surcharge, weights } = price();
    return { fee, amount, surcharge, total: amount + surcharge, weights: [...weights] };
  } catch (err) {
    return { error: (err as { code?: string }).code ?? (err as Error).name };
  }
}

function fresh(compute: (buffer: ReturnType<typeof newChargeBuffer>) => void) {
  const buffer = newChargeBuffer();
  compute(buffer);
  return buffer;
}

describe('charge cache', () => {
  it('prices JPO payments as computing them afresh does, for varied owners, claims, years, lateness and versions', () => {
    const cache = new ChargeCache(schedules);
    const cached: unknown[] = [];
    const direct: unknown[] = [];
    for (let round = 0; round < 2; round++) {
      for (const structure of STRUCTURES) {
        // New owner lists each round: the cache recognises a structure, not a list.
        const owners = prepareOwners(structure.map((o) => ({ ...o })));
        for (const claims of CLAIMS) {
          const prices = cache.jpoPrices(owners, claims);
          for (const annual of schedules.jpoAnnual) {
            for (const reductions of [null, ...schedules.jpoReductions]) {
              for (const [yearFrom, yearTo] of YEAR_RANGES) {
                for (const late of [false, true]) {
                  cached.push(
                    outcome(() => cache.jpo(prices, annual, reductions, yearFrom, yearTo, late)),
                  );
                  direct.push(
                    outcome(() =>
                      fresh((b) =>
                        computeJpoCharge(
                          annual,
                          reductions,
                          owners,
                          BigInt(claims),
                          yearFrom,
                          yearTo,
                          late ? annual.source.lateSurcharge.rateBp : 0,
                          b,
                        ),
                      ),
                    ),
                  );
                }
              }
            }
          }
        }
      }
    }
    expect(cached).toEqual(direct);
    // Both failures appear: a reduction without a schedule, and a year beyond the tables.
    expect(direct).toContainEqual({ error: 'FEES.UNKNOWN_REDUCTION_CATEGORY' });
    expect(direct).toContainEqual({ error: 'TypeError' });
  });

  it('hands out one Charge per distinct JPO price', () => {
    const cache = new ChargeCache(schedules);
    const [annual] = schedules.jpoAnnual;
    const [reductions] = schedules.jpoReductions;
    const charge = (structure: FeeForecastOwner[], claims: number, year: number, late = false) =>
      cache.jpo(
        cache.jpoPrices(prepareOwners(structure), claims),
        annual,
        reductions,
        year,
        year,
        late,
      );
    const first = charge(STRUCTURES[2], 5, 4);
    // Other owners with the same shares and reductions pay the same.
    const renamed = STRUCTURES[2].map((o, i) => ({ ...o, ownerId: `other-${i}` }));
    expect(charge(renamed, 5, 4)).toBe(first);
    // Owners in another order, other claims, another year or late: another price.
    const others = [
      charge(STRUCTURES[3], 5, 4),
      charge(STRUCTURES[2], 6, 4),
      charge(STRUCTURES[2], 5, 5),
      charge(STRUCTURES[2], 5, 4, true),
    ];
    for (const other of others) expect(other).not.toBe(first);
    expect(new Set([first, ...others].map((c) => c.id)).size).toBe(5);
  });

  it('prices USPTO and EPO payments as computing them afresh does', () => {
    const cache = new ChargeCache(schedules);
    const entities: UsptoEntitySize[] = ['large', 'small', 'micro'];
    const cached: unknown[] = [];
    const direct: unknown[] = [];
    for (let round = 0; round < 2; round++) {
      for (const schedule of schedules.uspto) {
        for (let stage = 0; stage < 3; stage++) {
          for (const entity of entities) {
            for (const late of [false, true]) {
              cached.push(outcome(() => cache.usptoCharge(schedule, stage, entity, late)));
              direct.push(
                outcome(() => fresh((b) => computeUsptoCharge(schedule, stage, entity, late, b))),
              );
            }
          }
        }
      }
      for (const schedule of schedules.epo) {
        for (let year = 2; year <= 21; year++) {
          for (const late of [false, true]) {
            cached.push(outcome(() => cache.epoCharge(schedule, year, late)));
            direct.push(outcome(() => fresh((b) => computeEpoCharge(schedule, year, late, b))));
          }
        }
      }
    }
    expect(cached).toEqual(direct);
    expect(direct).toContainEqual({ error: 'FEES.NO_SCHEDULE' });
    const [epo] = schedules.epo;
    expect(cache.epoCharge(epo, 7, true)).toBe(cache.epoCharge(epo, 7, true));
    expect(cache.epoCharge(epo, 7, true)).not.toBe(cache.epoCharge(epo, 7, false));
  });
});
