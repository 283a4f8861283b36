import { CsvLookups, csvErrorOf, ipAssetFromCsvRecord, readIpAssetCsv } from './ip-asset-csv';

const UNI = '11111111-1111-4111-8111-111111111111';
const CO = '22222222-2222-4222-8222-222222222222';
const PROJECT = '33333333-3333-4333-8333-333333333333';

const lookups: CsvLookups = {
  organisations: new Map([
    ['青葉大学', UNI],
    [UNI, UNI],
    ['kitakami materials k.k.', CO],
    [CO, CO],
  ]),
  projects: new Map([
    ['P-1', PROJECT],
    [PROJECT, PROJECT],
  ]),
};

describe('IP asset CSV', () => {
  it('reads records keyed by column, rows numbered as a spreadsheet shows them', () => {
    const { records, errors } = readIpAssetCsv(
      '\ufefftitle,technologyField,origin\r\n"a, b",H01M,foreground\r\n\r\nc,H01M 10/052,background\r\n',
    );
    expect(errors).toEqual([]);
    expect(records).toEqual([
      { row: 2, values: { title: 'a, b', technologyField: 'H01M', origin: 'foreground' } },
      { row: 3, values: { title: 'c', technologyField: 'H01M 10/052', origin: 'background' } },
    ]);
  });

  it('reports malformed CSV at the record it breaks in', () => {
    const { errors } = readIpAssetCsv(
      'title,technologyField,origin\nok,H01M,foreground\nx,H01M,foreground,extra\n',
    );
    expect(errors).toEqual([expect.objectContaining({ row: 3, code: 'CSV.MALFORMED' })]);
  });

  it('resolves organisations by name (any case) or id, owners as name:bp and inventors as name|organisation', () => {
    const { asset, filing, errors } = ipAssetFromCsvRecord(
      {
        row: 2,
        values: {
          title: 't',
          technologyField: 'H01M',
          origin: 'foreground',
          project: 'P-1',
          owners: '青葉大学:6000; KITAKAMI MATERIALS K.K.:4000',
          inventors: '山田 太郎|青葉大学;佐藤 花子',
          pooled: 'Yes',
          confidential: '',
          jurisdiction: 'jp',
          applicationDate: '2026-09-01',
        },
      },
      lookups,
    );
    expect(errors).toEqual([]);
    expect(asset).toMatchObject({
      projectId: PROJECT,
      owners: [
        { organisationId: UNI, shareBp: 6000 },
        { organisationId: CO, shareBp: 4000 },
      ],
      inventors: [
        { name: '山田 太郎', organisationId: UNI },
        { name: '佐藤 花子', organisationId: null },
      ],
      pooled: true,
      confidential: false,
      filedOn: '2026-09-01',
    });
    expect(filing).toMatchObject({ jurisdiction: 'JP', applicationDate: '2026-09-01' });
  });

  it('names the column of every problem it finds', () => {
    const { errors } = ipAssetFromCsvRecord(
      {
        row: 7,
        values: {
          title: 't',
          technologyField: 'H01M',
          origin: 'foreground',
          project: 'P-9',
          owners: 'Nobody:10000;青葉大学',
          pooled: 'perhaps',
          applicationDate: '2026-02-30',
        },
      },
      lookups,
    );
    expect(errors.map((e) => [e.row, e.field, e.code])).toEqual([
      [7, 'project', 'PROJECT.NOT_FOUND'],
      [7, 'owners', 'ORGANISATION.NOT_FOUND'],
      [7, 'owners', 'CSV.INVALID_OWNER'],
      [7, 'pooled', 'CSV.INVALID_BOOLEAN'],
      [7, 'jurisdiction', 'CSV.JURISDICTION_REQUIRED'],
    ]);
  });

  it('maps domain problem fields to CSV columns', () => {
    expect(
      csvErrorOf(
        4,
        {
          field: 'owners[1].shareBp',
          code: 'OWNERSHIP.INVALID_SHARE',
          message: 'bad',
          kind: 'validation',
        },
        'asset',
      ),
    ).toEqual({
      row: 4,
      field: 'owners',
      code: 'OWNERSHIP.INVALID_SHARE',
      message: 'owner 2: bad',
    });
    expect(
      csvErrorOf(
        4,
        { field: 'holderOrganisationId', code: 'X', message: 'm', kind: 'validation' },
        'asset',
      ).field,
    ).toBe('holder');
    expect(
      csvErrorOf(4, { field: 'status', code: 'X', message: 'm', kind: 'validation' }, 'filing')
        .field,
    ).toBe('filingStatus');
  });
});
