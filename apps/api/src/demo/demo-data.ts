/**
 * The demo consortium loaded by `npm run seed:demo`: an OPERA-style platform on next-generation
 * batteries, led by a university, with two more universities, a national research agency, a TLO
 * and seven companies of mixed sizes; four research projects over FY2026–FY2027.
 *
 * Every organisation is invented. Amounts are whole yen, in the range S3/S4 describe for OPERA
 * platforms (company money matched by JST's public money; individual research 100% company).
 * Only data lives here; ./seed-demo.ts loads it through the domain services.
 */
import type { CompanySize, OrganisationKind } from '@app/membership';
import type { FundingSourceKind, ParticipantRole, ProjectKind } from '@app/projects';

/** Stable keys by which the rest of the demo refers to organisations. */
export type DemoOrgKey =
  | 'towa'
  | 'hokurei'
  | 'nanyo'
  | 'amri'
  | 'towaTlo'
  | 'sokai'
  | 'chihaya'
  | 'reinan'
  | 'takano'
  | 'kurihara'
  | 'lithiumForge'
  | 'solidCell';

export interface DemoOrganisation {
  key: DemoOrgKey;
  name: string;
  kind: OrganisationKind;
  companySize?: CompanySize;
}

export interface DemoMembership {
  key: DemoOrgKey;
  joinedOn: string;
  /** The membership ends on this date (inclusive), after the projects are loaded. */
  leftOn?: string;
}

export interface DemoFunding {
  sourceKind: FundingSourceKind;
  /** The funding participant (company or university money). */
  org?: DemoOrgKey;
  /** The public funder (public matching money). */
  funderName?: string;
  fiscalYear: number;
  plannedAmountYen: bigint;
}

export interface DemoProject {
  code: string;
  title: string;
  kind: ProjectKind;
  startsOn: string;
  endsOn: string;
  /** Code of the earlier demo project this one grew out of. */
  derivedFrom?: string;
  /** Main IPC class of the expected results. */
  technologyField: string;
  participants: { org: DemoOrgKey; role: ParticipantRole }[];
  funding: DemoFunding[];
}

const JST_OPERA = 'JST OPERA (産学共創プラットフォーム共同研究推進プログラム)';
const M = 1_000_000n;

export const DEMO_ORGANISATIONS: readonly DemoOrganisation[] = [
  // Universities: the lead institution and two partners.
  { key: 'towa', name: '東和大学 (Tōwa University)', kind: 'university' },
  { key: 'hokurei', name: '北嶺大学 (Hokurei University)', kind: 'university' },
  { key: 'nanyo', name: '南陽工業大学 (Nan’yō Institute of Technology)', kind: 'university' },
  // A national research and development agency and the lead university's TLO.
  {
    key: 'amri',
    name: '国立研究開発法人 先端材料研究機構 (Advanced Materials Research Institute)',
    kind: 'research_agency',
  },
  {
    key: 'towaTlo',
    name: '株式会社東和テクノアライアンス (Tōwa Techno Alliance, TLO)',
    kind: 'tlo',
  },
  // Companies: three large, two SMEs, two start-ups.
  {
    key: 'sokai',
    name: '蒼海化学工業株式会社 (Sōkai Chemical Industries)',
    kind: 'company',
    companySize: 'large',
  },
  {
    key: 'chihaya',
    name: '千早電機株式会社 (Chihaya Electric)',
    kind: 'company',
    companySize: 'large',
  },
  {
    key: 'reinan',
    name: '嶺南モビリティ株式会社 (Reinan Mobility)',
    kind: 'company',
    companySize: 'large',
  },
  {
    key: 'takano',
    name: '鷹野精密株式会社 (Takano Precision)',
    kind: 'company',
    companySize: 'sme',
  },
  {
    key: 'kurihara',
    name: '栗原セラミックス株式会社 (Kurihara Ceramics)',
    kind: 'company',
    companySize: 'sme',
  },
  {
    key: 'lithiumForge',
    name: '株式会社リチウムフォージ (LithiumForge)',
    kind: 'company',
    companySize: 'startup',
  },
  {
    key: 'solidCell',
    name: '株式会社ソリッドセル研究所 (SolidCell Labs)',
    kind: 'company',
    companySize: 'startup',
  },
];

export const DEMO_PLATFORM = {
  name: '東和 次世代蓄電デバイス共創プラットフォーム (Tōwa OPERA Next-Generation Battery Platform)',
  lead: 'towa' as DemoOrgKey,
  establishedOn: '2026-04-01',
  /**
   * Policy version 1 is DOMAIN.md's default (overhead 20% of which 10% to the IP fund; classes
   * S/A/B). From FY2027 the platform adopts JST's rule that patent costs arising during a
   * project's term may be charged to that project's direct cost.
   */
  policyChanges: [
    {
      effectiveFrom: '2027-04-01',
      chargeProjectDirectCostDuringTerm: true,
      note: 'FY2027: patent costs during a project term may be charged to its direct cost (JST rule change)',
    },
  ],
};

/** Everyone joins when the platform starts; Kurihara Ceramics leaves at the end of FY2026. */
export const DEMO_MEMBERSHIPS: readonly DemoMembership[] = [
  { key: 'hokurei', joinedOn: '2026-04-01' },
  { key: 'nanyo', joinedOn: '2026-04-01' },
  { key: 'amri', joinedOn: '2026-04-01' },
  { key: 'towaTlo', joinedOn: '2026-04-01' },
  { key: 'sokai', joinedOn: '2026-04-01' },
  { key: 'chihaya', joinedOn: '2026-04-01' },
  { key: 'reinan', joinedOn: '2026-04-01' },
  { key: 'takano', joinedOn: '2026-04-01' },
  { key: 'kurihara', joinedOn: '2026-04-01', leftOn: '2027-03-31' },
  { key: 'lithiumForge', joinedOn: '2026-04-01' },
  { key: 'solidCell', joinedOn: '2026-04-01' },
];

/** In load order: a derived project comes after the one it derives from. */
export const DEMO_PROJECTS: readonly DemoProject[] = [
  {
    code: 'OPERA-C01',
    title:
      '全固体電池用硫化物固体電解質の界面設計 (Interface design of sulfide solid electrolytes)',
    kind: 'cooperative',
    startsOn: '2026-04-01',
    endsOn: '2028-03-31',
    technologyField: 'H01M 10/0562',
    participants: [
      { org: 'towa', role: 'lead' },
      { org: 'hokurei', role: 'researcher' },
      { org: 'amri', role: 'researcher' },
      { org: 'sokai', role: 'funder' },
      { org: 'chihaya', role: 'funder' },
      { org: 'reinan', role: 'funder' },
      { org: 'takano', role: 'funder' },
    ],
    // Company money ¥70M a year (Sōkai 43% → class S; Chihaya 29%, Reinan 21% → A; Takano 7% → B).
    funding: [
      { sourceKind: 'company', org: 'sokai', fiscalYear: 2026, plannedAmountYen: 30n * M },
      { sourceKind: 'company', org: 'chihaya', fiscalYear: 2026, plannedAmountYen: 20n * M },
      { sourceKind: 'company', org: 'reinan', fiscalYear: 2026, plannedAmountYen: 15n * M },
      { sourceKind: 'company', org: 'takano', fiscalYear: 2026, plannedAmountYen: 5n * M },
      { sourceKind: 'university', org: 'towa', fiscalYear: 2026, plannedAmountYen: 3n * M },
      {
        sourceKind: 'public_matching',
        funderName: JST_OPERA,
        fiscalYear: 2026,
        plannedAmountYen: 70n * M,
      },
      { sourceKind: 'company', org: 'sokai', fiscalYear: 2027, plannedAmountYen: 30n * M },
      { sourceKind: 'company', org: 'chihaya', fiscalYear: 2027, plannedAmountYen: 20n * M },
      { sourceKind: 'company', org: 'reinan', fiscalYear: 2027, plannedAmountYen: 15n * M },
      { sourceKind: 'company', org: 'takano', fiscalYear: 2027, plannedAmountYen: 5n * M },
      {
        sourceKind: 'public_matching',
        funderName: JST_OPERA,
        fiscalYear: 2027,
        plannedAmountYen: 65n * M,
      },
    ],
  },
  {
    code: 'OPERA-C02',
    title: '高ニッケル正極材の劣化解析と長寿命化 (Degradation analysis of high-nickel cathodes)',
    kind: 'cooperative',
    startsOn: '2026-04-01',
    endsOn: '2027-03-31',
    technologyField: 'H01M 4/525',
    participants: [
      { org: 'hokurei', role: 'lead' },
      { org: 'chihaya', role: 'funder' },
      { org: 'kurihara', role: 'funder' },
      { org: 'lithiumForge', role: 'funder' },
    ],
    funding: [
      { sourceKind: 'company', org: 'chihaya', fiscalYear: 2026, plannedAmountYen: 12n * M },
      { sourceKind: 'company', org: 'kurihara', fiscalYear: 2026, plannedAmountYen: 4n * M },
      { sourceKind: 'company', org: 'lithiumForge', fiscalYear: 2026, plannedAmountYen: 2n * M },
      {
        sourceKind: 'public_matching',
        funderName: JST_OPERA,
        fiscalYear: 2026,
        plannedAmountYen: 18n * M,
      },
    ],
  },
  {
    code: 'IND-001',
    title:
      '負極用シリコン複合材の個別共同研究（リチウムフォージ） (Silicon composite anodes: individual research)',
    kind: 'individual',
    startsOn: '2026-10-01',
    endsOn: '2027-09-30',
    technologyField: 'H01M 4/38',
    participants: [
      { org: 'nanyo', role: 'lead' },
      { org: 'lithiumForge', role: 'funder' },
    ],
    // Individual research: 100% company money, no public matching.
    funding: [
      {
        sourceKind: 'company',
        org: 'lithiumForge',
        fiscalYear: 2026,
        plannedAmountYen: 4_500_000n,
      },
      {
        sourceKind: 'company',
        org: 'lithiumForge',
        fiscalYear: 2027,
        plannedAmountYen: 4_500_000n,
      },
    ],
  },
  {
    code: 'OPERA-C03',
    title:
      '固体電解質シートの量産プロセス技術 (Mass-production process for solid-electrolyte sheets)',
    kind: 'cooperative',
    startsOn: '2027-04-01',
    endsOn: '2028-03-31',
    derivedFrom: 'OPERA-C01',
    technologyField: 'H01M 10/058',
    participants: [
      { org: 'towa', role: 'lead' },
      { org: 'nanyo', role: 'researcher' },
      { org: 'sokai', role: 'funder' },
      { org: 'takano', role: 'funder' },
      { org: 'solidCell', role: 'funder' },
    ],
    funding: [
      { sourceKind: 'company', org: 'sokai', fiscalYear: 2027, plannedAmountYen: 25n * M },
      { sourceKind: 'company', org: 'takano', fiscalYear: 2027, plannedAmountYen: 6n * M },
      { sourceKind: 'company', org: 'solidCell', fiscalYear: 2027, plannedAmountYen: 3n * M },
      {
        sourceKind: 'public_matching',
        funderName: JST_OPERA,
        fiscalYear: 2027,
        plannedAmountYen: 30n * M,
      },
    ],
  },
];

/** The company whose member token the seed issues, so the member view can be tried at once. */
export const DEMO_MEMBER_TOKEN_ORG: DemoOrgKey = 'chihaya';
