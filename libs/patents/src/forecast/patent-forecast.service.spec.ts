import { DataSource, EntityManager } from 'typeorm';
import { PatentForecastService } from './patent-forecast.service';

// loadFilings reads the filings and their assets (with owners) in two queries at once and puts
// them together; these specs answer its queries from memory to check how it does so.

const U = '00000000-0000-4000-8000-000000000001';
const C = '00000000-0000-4000-8000-000000000002';

const filingRow = (id: string, assetId: string) => ({
  filingId: id,
  assetId,
  assetReference: null,
  assetTitle: null,
  pooled: null,
  jurisdiction: 'JP',
  status: 'granted',
  applicationDate: '2020-01-01',
  grantDate: '2022-01-01',
  claimsCount: 3,
  entityStatus: null,
  owners: null,
});
const assetRow = (id: string, owners: string | null) => ({
  id,
  reference: `REF-${id}`,
  title: `title ${id}`,
  pooled: true,
  owners,
});
const organisations = [
  { id: U, name: 'University', kind: 'university', company_size: null },
  { id: C, name: 'Large K.K.', kind: 'company', company_size: 'large' },
];

interface Answers {
  filings: object[];
  /** One list per assets query, in the order they are asked. */
  assets: object[][];
}

function fakeManager(answers: Answers, inTransaction = false) {
  const log: string[] = [];
  let assetReads = 0;
  let running = 0;
  let overlapped = false;
  const query = async (sql: string, params: unknown[]): Promise<object[]> => {
    running++;
    if (running > 1) overlapped = true;
    await new Promise((resolve) => setImmediate(resolve));
    running--;
    if (sql.includes('FROM ip_filings f')) {
      log.push('filings');
      return answers.filings;
    }
    if (sql.includes('FROM ip_assets a')) {
      log.push(`assets ${JSON.stringify(params.slice(2))}`);
      return answers.assets[assetReads++] ?? [];
    }
    if (sql.includes('FROM organisations')) {
      log.push('organisations');
      const ids = params[0] as string[];
      return organisations.filter((o) => ids.includes(o.id));
    }
    throw new Error(`unexpected query ${sql}`);
  };
  const em = { query, queryRunner: inTransaction ? {} : undefined } as unknown as EntityManager;
  return { em, log, overlapped: () => overlapped };
}

const service = new PatentForecastService({} as DataSource);

describe('PatentForecastService.loadFilings', () => {
  it("gives each filing its asset's fields and owners, in the filings' order, reading both at once", async () => {
    const fake = fakeManager({
      filings: [filingRow('f1', 'a2'), filingRow('f2', 'a1'), filingRow('f3', 'a2')],
      assets: [[assetRow('a1', `1:${C}:5000,0:${U}:5000`), assetRow('a2', `0:${U}:10000`)]],
    });
    const facts = await service.loadFilings(fake.em, 'p', '2026-04-01');
    expect(
      facts.map((f) => [f.filingId, f.assetId, f.assetReference, f.assetTitle, f.pooled]),
    ).toEqual([
      ['f1', 'a2', 'REF-a2', 'title a2', true],
      ['f2', 'a1', 'REF-a1', 'title a1', true],
      ['f3', 'a2', 'REF-a2', 'title a2', true],
    ]);
    expect(facts[1].owners.map((o) => [o.organisationName, o.shareBp])).toEqual([
      ['University', 5000],
      ['Large K.K.', 5000],
    ]);
    expect(facts[0].owners).toBe(facts[2].owners);
    expect(fake.overlapped()).toBe(true);
    expect(fake.log).toEqual(['filings', 'assets []', 'organisations']);
  });

  it('reads an asset the assets query missed, and leaves out a filing whose asset is gone', async () => {
    const fake = fakeManager({
      filings: [
        filingRow('f1', 'a1'),
        filingRow('f2', 'new'),
        filingRow('f3', 'gone'),
        filingRow('f4', 'a1'),
      ],
      assets: [[assetRow('a1', `0:${U}:10000`)], [assetRow('new', null)]],
    });
    const facts = await service.loadFilings(fake.em, 'p', '2026-04-01');
    expect(facts.map((f) => [f.filingId, f.assetTitle, f.owners.length])).toEqual([
      ['f1', 'title a1', 1],
      ['f2', 'title new', 0],
      ['f4', 'title a1', 1],
    ]);
    expect(fake.log).toContain('assets [["new","gone"]]');
  });

  it('runs the queries one after the other on a manager bound to one connection', async () => {
    const fake = fakeManager(
      { filings: [filingRow('f1', 'a1')], assets: [[assetRow('a1', `0:${U}:10000`)]] },
      true,
    );
    const facts = await service.loadFilings(fake.em, 'p', '2026-04-01');
    expect(facts).toHaveLength(1);
    expect(fake.overlapped()).toBe(false);
  });

  it('reads only the asset of the filing asked for', async () => {
    const fake = fakeManager({
      filings: [filingRow('f1', 'a1')],
      assets: [[assetRow('a1', null)]],
    });
    await service.loadFilings(fake.em, 'p', '2026-04-01', 'f1');
    expect(fake.log).toContain('assets ["f1"]');
  });
});
