import { ForecastOwnerFacts } from './portfolio-forecast.calculator';

/*
 * Pure helpers of the forecast's loading: an asset's owners in force come from the database as
 * one text per asset, `position:organisationId:shareBp` per owner, comma-separated, in no
 * particular order (ordering them in SQL costs a sort per asset); the organisations they name
 * are read once each.
 */

/** An asset as the forecast reads it, with its owners in force as text (null: none recorded). */
export interface AssetOwnersRow {
  id: string;
  reference: string | null;
  title: string;
  pooled: boolean;
  owners: string | null;
}

export interface OrganisationRow {
  id: string;
  name: string;
  kind: ForecastOwnerFacts['kind'];
  company_size: ForecastOwnerFacts['companySize'];
}

/** What a filing takes from its asset. */
export interface AssetFacts {
  reference: string | null;
  title: string;
  pooled: boolean;
  owners: ForecastOwnerFacts[];
}

/** The organisations and shares of an owners text, in position order. */
export function parseOwnerShares(text: string): { organisationId: string; shareBp: number }[] {
  return text
    .split(',')
    .map((part) => {
      const [position, organisationId, shareBp] = part.split(':');
      return { position: Number(position), organisationId, shareBp: Number(shareBp) };
    })
    .sort((a, b) => a.position - b.position)
    .map(({ organisationId, shareBp }) => ({ organisationId, shareBp }));
}

/** Every organisation an owners text names, each once. */
export function organisationIdsOf(rows: readonly AssetOwnersRow[]): string[] {
  const texts = new Set<string>();
  for (const r of rows) if (r.owners !== null) texts.add(r.owners);
  const ids = new Set<string>();
  for (const text of texts) for (const s of parseOwnerShares(text)) ids.add(s.organisationId);
  return [...ids];
}

/**
 * Each asset's facts by id. Assets owned alike (the same organisations with the same shares,
 * in the same order) share one owners list, so that the forecaster prepares each ownership
 * structure once rather than once per asset. An organisation missing from `organisations`
 * (deleted meanwhile) fails loudly rather than being left out of a split.
 */
export function assetFactsById(
  rows: readonly AssetOwnersRow[],
  organisations: readonly OrganisationRow[],
): Map<string, AssetFacts> {
  const orgs = new Map(organisations.map((o) => [o.id, o]));
  /** By owners text, and by ownership in position order (texts may list the owners in any order). */
  const byText = new Map<string, ForecastOwnerFacts[]>();
  const byOwnership = new Map<string, ForecastOwnerFacts[]>();
  const listOf = (text: string): ForecastOwnerFacts[] => {
    let list = byText.get(text);
    if (list !== undefined) return list;
    const shares = parseOwnerShares(text);
    const ownership = shares.map((s) => `${s.organisationId}:${s.shareBp}`).join(',');
    list = byOwnership.get(ownership);
    if (list === undefined) {
      list = shares.map(({ organisationId, shareBp }) => {
        const o = orgs.get(organisationId);
        if (o === undefined) throw new Error(`organisation ${organisationId} was not loaded`);
        return {
          organisationId,
          organisationName: o.name,
          kind: o.kind,
          companySize: o.company_size,
          shareBp,
        };
      });
      byOwnership.set(ownership, list);
    }
    byText.set(text, list);
    return list;
  };
  const byId = new Map<string, AssetFacts>();
  for (const r of rows) {
    byId.set(r.id, {
      reference: r.reference,
      title: r.title,
      pooled: r.pooled,
      owners: r.owners === null ? [] : listOf(r.owners),
    });
  }
  return byId;
}
