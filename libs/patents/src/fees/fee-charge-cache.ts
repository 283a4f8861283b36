import {
  CompiledEpo,
  CompiledJpoAnnual,
  CompiledJpoReductions,
  CompiledSchedules,
  CompiledUspto,
} from './fee-schedule-lookup';
import { UsptoEntitySize } from './fee-schedule.types';
import {
  Charge,
  ChargeBuffer,
  PreparedOwner,
  chargeOf,
  computeEpoCharge,
  computeJpoCharge,
  computeUsptoCharge,
  newChargeBuffer,
} from './office-fee.rules';
import { PATENT_TERM_YEARS, USPTO_MAINTENANCE_STAGES } from './statutory-fee-timing';

/*
 * A portfolio has hundreds of thousands of payments but few distinct prices: a payment's price
 * depends only on the schedule versions in force, the fee year(s), whether it is paid late and,
 * at the JPO, the number of claims and the owners' shares and reductions (in order). The cache
 * prices each distinct combination once, with the same `compute*Charge` functions, and hands
 * out the same read-only `Charge` to every payment that has it. One cache per engine run.
 */

/** JPO prices for one owner structure (shares and reductions, in order) and one number of claims. */
export interface JpoPriceList {
  readonly owners: readonly PreparedOwner[];
  readonly claims: bigint;
  /** By `ChargeCache.jpoKey`. */
  readonly charges: Map<number, Charge>;
}

const ENTITY_INDEX: Readonly<Record<UsptoEntitySize, number>> = { large: 0, small: 1, micro: 2 };

/** What the JPO rules read of the owners: each one's reduction and share, in order (not who they are). */
function ownerStructureKey(owners: readonly PreparedOwner[]): string {
  return JSON.stringify(owners.map((o) => [o.category ?? null, String(o.share)]));
}

export class ChargeCache {
  private readonly buffer: ChargeBuffer = newChargeBuffer();
  /** Charges handed out so far: the next one's id. */
  private count = 0;
  /** Price lists by claims, per prepared owners list and per owner structure. */
  private readonly listsOf = new Map<readonly PreparedOwner[], Map<number, JpoPriceList>>();
  private readonly listsByStructure = new Map<string, Map<number, JpoPriceList>>();
  /**
   * By schedule version, stage (USPTO) or renewal year (EPO), entity size (USPTO) and lateness;
   * every slot exists from the start (a list without holes stays fast).
   */
  private readonly uspto: (Charge | undefined)[];
  private readonly epo: (Charge | undefined)[];
  /** Radices of the JPO key: fee years are below `yearLimit`; versions are counted per list. */
  private readonly yearLimit: number;
  private readonly annualCount: number;
  private readonly reductionSlots: number;

  constructor(schedules: CompiledSchedules) {
    this.yearLimit = Math.max(0, ...schedules.jpoAnnual.map((a) => a.maxYear)) + 1;
    this.annualCount = schedules.jpoAnnual.length;
    this.reductionSlots = schedules.jpoReductions.length + 1;
    this.uspto = new Array<Charge | undefined>(
      schedules.uspto.length * USPTO_MAINTENANCE_STAGES.length * 3 * 2,
    ).fill(undefined);
    this.epo = new Array<Charge | undefined>(
      schedules.epo.length * (PATENT_TERM_YEARS + 1) * 2,
    ).fill(undefined);
  }

  /** The JPO price list of a filing: its owners (as prepared for the rules) and its claims. */
  jpoPrices(owners: readonly PreparedOwner[], claimsCount: number): JpoPriceList {
    let lists = this.listsOf.get(owners);
    if (lists === undefined) {
      const key = ownerStructureKey(owners);
      lists = this.listsByStructure.get(key);
      if (lists === undefined)
        this.listsByStructure.set(key, (lists = new Map<number, JpoPriceList>()));
      this.listsOf.set(owners, lists);
    }
    let list = lists.get(claimsCount);
    if (list === undefined) {
      list = { owners, claims: BigInt(claimsCount), charges: new Map() };
      lists.set(claimsCount, list);
    }
    return list;
  }

  /**
   * A small integer for (years, lateness, versions), or -1 when the years are outside every
   * table (then the charge is computed each time, and fails as `computeJpoCharge` does).
   */
  private jpoKey(
    annual: CompiledJpoAnnual,
    reductions: CompiledJpoReductions | null,
    yearFrom: number,
    yearTo: number,
    late: boolean,
  ): number {
    if (
      !Number.isInteger(yearFrom) ||
      !Number.isInteger(yearTo) ||
      yearFrom < 0 ||
      yearTo < 0 ||
      yearFrom >= this.yearLimit ||
      yearTo >= this.yearLimit
    ) {
      return -1;
    }
    const years = (yearFrom * this.yearLimit + yearTo) * 2 + (late ? 1 : 0);
    return (
      (years * this.annualCount + annual.index) * this.reductionSlots +
      (reductions === null ? 0 : reductions.index + 1)
    );
  }

  /** JPO annual fee for years yearFrom..yearTo in one payment; late: with the 追納 surcharge. */
  jpo(
    prices: JpoPriceList,
    annual: CompiledJpoAnnual,
    reductions: CompiledJpoReductions | null,
    yearFrom: number,
    yearTo: number,
    late: boolean,
  ): Charge {
    const key = this.jpoKey(annual, reductions, yearFrom, yearTo, late);
    const hit = key < 0 ? undefined : prices.charges.get(key);
    if (hit !== undefined) return hit;
    const surchargeBp = late ? annual.source.lateSurcharge.rateBp : 0;
    computeJpoCharge(
      annual,
      reductions,
      prices.owners,
      prices.claims,
      yearFrom,
      yearTo,
      surchargeBp,
      this.buffer,
    );
    const charge = chargeOf(this.buffer, this.count++);
    if (key >= 0) prices.charges.set(key, charge);
    return charge;
  }

  /** USPTO maintenance fee of a stage (0, 1, 2) at an entity size. */
  usptoCharge(
    schedule: CompiledUspto,
    stage: number,
    entity: UsptoEntitySize,
    late: boolean,
  ): Charge {
    const stages = USPTO_MAINTENANCE_STAGES.length;
    const e = Object.hasOwn(ENTITY_INDEX, entity) ? ENTITY_INDEX[entity] : -1;
    const key =
      e < 0 || !Number.isInteger(stage) || stage < 0 || stage >= stages
        ? -1
        : ((schedule.index * stages + stage) * 3 + e) * 2 + (late ? 1 : 0);
    const hit = key < 0 ? undefined : this.uspto[key];
    if (hit !== undefined) return hit;
    computeUsptoCharge(schedule, stage, entity, late, this.buffer);
    const charge = chargeOf(this.buffer, this.count++);
    if (key >= 0) this.uspto[key] = charge;
    return charge;
  }

  /** EPO renewal fee of a renewal year; late: with the additional fee. */
  epoCharge(schedule: CompiledEpo, year: number, late: boolean): Charge {
    const key =
      !Number.isInteger(year) || year < 0 || year > PATENT_TERM_YEARS
        ? -1
        : (schedule.index * (PATENT_TERM_YEARS + 1) + year) * 2 + (late ? 1 : 0);
    const hit = key < 0 ? undefined : this.epo[key];
    if (hit !== undefined) return hit;
    computeEpoCharge(schedule, year, late, this.buffer);
    const charge = chargeOf(this.buffer, this.count++);
    if (key >= 0) this.epo[key] = charge;
    return charge;
  }
}
