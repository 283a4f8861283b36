import {
  EpoRenewalFeeSchedule,
  FeeSchedules,
  FeeScheduleSource,
  JpoAnnualFeeSchedule,
  JpoReductionSchedule,
  UsptoMaintenanceFeeSchedule,
} from './fee-schedule.types';

/*
 * Official fee tables as data. Amounts are whole units of each office's currency (yen, US
 * dollars, euros). Each version cites the official table it transcribes and says what it was
 * checked against when entered (see FeeScheduleSource.verified). Add a new version when an
 * office changes its fees; never edit the amounts of a version that has been used.
 */

const JPO_FEE_PAGE = 'https://www.jpo.go.jp/system/process/tesuryo/hyou.html';

const JPO_LATE_PAYMENT: FeeScheduleSource = {
  citation:
    'Patent Act Art. 112(1)-(2) (特許料の追納): a fee not paid by the deadline may be paid within 6 months after it, ' +
    'together with a surcharge (割増特許料) of the same amount as the fee',
  url: 'https://faq.inpit.go.jp/FAQ/2024/02/000230.html',
  verified: true,
  checkedAgainst: [
    'Patent Act Art. 112 text (iuris.jp, as amended by Act No. 68 of 2022)',
    'INPIT FAQ 000230: 期間の経過後6月以内であれば追納できる / その特許料と同額の割増特許料',
  ],
  note:
    'The brief limited the double fee to grace periods starting after 2015; no such cut-over was found in the ' +
    'statute, so none is modelled. Whether the surcharge equals the reduced fee when a reduction applies was not ' +
    'confirmed: this data assumes it equals the fee actually payable (after reduction).',
};

/** JPO 特許料 from 2022-04-01 (cases whose examination was requested on or after 2004-04-01). */
export const JPO_ANNUAL_FEES_2022_04_01: JpoAnnualFeeSchedule = {
  office: 'JPO',
  currency: 'JPY',
  version: 'JPO-annual-2022-04-01',
  effectiveFrom: '2022-04-01',
  source: {
    citation:
      '特許庁「産業財産権関係料金一覧」4. 特許料・登録料 (Patent Act Art. 107(1); fees paid on or after 2022-04-01, ' +
      'examination requested on or after 2004-04-01)',
    url: JPO_FEE_PAGE,
    verified: true,
    checkedAgainst: [
      'INPIT FAQ 000227 (faq.inpit.go.jp): 令和4年4月1日以降に納付する場合の第1年分の特許料は、4,300円に1請求項につき300円',
      'karin-ip.com 2022-02-01 "Revision of official fees in JPO (from April 1, 2022)": all four bands, old and new',
      'fujino-po.com fee page (令和4年4月1日改定): all four bands',
    ],
    note: 'The JPO fee page itself was found but its 特許料 section could not be read; figures agree across the sources above.',
  },
  bands: [
    { fromYear: 1, toYear: 3, base: 4_300n, perClaim: 300n },
    { fromYear: 4, toYear: 6, base: 10_300n, perClaim: 800n },
    { fromYear: 7, toYear: 9, base: 24_800n, perClaim: 1_900n },
    { fromYear: 10, toYear: 25, base: 59_400n, perClaim: 4_600n },
  ],
  registrationCoversYears: 3,
  lateSurcharge: { graceMonths: 6, rateBp: 10_000, source: JPO_LATE_PAYMENT },
};

/** The table the 2022 revision replaced, so that history stays answerable. */
export const JPO_ANNUAL_FEES_2016_04_01: JpoAnnualFeeSchedule = {
  office: 'JPO',
  currency: 'JPY',
  version: 'JPO-annual-2016-04-01',
  effectiveFrom: '2016-04-01',
  source: {
    citation:
      '特許庁 特許料 (Patent Act Art. 107(1) as revised by the 2015 amendment, in force 2016-04-01; examination ' +
      'requested on or after 2004-04-01) — superseded on 2022-04-01',
    url: JPO_FEE_PAGE,
    verified: true,
    checkedAgainst: [
      'sagami-okada.jp 2016-04-04 "H27法改正に伴う料金改定のお知らせ": 2,100+200 / 6,400+500 / 19,300+1,500 / 55,400+4,300',
      'karin-ip.com 2022-02-01: the same four bands as the amounts before 2022-04-01',
    ],
  },
  bands: [
    { fromYear: 1, toYear: 3, base: 2_100n, perClaim: 200n },
    { fromYear: 4, toYear: 6, base: 6_400n, perClaim: 500n },
    { fromYear: 7, toYear: 9, base: 19_300n, perClaim: 1_500n },
    { fromYear: 10, toYear: 25, base: 55_400n, perClaim: 4_300n },
  ],
  registrationCoversYears: 3,
  lateSurcharge: { graceMonths: 6, rateBp: 10_000, source: JPO_LATE_PAYMENT },
};

const JPO_REDUCTION_OVERVIEW =
  'https://www.jpo.go.jp/system/process/tesuryo/genmen/genmensochi.html';

/**
 * JPO reduction regime for cases whose examination was requested on or after 2019-04-01
 * (新減免制度, Patent Act Art. 109-2 and Patent Act Enforcement Order Art. 10). The forecast
 * does not track examination-request dates, so it applies this regime to every JPO patent.
 */
export const JPO_REDUCTIONS_2019_04_01: JpoReductionSchedule = {
  office: 'JPO',
  version: 'JPO-reductions-2019-04-01',
  effectiveFrom: '2019-04-01',
  source: {
    citation:
      '特許庁「2019年4月1日以降に審査請求をした案件の減免制度(新減免制度)について」; Patent Act Art. 107(3)-(4) ' +
      'for co-owned patents',
    url: JPO_REDUCTION_OVERVIEW,
    verified: true,
    checkedAgainst: [
      'JPO 新減免制度の手続に関するQ&A (2024年8月) 問2: large company 1/2 + SME 1/2 with a 1/2 reduction pays 3/4 (=1/2+1/2×1/2)',
      'JPO Q&A 問13 as quoted by uhara-po.com: 1/3 reduction, 10円未満の端数は切り捨て; compute one year, then multiply by years paid',
      "Patent Act Art. 107(3)-(4) text: co-owners' reduced amounts × shares are summed; 十円未満の端数は切り捨てる",
    ],
  },
  roundingUnit: 10n,
  rules: [
    {
      category: 'academic',
      label: 'アカデミック・ディスカウント (universities and their researchers): 1/2, years 1-10',
      numerator: 1,
      denominator: 2,
      fromYear: 1,
      toYear: 10,
      source: {
        citation:
          'Patent Act Enforcement Order Art. 10(3)(i)-(ii); JPO アカデミック・ディスカウント page',
        url: 'https://www.jpo.go.jp/system/process/tesuryo/genmen/genmen20190401/02_09.html',
        verified: true,
        checkedAgainst: [
          'JPO page 02_09 (アカデミック・ディスカウント, 2019年4月1日以降に審査請求をした場合)',
          'kai-sei.or.jp: 特許料(第1年分から第10年分)が半額軽減',
        ],
      },
    },
    {
      category: 'sme',
      label: '中小企業 (small and medium enterprises): 1/2, years 1-10',
      numerator: 1,
      denominator: 2,
      fromYear: 1,
      toYear: 10,
      source: {
        citation: 'Patent Act Enforcement Order Art. 10(1); JPO 中小企業(会社)を対象とした減免措置',
        url: 'https://www.jpo.go.jp/system/process/tesuryo/genmen/genmen20190401/02_01.html',
        verified: true,
        checkedAgainst: [
          'Tohoku METI bureau 特許料等軽減制度: 中小企業の特許料金が2分の1; 特許料(第1年から第10年分)',
          'inoue-patent.com 2019-06-17: 設立後10年以上の中小企業 1/2',
        ],
      },
    },
    {
      category: 'small_or_startup',
      label:
        '小規模企業・中小スタートアップ企業 (small companies, start-ups under 10 years): 1/3, years 1-10',
      numerator: 1,
      denominator: 3,
      fromYear: 1,
      toYear: 10,
      source: {
        citation:
          'Patent Act Enforcement Order Art. 10; JPO 減免制度 (小規模企業 / 中小スタートアップ企業)',
        url: JPO_REDUCTION_OVERVIEW,
        verified: true,
        checkedAgainst: [
          'Tohoku METI bureau 特許料等軽減制度: 小規模企業・中小ベンチャー企業の特許料金が3分の1',
          'inoue-patent.com 2019-06-17: 設立後10年未満の中小企業 / 小規模の中小企業 1/3',
        ],
      },
    },
  ],
};

/** USPTO maintenance fees from 2025-01-19 (FY2025 fee-setting rule). */
export const USPTO_MAINTENANCE_FEES_2025_01_19: UsptoMaintenanceFeeSchedule = {
  office: 'USPTO',
  currency: 'USD',
  version: 'USPTO-maintenance-2025-01-19',
  effectiveFrom: '2025-01-19',
  source: {
    citation:
      'USPTO fee schedule, 37 CFR 1.20(e)-(h), as set by "Setting and Adjusting Patent Fees During Fiscal Year 2025", ' +
      '89 FR 91898 (2024-11-20), effective 2025-01-19',
    url: 'https://www.uspto.gov/learning-and-resources/fees-and-payment/uspto-fee-schedule',
    verified: true,
    checkedAgainst: [
      'Federal Register 89 FR 91898 (govinfo.gov FR Doc 2024-26821): rule effective January 19, 2025',
      'readydone.ai maintenance-fee reference "Fees effective January 19, 2025": 3.5y $2,150/$860/$430, ' +
        '7.5y $4,040/$1,616/$808, 11.5y $8,280/$3,312/$1,656, late surcharge $540/$216/$108',
      'OMB ICR 202411-0651-004: due at 3.5, 7.5, 11.5 years after grant; 6-month grace period',
    ],
    note: 'Amounts were confirmed against a secondary source; the USPTO fee schedule page itself could not be read.',
  },
  stages: [
    { label: '3.5 years', amounts: { large: 2_150n, small: 860n, micro: 430n } },
    { label: '7.5 years', amounts: { large: 4_040n, small: 1_616n, micro: 808n } },
    { label: '11.5 years', amounts: { large: 8_280n, small: 3_312n, micro: 1_656n } },
  ],
  gracePeriodSurcharge: { large: 540n, small: 216n, micro: 108n },
  graceMonths: 6,
};

/** EPO renewal fees for European patent applications from 2024-04-01. */
export const EPO_RENEWAL_FEES_2024_04_01: EpoRenewalFeeSchedule = {
  office: 'EPO',
  currency: 'EUR',
  version: 'EPO-renewal-2024-04-01',
  effectiveFrom: '2024-04-01',
  source: {
    citation:
      'EPO Rules relating to Fees Art. 2(1) item 5 (renewal fees), as amended by Administrative Council decision ' +
      'CA/D 16/23 of 14 December 2023, for payments on or after 2024-04-01; Rule 51 EPC',
    url: 'https://www.epo.org/en/applying/fees/fees',
    verified: true,
    checkedAgainst: [
      'williamspowell.com "EPO Fees increase from 1 April 2024": years 3-9 690/845/1000/1155/1310/1465/1620, 10th-20th 1775',
      'mondaq / surrey-chambers / lewissilkin 2024: 3rd 690, 4th 845, 5th 1000, 6th 1155 (down from 1180), 10th+ unchanged',
      'EPO Guide for applicants: due on the last day of the month of the filing-date anniversary; 50% additional fee ' +
        'within six months',
    ],
    note:
      'Checked against secondary sources; the EPO schedule of fees itself was not read. The 30% reduction for ' +
      'micro-entities (incl. universities with fewer than 5 EP filings in 5 years, from 2024-04-01) is not modelled.',
  },
  bands: [
    { fromYear: 3, toYear: 3, amount: 690n },
    { fromYear: 4, toYear: 4, amount: 845n },
    { fromYear: 5, toYear: 5, amount: 1_000n },
    { fromYear: 6, toYear: 6, amount: 1_155n },
    { fromYear: 7, toYear: 7, amount: 1_310n },
    { fromYear: 8, toYear: 8, amount: 1_465n },
    { fromYear: 9, toYear: 9, amount: 1_620n },
    { fromYear: 10, toYear: 20, amount: 1_775n },
  ],
  lateAdditionalFeeBp: 5_000,
  graceMonths: 6,
};

/** The schedules the product uses unless a caller supplies its own. */
export const OFFICIAL_FEE_SCHEDULES: FeeSchedules = {
  jpoAnnual: [JPO_ANNUAL_FEES_2016_04_01, JPO_ANNUAL_FEES_2022_04_01],
  jpoReductions: [JPO_REDUCTIONS_2019_04_01],
  usptoMaintenance: [USPTO_MAINTENANCE_FEES_2025_01_19],
  epoRenewal: [EPO_RENEWAL_FEES_2024_04_01],
};
