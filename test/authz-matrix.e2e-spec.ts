import { SYSTEM_ACTOR, TokenService } from '@app/access';
import { TestApp, TestClient, World, buildWorld, createTestApp, expectStatus } from '@app/testing';

/**
 * Who may call what: one row per endpoint, one expected status per caller.
 *
 * Callers:
 *   admin, cpo, finance, auditor – staff tokens
 *   member      – company A's token, on company A's own ids (its organisation, its project)
 *   otherMember – company B's token on the same ids: B is a member of the same platform, but the
 *                 ids are A's, so where an id is involved B must get 404 (never A's data)
 *   outsider    – a member token of an organisation that is not a member of the platform
 *   anonymous   – no token at all
 *
 * A write a role may not make is 403 whatever the id (the guard refuses before any lookup, so the
 * status says nothing about whether the id exists). A refused call must leave no audit entry.
 *
 * To add an endpoint: add a row below. `call` builds the request for one caller; it runs once per
 * caller, so a write that succeeds can get a fresh target each time (see `fresh` helpers).
 */
// prettier-ignore
const MATRIX: Row[] = [
  // expect: s(admin, cpo, finance, auditor, member, otherMember, outsider, anonymous)
  // ── health and metrics: public ─────────────────────────────────────────────────────────────
  { route: 'GET /health', call: () => get('/health'), expect: s(200, 200, 200, 200, 200, 200, 200, 200) },
  { route: 'GET /ready', call: () => get('/ready'), expect: s(200, 200, 200, 200, 200, 200, 200, 200) },
  { route: 'GET /metrics', call: () => get('/metrics'), expect: s(200, 200, 200, 200, 200, 200, 200, 200) },

  // ── tokens: admin only ──────────────────────────────────────────────────────────────────────
  { route: 'POST /tokens', call: (c) => post('/tokens', { label: `matrix ${c.n()}`, role: 'finance' }), expect: s(201, 403, 403, 403, 403, 403, 403, 401) },
  { route: 'GET /tokens', call: () => get('/tokens'), expect: s(200, 403, 403, 403, 403, 403, 403, 401) },
  { route: 'DELETE /tokens/:id', call: async (c) => del(`/tokens/${await c.freshTokenId()}`), expect: s(200, 403, 403, 403, 403, 403, 403, 401) },

  // ── audit log: staff who answer for the pool, not finance, not members ─────────────────────
  { route: 'GET /audit-log', call: () => get('/audit-log'), expect: s(200, 200, 403, 200, 403, 403, 403, 401) },

  // ── organisations ───────────────────────────────────────────────────────────────────────────
  { route: 'POST /organisations', call: (c) => post('/organisations', { name: `Matrix Org ${c.n()}`, kind: 'tlo' }), expect: s(201, 201, 403, 403, 403, 403, 403, 401) },
  { route: 'GET /organisations', call: () => get('/organisations'), expect: s(200, 200, 200, 200, 200, 200, 200, 401) },
  { route: 'GET /organisations/:id', call: (c) => get(`/organisations/${c.companyAId}`), expect: s(200, 200, 200, 200, 200, 404, 404, 401) },

  // ── platforms and policy ────────────────────────────────────────────────────────────────────
  {
    route: 'POST /platforms',
    call: (c) => post('/platforms', { name: `Matrix Platform ${c.n()}`, leadInstitutionId: c.universityId, establishedOn: '2026-04-01' }),
    expect: s(201, 201, 403, 403, 403, 403, 403, 401),
  },
  { route: 'GET /platforms', call: () => get('/platforms'), expect: s(200, 200, 200, 200, 200, 200, 200, 401) },
  { route: 'GET /platforms/:platformId', call: (c) => get(`/platforms/${c.platformId}`), expect: s(200, 200, 200, 200, 200, 200, 404, 401) },
  {
    route: 'POST /platforms/:platformId/policies',
    call: (c) => post(`/platforms/${c.platformId}/policies`, { effectiveFrom: `${2030 + c.n()}-04-01`, overheadRateBp: 2500 }),
    expect: s(201, 201, 403, 403, 403, 403, 403, 401),
  },
  { route: 'GET /platforms/:platformId/policies', call: (c) => get(`/platforms/${c.platformId}/policies`), expect: s(200, 200, 200, 200, 200, 200, 404, 401) },
  { route: 'GET /platforms/:platformId/policy', call: (c) => get(`/platforms/${c.platformId}/policy?on=2026-05-01`), expect: s(200, 200, 200, 200, 200, 200, 404, 401) },

  // ── memberships ─────────────────────────────────────────────────────────────────────────────
  {
    route: 'POST /platforms/:platformId/memberships',
    call: async (c) => post(`/platforms/${c.platformId}/memberships`, { organisationId: await c.freshOrganisation(), joinedOn: '2026-06-01' }),
    expect: s(201, 201, 403, 403, 403, 403, 403, 401),
  },
  { route: 'GET /platforms/:platformId/memberships', call: (c) => get(`/platforms/${c.platformId}/memberships`), expect: s(200, 200, 200, 200, 200, 200, 404, 401) },
  {
    route: 'POST /platforms/:platformId/memberships/:membershipId/end',
    call: async (c) => post(`/platforms/${c.platformId}/memberships/${await c.freshMembership()}/end`, { leftOn: '2027-03-31' }),
    expect: s(200, 200, 403, 403, 403, 403, 403, 401),
  },

  // ── projects and participants ───────────────────────────────────────────────────────────────
  {
    route: 'POST /platforms/:platformId/projects',
    call: (c) =>
      post(`/platforms/${c.platformId}/projects`, {
        code: `MATRIX-${c.n()}`,
        title: 'matrix project',
        kind: 'individual',
        startsOn: '2026-04-01',
        endsOn: '2027-03-31',
        participants: [{ organisationId: c.universityId, role: 'lead' }],
      }),
    expect: s(201, 201, 403, 403, 403, 403, 403, 401),
  },
  { route: 'GET /platforms/:platformId/projects', call: (c) => get(`/platforms/${c.platformId}/projects`), expect: s(200, 200, 200, 200, 200, 200, 404, 401) },
  {
    // Company A's own project (B does not take part in it).
    route: 'GET /platforms/:platformId/projects/:projectId',
    call: (c) => get(`/platforms/${c.platformId}/projects/${c.projectAId}`),
    expect: s(200, 200, 200, 200, 200, 404, 404, 401),
  },
  {
    route: 'POST /platforms/:platformId/projects/:projectId/participants',
    call: async (c) => post(`/platforms/${c.platformId}/projects/${c.projectAId}/participants`, { organisationId: await c.freshMember(), role: 'researcher' }),
    expect: s(201, 201, 403, 403, 403, 403, 403, 401),
  },
  // ── funding: finance (and admin) post; members read their own ──────────────────────────────
  {
    route: 'POST /platforms/:platformId/contributions',
    call: (c) => post(`/platforms/${c.platformId}/contributions`, contributionBody(c, '1000'), key(c)),
    expect: s(201, 403, 201, 403, 403, 403, 403, 401),
  },
  { route: 'GET /platforms/:platformId/contributions', call: (c) => get(`/platforms/${c.platformId}/contributions`), expect: s(200, 200, 200, 200, 200, 200, 404, 401) },
  {
    // Company A's contribution.
    route: 'GET /platforms/:platformId/contributions/:contributionId',
    call: (c) => get(`/platforms/${c.platformId}/contributions/${c.contributionAId}`),
    expect: s(200, 200, 200, 200, 200, 404, 404, 401),
  },
  {
    route: 'POST /platforms/:platformId/contributions/:contributionId/receipts',
    call: async (c) => post(`/platforms/${c.platformId}/contributions/${await c.freshContribution()}/receipts`, { receivedOn: '2026-06-30' }, key(c)),
    expect: s(201, 403, 201, 403, 403, 403, 403, 401),
  },
  {
    route: 'POST /platforms/:platformId/contributions/:contributionId/receipts/:receiptId/reversal',
    call: async (c) => {
      const r = await c.freshReceipt();
      return post(`/platforms/${c.platformId}/contributions/${r.contributionId}/receipts/${r.receiptId}/reversal`, { reversedOn: '2026-07-01', reason: 'matrix' }, key(c));
    },
    expect: s(201, 403, 201, 403, 403, 403, 403, 401),
  },
  {
    route: 'POST /platforms/:platformId/contributions/:contributionId/reversal',
    call: async (c) => post(`/platforms/${c.platformId}/contributions/${await c.freshContribution()}/reversal`, { reversedOn: '2026-07-01', reason: 'matrix' }, key(c)),
    expect: s(201, 403, 201, 403, 403, 403, 403, 401),
  },
  { route: 'GET /platforms/:platformId/funding-shares', call: (c) => get(`/platforms/${c.platformId}/funding-shares`), expect: s(200, 200, 200, 200, 200, 200, 404, 401) },
  {
    route: 'GET /platforms/:platformId/organisations/:organisationId/statement',
    call: (c) => get(`/platforms/${c.platformId}/organisations/${c.companyAId}/statement?fiscalYear=2026`),
    expect: s(200, 200, 200, 200, 200, 404, 404, 401),
  },
  { route: 'GET /platforms/:platformId/reports/reconciliation', call: (c) => get(`/platforms/${c.platformId}/reports/reconciliation?fiscalYear=2026`), expect: s(200, 200, 200, 200, 403, 403, 403, 401) },
  { route: 'GET /platforms/:platformId/ip-fund/statement', call: (c) => get(`/platforms/${c.platformId}/ip-fund/statement?fiscalYear=2026`), expect: s(200, 200, 200, 200, 403, 403, 403, 401) },

  // ── ledger and fiscal periods: staff only; reopening is admin only ───────────────────────────
  {
    route: 'POST /platforms/:platformId/ledger/entries',
    call: (c) => post(`/platforms/${c.platformId}/ledger/entries`, manualEntry(), key(c)),
    expect: s(201, 403, 201, 403, 403, 403, 403, 401),
  },
  {
    route: 'POST /platforms/:platformId/ledger/entries/batch',
    call: (c) => post(`/platforms/${c.platformId}/ledger/entries/batch`, { entries: [{ ...manualEntry(), idempotencyKey: `matrix-batch-${c.n()}` }] }),
    expect: s(201, 403, 201, 403, 403, 403, 403, 401),
  },
  { route: 'GET /platforms/:platformId/ledger/entries', call: (c) => get(`/platforms/${c.platformId}/ledger/entries`), expect: s(200, 200, 200, 200, 403, 403, 403, 401) },
  { route: 'GET /platforms/:platformId/ledger/entries/:entryId', call: (c) => get(`/platforms/${c.platformId}/ledger/entries/${c.entryId}`), expect: s(200, 200, 200, 200, 403, 403, 403, 401) },
  {
    route: 'POST /platforms/:platformId/ledger/entries/:entryId/reversal',
    call: async (c) => post(`/platforms/${c.platformId}/ledger/entries/${await c.freshEntry()}/reversal`, { entryDate: '2026-09-01', reason: 'matrix' }, key(c)),
    expect: s(201, 403, 201, 403, 403, 403, 403, 401),
  },
  { route: 'GET /platforms/:platformId/ledger/accounts', call: (c) => get(`/platforms/${c.platformId}/ledger/accounts`), expect: s(200, 200, 200, 200, 403, 403, 403, 401) },
  {
    route: 'GET /platforms/:platformId/ledger/trial-balance',
    call: (c) => get(`/platforms/${c.platformId}/ledger/trial-balance?fiscalYear=2026`),
    expect: s(200, 200, 200, 200, 403, 403, 403, 401),
  },
  { route: 'GET /platforms/:platformId/fiscal-periods', call: (c) => get(`/platforms/${c.platformId}/fiscal-periods`), expect: s(200, 200, 200, 200, 403, 403, 403, 401) },
  {
    route: 'POST /platforms/:platformId/fiscal-periods/:fiscalYear/close',
    call: (c) => post(`/platforms/${c.platformId}/fiscal-periods/${2040 + c.n()}/close`, {}),
    expect: s(200, 403, 200, 403, 403, 403, 403, 401),
  },
  {
    route: 'POST /platforms/:platformId/fiscal-periods/:fiscalYear/reopen',
    call: async (c) => post(`/platforms/${c.platformId}/fiscal-periods/${await c.freshClosedYear()}/reopen`, { reason: 'matrix' }),
    expect: s(200, 403, 403, 403, 403, 403, 403, 401),
  },
  // ── IP registry: admin/CPO write; staff read; members see the pooled catalogue ─────────────
  { route: 'GET /sakura-types', call: () => get('/sakura-types'), expect: s(200, 200, 200, 200, 200, 200, 200, 401) },
  { route: 'PATCH /sakura-types/:type', call: (c) => patch('/sakura-types/9', { sourceNote: `matrix check ${c.n()}` }), expect: s(200, 403, 403, 403, 403, 403, 403, 401) },
  {
    route: 'POST /platforms/:platformId/agreements',
    call: (c) => post(`/platforms/${c.platformId}/agreements`, { projectId: c.projectId, sakuraType: 7, universityId: c.universityId, companyIds: [c.companyAId], signedOn: '2026-04-01', title: `matrix agreement ${c.n()}` }),
    expect: s(201, 201, 403, 403, 403, 403, 403, 401),
  },
  { route: 'GET /platforms/:platformId/agreements', call: (c) => get(`/platforms/${c.platformId}/agreements`), expect: s(200, 200, 200, 200, 403, 403, 403, 401) },
  { route: 'GET /platforms/:platformId/agreements/:agreementId', call: (c) => get(`/platforms/${c.platformId}/agreements/${c.agreementId}`), expect: s(200, 200, 200, 200, 403, 403, 403, 401) },
  {
    route: 'POST /platforms/:platformId/ip-assets',
    call: (c) => post(`/platforms/${c.platformId}/ip-assets`, assetBody(c)),
    expect: s(201, 201, 403, 403, 403, 403, 403, 401),
  },
  {
    route: 'POST /platforms/:platformId/ip-assets/import',
    call: (c) => post(`/platforms/${c.platformId}/ip-assets/import`, { csv: `reference,title,technologyField,origin,project,owners\nMATRIX-CSV-${c.n()},matrix import,H01M,foreground,P-1,青葉大学:10000\n` }),
    expect: s(201, 201, 403, 403, 403, 403, 403, 401),
  },
  { route: 'GET /platforms/:platformId/ip-assets', call: (c) => get(`/platforms/${c.platformId}/ip-assets`), expect: s(200, 200, 200, 200, 403, 403, 403, 401) },
  { route: 'GET /platforms/:platformId/ip-assets/:assetId', call: (c) => get(`/platforms/${c.platformId}/ip-assets/${c.assetId}`), expect: s(200, 200, 200, 200, 403, 403, 403, 401) },
  { route: 'PATCH /platforms/:platformId/ip-assets/:assetId', call: (c) => patch(`/platforms/${c.platformId}/ip-assets/${c.assetId}`, { title: `renamed ${c.n()}` }), expect: s(200, 200, 403, 403, 403, 403, 403, 401) },
  { route: 'GET /platforms/:platformId/ip-assets/:assetId/owners', call: (c) => get(`/platforms/${c.platformId}/ip-assets/${c.assetId}/owners`), expect: s(200, 200, 200, 200, 403, 403, 403, 401) },
  { route: 'GET /platforms/:platformId/ip-assets/:assetId/owners/history', call: (c) => get(`/platforms/${c.platformId}/ip-assets/${c.assetId}/owners/history`), expect: s(200, 200, 200, 200, 403, 403, 403, 401) },
  {
    route: 'PUT /platforms/:platformId/ip-assets/:assetId/owners',
    call: async (c) => put(`/platforms/${c.platformId}/ip-assets/${await c.freshAsset()}/owners`, { effectiveFrom: '2027-04-01', owners: [{ organisationId: c.universityId, shareBp: 5000 }, { organisationId: c.companyAId, shareBp: 5000 }] }),
    expect: s(200, 200, 403, 403, 403, 403, 403, 401),
  },
  {
    route: 'POST /platforms/:platformId/ip-assets/:assetId/filings',
    call: (c) => post(`/platforms/${c.platformId}/ip-assets/${c.assetId}/filings`, { jurisdiction: 'JP', claimsCount: 5 }),
    expect: s(201, 201, 403, 403, 403, 403, 403, 401),
  },
  { route: 'GET /platforms/:platformId/ip-assets/:assetId/filings', call: (c) => get(`/platforms/${c.platformId}/ip-assets/${c.assetId}/filings`), expect: s(200, 200, 200, 200, 403, 403, 403, 401) },
  { route: 'GET /platforms/:platformId/ip-assets/:assetId/filings/:filingId', call: (c) => get(`/platforms/${c.platformId}/ip-assets/${c.assetId}/filings/${c.filingId}`), expect: s(200, 200, 200, 200, 403, 403, 403, 401) },
  { route: 'PATCH /platforms/:platformId/ip-assets/:assetId/filings/:filingId', call: (c) => patch(`/platforms/${c.platformId}/ip-assets/${c.assetId}/filings/${c.filingId}`, { claimsCount: 5 + c.n() }), expect: s(200, 200, 403, 403, 403, 403, 403, 401) },
  {
    route: 'POST /platforms/:platformId/ip-assets/:assetId/filings/:filingId/status',
    call: async (c) => post(`/platforms/${c.platformId}/ip-assets/${c.assetId}/filings/${await c.freshFiling()}/status`, { status: 'filed', effectiveOn: '2026-09-01' }),
    expect: s(200, 200, 403, 403, 403, 403, 403, 401),
  },
  { route: 'GET /platforms/:platformId/ip-assets/:assetId/filings/:filingId/status-history', call: (c) => get(`/platforms/${c.platformId}/ip-assets/${c.assetId}/filings/${c.filingId}/status-history`), expect: s(200, 200, 200, 200, 403, 403, 403, 401) },
  { route: 'GET /platforms/:platformId/catalogue', call: (c) => get(`/platforms/${c.platformId}/catalogue`), expect: s(200, 200, 200, 200, 200, 200, 404, 401) },

  // ── entitlements: rights checks (members: own organisation only), matrix and committee decisions (staff) ──
  // The committee-decision writes target the shared foreground asset: allowed roles get 422 (background IP only).
  { route: 'GET /platforms/:platformId/rights', call: (c) => get(`/platforms/${c.platformId}/rights?organisationId=${c.companyAId}&assetId=${c.assetId}&purpose=research&on=2026-10-01`), expect: s(200, 200, 200, 200, 200, 404, 404, 401) },
  { route: 'GET /platforms/:platformId/organisations/:organisationId/rights', call: (c) => get(`/platforms/${c.platformId}/organisations/${c.companyAId}/rights?on=2026-10-01&limit=5`), expect: s(200, 200, 200, 200, 200, 404, 404, 401) },
  { route: 'GET /platforms/:platformId/ip-assets/:assetId/rights', call: (c) => get(`/platforms/${c.platformId}/ip-assets/${c.assetId}/rights?purpose=commercial&on=2026-10-01`), expect: s(200, 200, 200, 200, 403, 403, 403, 401) },
  { route: 'GET /platforms/:platformId/rights/matrix', call: (c) => get(`/platforms/${c.platformId}/rights/matrix?on=2026-10-01&limit=10`), expect: s(200, 200, 200, 200, 403, 403, 403, 401) },
  { route: 'POST /platforms/:platformId/ip-assets/:assetId/committee-decisions', call: (c) => post(`/platforms/${c.platformId}/ip-assets/${c.assetId}/committee-decisions`, { decidedOn: '2026-11-01', right: 'standard' }), expect: s(422, 422, 403, 403, 403, 403, 403, 401) },
  {
    route: 'POST /platforms/:platformId/ip-assets/:assetId/committee-decisions/:decisionId/holder-acceptance',
    call: (c) => post(`/platforms/${c.platformId}/ip-assets/${c.assetId}/committee-decisions/00000000-0000-4000-8000-000000000001/holder-acceptance`, { acceptedOn: '2026-11-02' }),
    expect: s(422, 422, 403, 403, 403, 403, 403, 401),
  },
  { route: 'GET /platforms/:platformId/ip-assets/:assetId/committee-decisions', call: (c) => get(`/platforms/${c.platformId}/ip-assets/${c.assetId}/committee-decisions`), expect: s(200, 200, 200, 200, 403, 403, 403, 401) },
  { route: 'POST /platforms/:platformId/ip-assets/:assetId/holder-research-consents', call: (c) => post(`/platforms/${c.platformId}/ip-assets/${c.assetId}/holder-research-consents`, { consents: true, effectiveFrom: '2026-04-01' }), expect: s(422, 422, 403, 403, 403, 403, 403, 401) },

  // ── patent fee forecasts, IP-fund runway, maintain/abandon reviews: staff read; admin/CPO decide ──
  // Accepting a takeover offer: the CPO for the co-owner, or the co-owner's own member token
  // (company A, offered the filing); company B naming A gets 404, never A's offer.
  { route: 'GET /platforms/:platformId/forecasts/fees', call: (c) => get(`/platforms/${c.platformId}/forecasts/fees?fromFiscalYear=2026&years=2&asOf=2026-06-01`), expect: s(200, 200, 200, 200, 403, 403, 403, 401) },
  { route: 'GET /platforms/:platformId/ip-assets/:assetId/filings/:filingId/forecast', call: (c) => get(`/platforms/${c.platformId}/ip-assets/${c.assetId}/filings/${c.filingId}/forecast?years=2&asOf=2026-06-01`), expect: s(200, 200, 200, 200, 403, 403, 403, 401) },
  { route: 'GET /platforms/:platformId/forecasts/ip-fund-runway', call: (c) => get(`/platforms/${c.platformId}/forecasts/ip-fund-runway?years=2&asOf=2026-06-01`), expect: s(200, 200, 200, 200, 403, 403, 403, 401) },
  { route: 'GET /platforms/:platformId/reviews/queue', call: (c) => get(`/platforms/${c.platformId}/reviews/queue?withinDays=90&asOf=2026-06-01`), expect: s(200, 200, 200, 200, 403, 403, 403, 401) },
  {
    route: 'POST /platforms/:platformId/reviews',
    call: async (c) => post(`/platforms/${c.platformId}/reviews`, { filingId: await c.freshFiling(), decision: 'maintain', reason: 'matrix', decidedOn: '2026-09-01' }),
    expect: s(201, 201, 403, 403, 403, 403, 403, 401),
  },
  {
    route: 'POST /platforms/:platformId/reviews/offers/:offerId/accept',
    call: async (c) => post(`/platforms/${c.platformId}/reviews/offers/${await c.freshOffer()}/accept`, { organisationId: c.companyAId, acceptedOn: '2026-09-15' }),
    expect: s(200, 200, 403, 403, 200, 404, 404, 401),
  },
  {
    route: 'POST /platforms/:platformId/reviews/offers/:offerId/close',
    call: async (c) => post(`/platforms/${c.platformId}/reviews/offers/${await c.freshOffer()}/close`, { closedOn: '2026-10-02' }),
    expect: s(200, 200, 403, 403, 403, 403, 403, 401),
  },

  // ── patent costs (issue 4): CPO/finance record and plan; finance (and admin) approve, pay, reverse;
  //    staff read; members read their own organisation's cost bills only ──
  {
    route: 'POST /platforms/:platformId/exchange-rates',
    call: (c) => post(`/platforms/${c.platformId}/exchange-rates`, { currency: 'USD', rateDate: `${2200 + c.n()}-04-01`, yenPerUnit: '150.5' }),
    expect: s(201, 403, 201, 403, 403, 403, 403, 401),
  },
  { route: 'GET /platforms/:platformId/exchange-rates', call: (c) => get(`/platforms/${c.platformId}/exchange-rates`), expect: s(200, 200, 200, 200, 403, 403, 403, 401) },
  {
    route: 'POST /platforms/:platformId/ip-assets/:assetId/filings/:filingId/costs',
    call: (c) => post(`/platforms/${c.platformId}/ip-assets/${c.patentCost.assetId}/filings/${c.patentCost.filingId}/costs`, { kind: 'attorney_fee', amount: '1000', dueOn: '2028-06-01' }, key(c)),
    expect: s(201, 201, 201, 403, 403, 403, 403, 401),
  },
  {
    route: 'POST /platforms/:platformId/ip-assets/:assetId/filings/:filingId/costs/generate',
    call: (c) => post(`/platforms/${c.platformId}/ip-assets/${c.patentCost.assetId}/filings/${c.patentCost.filingId}/costs/generate`, { upToDate: '2030-12-31' }),
    expect: s(201, 201, 201, 403, 403, 403, 403, 401),
  },
  { route: 'GET /platforms/:platformId/ip-assets/:assetId/filings/:filingId/costs', call: (c) => get(`/platforms/${c.platformId}/ip-assets/${c.patentCost.assetId}/filings/${c.patentCost.filingId}/costs`), expect: s(200, 200, 200, 200, 403, 403, 403, 401) },
  {
    route: 'GET /platforms/:platformId/ip-assets/:assetId/filings/:filingId/costs/:costId',
    call: (c) => get(`/platforms/${c.platformId}/ip-assets/${c.patentCost.assetId}/filings/${c.patentCost.filingId}/costs/${c.patentCost.costId}`),
    expect: s(200, 200, 200, 200, 403, 403, 403, 401),
  },
  {
    route: 'POST /platforms/:platformId/ip-assets/:assetId/filings/:filingId/costs/:costId/approve',
    call: async (c) => post(`${patentCostPath(c)}/${await c.freshPatentCost('planned')}/approve`, { approvedOn: '2028-05-01' }, key(c)),
    expect: s(201, 403, 201, 403, 403, 403, 403, 401),
  },
  {
    route: 'POST /platforms/:platformId/ip-assets/:assetId/filings/:filingId/costs/:costId/pay',
    call: async (c) => post(`${patentCostPath(c)}/${await c.freshPatentCost('approved')}/pay`, { paidOn: '2028-05-31' }, key(c)),
    expect: s(201, 403, 201, 403, 403, 403, 403, 401),
  },
  {
    route: 'POST /platforms/:platformId/ip-assets/:assetId/filings/:filingId/costs/:costId/reversal',
    call: async (c) => post(`${patentCostPath(c)}/${await c.freshPatentCost('paid')}/reversal`, { reversedOn: '2028-06-10', reason: 'matrix' }, key(c)),
    expect: s(201, 403, 201, 403, 403, 403, 403, 401),
  },
  {
    route: 'POST /platforms/:platformId/ip-assets/:assetId/filings/:filingId/costs/:costId/cancel',
    call: async (c) => post(`${patentCostPath(c)}/${await c.freshPatentCost('planned')}/cancel`, { cancelledOn: '2028-05-01', reason: 'matrix' }, key(c)),
    expect: s(201, 201, 201, 403, 403, 403, 403, 401),
  },
  {
    // Company A's own bills; company B naming A gets 404.
    route: 'GET /platforms/:platformId/organisations/:organisationId/cost-bills',
    call: (c) => get(`/platforms/${c.platformId}/organisations/${c.companyAId}/cost-bills?fiscalYear=2028`),
    expect: s(200, 200, 200, 200, 200, 404, 404, 401),
  },

  // ── metrics, KPI targets, fact book (staff) and the research patent commons (public) ─────────
  { route: 'GET /platforms/:platformId/metrics', call: (c) => get(`/platforms/${c.platformId}/metrics?fiscalYear=2026`), expect: s(200, 200, 200, 200, 403, 403, 403, 401) },
  { route: 'PUT /platforms/:platformId/ip-office-costs/:fiscalYear', call: (c) => put(`/platforms/${c.platformId}/ip-office-costs/2026`, { personnelCostYen: '5000000' }), expect: s(200, 200, 200, 403, 403, 403, 403, 401) },
  { route: 'GET /platforms/:platformId/ip-office-costs', call: (c) => get(`/platforms/${c.platformId}/ip-office-costs`), expect: s(200, 200, 200, 200, 403, 403, 403, 401) },
  {
    route: 'POST /platforms/:platformId/kpi-targets',
    call: (c) => post(`/platforms/${c.platformId}/kpi-targets`, { kpi: 'company_investment_multiple', baseFiscalYear: 2026, targetFiscalYear: 2030 + c.n(), targetValue: '3' }),
    expect: s(201, 201, 403, 403, 403, 403, 403, 401),
  },
  { route: 'GET /platforms/:platformId/kpi-targets', call: (c) => get(`/platforms/${c.platformId}/kpi-targets`), expect: s(200, 200, 200, 200, 403, 403, 403, 401) },
  { route: 'GET /platforms/:platformId/fact-book', call: (c) => get(`/platforms/${c.platformId}/fact-book?fiscalYear=2026&institutionId=${c.universityId}`), expect: s(200, 200, 200, 200, 403, 403, 403, 401) },
  { route: 'GET /commons/assets', call: () => get('/commons/assets'), expect: s(200, 200, 200, 200, 200, 200, 200, 200) },
  { route: 'GET /commons/patent-map', call: () => get('/commons/patent-map'), expect: s(200, 200, 200, 200, 200, 200, 200, 200) },
  {
    // Members register for their own organisation (one outside the platform too); staff must name one (400 without).
    route: 'POST /commons/assets/:assetId/research-uses',
    call: (c) => post(`/commons/assets/${c.commonsAssetId}/research-uses`, { purpose: `matrix ${c.n()}`, startedOn: '2026-10-01' }),
    expect: s(400, 400, 403, 403, 201, 201, 201, 401),
  },
  {
    // The holder's view: company A co-owns the asset; company B does not (404).
    route: 'GET /platforms/:platformId/ip-assets/:assetId/research-uses',
    call: (c) => get(`/platforms/${c.platformId}/ip-assets/${c.commonsAssetId}/research-uses`),
    expect: s(200, 200, 200, 200, 200, 404, 404, 401),
  },

  // ── licensing: standard terms (CPO), requests (member), approval (CPO), royalties (licensee), receipts (finance) ──
  {
    route: 'POST /platforms/:platformId/licence-terms',
    call: (c) => post(`/platforms/${c.platformId}/licence-terms`, { effectiveFrom: `${2300 + c.n()}-04-01`, upfrontFeeYen: '1000', royaltyBp: 300, annualMinimumYen: '0' }),
    expect: s(201, 201, 403, 403, 403, 403, 403, 401),
  },
  { route: 'GET /platforms/:platformId/licence-terms', call: (c) => get(`/platforms/${c.platformId}/licence-terms`), expect: s(200, 200, 200, 200, 200, 200, 404, 401) },
  {
    // Members request for their own organisation only (the body names none); B is a participant too.
    route: 'POST /platforms/:platformId/licence-requests',
    call: (c) => post(`/platforms/${c.platformId}/licence-requests`, licenceRequestBody(c.licensing.assetId)),
    expect: s(403, 403, 403, 403, 201, 201, 404, 401),
  },
  { route: 'GET /platforms/:platformId/licence-requests', call: (c) => get(`/platforms/${c.platformId}/licence-requests`), expect: s(200, 200, 200, 200, 200, 200, 404, 401) },
  {
    route: 'GET /platforms/:platformId/licence-requests/:requestId',
    call: (c) => get(`/platforms/${c.platformId}/licence-requests/${c.licensing.requestId}`),
    expect: s(200, 200, 200, 200, 200, 404, 404, 401),
  },
  {
    route: 'POST /platforms/:platformId/licence-requests/:requestId/approve',
    call: async (c) => post(`/platforms/${c.platformId}/licence-requests/${await c.freshLicenceRequest()}/approve`, { approvedOn: '2026-10-01' }),
    expect: s(201, 201, 403, 403, 403, 403, 403, 401),
  },
  {
    route: 'POST /platforms/:platformId/licence-requests/:requestId/reject',
    call: async (c) => post(`/platforms/${c.platformId}/licence-requests/${await c.freshLicenceRequest()}/reject`, { rejectedOn: '2026-10-01', reason: 'matrix' }),
    expect: s(201, 201, 403, 403, 403, 403, 403, 401),
  },
  { route: 'GET /platforms/:platformId/licences', call: (c) => get(`/platforms/${c.platformId}/licences`), expect: s(200, 200, 200, 200, 200, 200, 404, 401) },
  { route: 'GET /platforms/:platformId/licences/:licenceId', call: (c) => get(`/platforms/${c.platformId}/licences/${c.licensing.licenceId}`), expect: s(200, 200, 200, 200, 200, 404, 404, 401) },
  {
    // Only the licensee (company A) reports; B naming A's licence gets 404.
    route: 'POST /platforms/:platformId/licences/:licenceId/royalty-reports',
    call: (c) => post(`/platforms/${c.platformId}/licences/${c.licensing.licenceId}/royalty-reports`, { periodStart: '2026-10-01', periodEnd: '2026-12-31', netSalesYen: '100000' }, key(c)),
    expect: s(403, 403, 403, 403, 201, 404, 404, 401),
  },
  {
    route: 'POST /platforms/:platformId/licences/:licenceId/receipts',
    call: (c) => post(`/platforms/${c.platformId}/licences/${c.licensing.licenceId}/receipts`, { receivedOn: '2026-11-01', amountYen: '1' }, key(c)),
    expect: s(201, 403, 201, 403, 403, 403, 403, 401),
  },
  {
    route: 'POST /platforms/:platformId/licences/:licenceId/royalty-reports/:reportId/reversal',
    call: async (c) => {
      const r = await c.freshRoyaltyReport();
      return post(`/platforms/${c.platformId}/licences/${r.licenceId}/royalty-reports/${r.reportId}/reversal`, { reversedOn: '2027-01-05', reason: 'matrix' }, key(c));
    },
    expect: s(201, 403, 201, 403, 403, 403, 403, 401),
  },
  {
    route: 'POST /platforms/:platformId/licences/:licenceId/receipts/:receiptId/reversal',
    call: async (c) => {
      const r = await c.freshLicenceReceipt();
      return post(`/platforms/${c.platformId}/licences/${r.licenceId}/receipts/${r.receiptId}/reversal`, { reversedOn: '2026-10-20', reason: 'matrix' }, key(c));
    },
    expect: s(201, 403, 201, 403, 403, 403, 403, 401),
  },
  {
    route: 'POST /platforms/:platformId/licences/:licenceId/termination',
    call: async (c) => post(`/platforms/${c.platformId}/licences/${await c.freshLicence()}/termination`, { endsOn: '2027-03-31', reason: 'matrix' }),
    expect: s(200, 200, 403, 403, 403, 403, 403, 401),
  },
  {
    route: 'POST /platforms/:platformId/licences/:licenceId/commercialisations',
    call: (c) => post(`/platforms/${c.platformId}/licences/${c.licensing.licenceId}/commercialisations`, { launchedOn: '2027-01-15', product: `matrix ${c.n()}` }),
    expect: s(201, 201, 403, 403, 201, 404, 404, 401),
  },
  {
    route: 'GET /platforms/:platformId/licences/:licenceId/commercialisations',
    call: (c) => get(`/platforms/${c.platformId}/licences/${c.licensing.licenceId}/commercialisations`),
    expect: s(200, 200, 200, 200, 200, 404, 404, 401),
  },
  {
    route: 'GET /platforms/:platformId/organisations/:organisationId/licence-statement',
    call: (c) => get(`/platforms/${c.platformId}/organisations/${c.companyAId}/licence-statement?fiscalYear=2026`),
    expect: s(200, 200, 200, 200, 200, 404, 404, 401),
  },
  {
    route: 'GET /platforms/:platformId/organisations/:organisationId/licence-income',
    call: (c) => get(`/platforms/${c.platformId}/organisations/${c.companyAId}/licence-income?fiscalYear=2026`),
    expect: s(200, 200, 200, 200, 200, 404, 404, 401),
  },
  {
    // The university owns the licensed asset: the setup's receipt left it a payable to pay from.
    route: 'POST /platforms/:platformId/organisations/:organisationId/owner-payouts',
    call: (c) => post(`/platforms/${c.platformId}/organisations/${c.universityId}/owner-payouts`, { paidOn: '2026-10-20', amountYen: '1' }, key(c)),
    expect: s(201, 403, 201, 403, 403, 403, 403, 401),
  },
  {
    route: 'GET /platforms/:platformId/organisations/:organisationId/owner-payouts',
    call: (c) => get(`/platforms/${c.platformId}/organisations/${c.companyAId}/owner-payouts`),
    expect: s(200, 200, 200, 200, 200, 404, 404, 401),
  },
];

/** Research commons: an asset co-owned by the university and company A, opted into the commons. */
async function commonsAssetSetup(admin: TestClient, w: World): Promise<string> {
  const asset = await expectStatus<{ id: string }>(
    admin.post(`/platforms/${w.platformId}/ip-assets`).send({
      title: 'matrix commons asset',
      technologyField: 'H01M 10/052',
      origin: 'foreground',
      projectId: w.projectId,
      createdOn: '2026-06-01',
      researchCommons: true,
      owners: [{ organisationId: w.universityId, shareBp: 5000 }, { organisationId: w.companyAId, shareBp: 5000 }],
    }),
    201,
  );
  return asset.id;
}

/**
 * Licensing: standard terms from 2026-04-01 and a background asset of the university whose
 * steering-committee terms (standard, for every member, accepted) give A and B a priced request
 * whatever their IP Share class; one request of A approved into a licence (¥1,000 upfront fee, ¥900 of it received).
 */
const licenceRequestBody = (assetId: string) => ({
  assetIds: [assetId],
  fieldOfUse: 'matrix',
  territory: ['JP'],
  exclusive: false,
  sublicensing: false,
  termStart: '2026-10-01',
  termEnd: '2028-09-30',
});
async function licensingSetup(admin: TestClient, memberA: TestClient, w: World) {
  const base = `/platforms/${w.platformId}`;
  await expectStatus(admin.post(`${base}/licence-terms`).send({ effectiveFrom: '2026-04-01', upfrontFeeYen: '1000', royaltyBp: 300, annualMinimumYen: '0' }), 201);
  const asset = await expectStatus<{ id: string }>(
    admin.post(`${base}/ip-assets`).send({
      title: 'matrix licensing asset',
      technologyField: 'H01M 10/052',
      origin: 'background',
      holderOrganisationId: w.universityId,
      createdOn: '2026-04-01',
      owners: [{ organisationId: w.universityId, shareBp: 10000 }],
    }),
    201,
  );
  const decision = await expectStatus<{ id: string }>(admin.post(`${base}/ip-assets/${asset.id}/committee-decisions`).send({ decidedOn: '2026-05-01', right: 'standard' }), 201);
  await expectStatus(admin.post(`${base}/ip-assets/${asset.id}/committee-decisions/${decision.id}/holder-acceptance`).send({ acceptedOn: '2026-05-01' }), 200);
  const freshLicenceRequest = async () =>
    (await expectStatus<{ id: string }>(memberA.post(`${base}/licence-requests`).send(licenceRequestBody(asset.id)), 201)).id;
  const requestId = await freshLicenceRequest();
  const licence = await expectStatus<{ id: string }>(admin.post(`${base}/licence-requests/${await freshLicenceRequest()}/approve`).send({ approvedOn: '2026-10-01' }), 201);
  // ¥900 of the fee received: the university, sole owner, is owed ¥630 (the IP fund takes 30%).
  await expectStatus(
    admin.post(`${base}/licences/${licence.id}/receipts`).set('Idempotency-Key', 'matrix-setup-receipt').send({ receivedOn: '2026-10-15', amountYen: '900' }),
    201,
  );
  const freshLicence = async () =>
    (await expectStatus<{ id: string }>(admin.post(`${base}/licence-requests/${await freshLicenceRequest()}/approve`).send({ approvedOn: '2026-10-01' }), 201)).id;
  let receipts = 0;
  const freshLicenceReceipt = async () => {
    const licenceId = await freshLicence();
    const received = await expectStatus<{ receipt: { id: string } }>(
      admin.post(`${base}/licences/${licenceId}/receipts`).set('Idempotency-Key', `matrix-setup-licence-receipt-${++receipts}`).send({ receivedOn: '2026-10-15', amountYen: '10' }),
      201,
    );
    return { licenceId, receiptId: received.receipt.id };
  };
  const freshRoyaltyReport = async () => {
    const licenceId = await freshLicence();
    const reported = await expectStatus<{ report: { id: string } }>(
      memberA
        .post(`${base}/licences/${licenceId}/royalty-reports`)
        .set('Idempotency-Key', `matrix-setup-report-${++receipts}`)
        .send({ periodStart: '2026-10-01', periodEnd: '2026-12-31', netSalesYen: '100000' }),
      201,
    );
    return { licenceId, reportId: reported.report.id };
  };
  return { assetId: asset.id, requestId, licenceId: licence.id, freshLicenceRequest, freshLicence, freshLicenceReceipt, freshRoyaltyReport };
}

/** Patent costs: a granted JP filing of an asset co-owned by the university and company A (A pays), with one planned cost. */
async function patentCostSetup(admin: TestClient, w: World): Promise<{ assetId: string; filingId: string; costId: string }> {
  const asset = await expectStatus<{ id: string }>(
    admin.post(`/platforms/${w.platformId}/ip-assets`).send({
      title: 'matrix patent-cost asset',
      technologyField: 'H01M 10/052',
      origin: 'foreground',
      projectId: w.projectId,
      createdOn: '2026-06-01',
      owners: [{ organisationId: w.universityId, shareBp: 5000 }, { organisationId: w.companyAId, shareBp: 5000 }],
    }),
    201,
  );
  const filing = await expectStatus<{ id: string }>(
    admin.post(`/platforms/${w.platformId}/ip-assets/${asset.id}/filings`).send({ jurisdiction: 'JP', claimsCount: 3, applicationDate: '2025-04-01', grantDate: '2026-10-01', status: 'granted' }),
    201,
  );
  const ids = { assetId: asset.id, filingId: filing.id, costId: '' };
  ids.costId = await freshPatentCost(admin, w, ids, 'planned');
  return ids;
}

let patentCostKeys = 0;
/** A new cost of that filing, taken to `stage` (approved on 2028-05-01, paid on 2028-05-31). */
async function freshPatentCost(admin: TestClient, w: World, at: { assetId: string; filingId: string }, stage: 'planned' | 'approved' | 'paid'): Promise<string> {
  const path = `/platforms/${w.platformId}/ip-assets/${at.assetId}/filings/${at.filingId}/costs`;
  const k = () => `matrix-setup-patent-cost-${++patentCostKeys}`;
  const cost = await expectStatus<{ id: string }>(admin.post(path).set('Idempotency-Key', k()).send({ kind: 'office_action', amount: '2000', dueOn: '2028-06-01' }), 201);
  if (stage !== 'planned') await expectStatus(admin.post(`${path}/${cost.id}/approve`).set('Idempotency-Key', k()).send({ approvedOn: '2028-05-01' }), 201);
  if (stage === 'paid') await expectStatus(admin.post(`${path}/${cost.id}/pay`).set('Idempotency-Key', k()).send({ paidOn: '2028-05-31' }), 201);
  return cost.id;
}
const patentCostPath = (c: Ctx) => `/platforms/${c.platformId}/ip-assets/${c.patentCost.assetId}/filings/${c.patentCost.filingId}/costs`;

/** Patent reviews: a filing of a new asset co-owned by the university and company A, abandoned on 2026-09-01 and offered to A until 2026-10-01. */
async function freshReviewOffer(admin: TestClient, w: World): Promise<string> {
  const asset = await expectStatus<{ id: string }>(
    admin.post(`/platforms/${w.platformId}/ip-assets`).send({
      title: 'matrix review asset',
      technologyField: 'H01M 10/052',
      origin: 'foreground',
      projectId: w.projectId,
      createdOn: '2026-06-01',
      owners: [{ organisationId: w.universityId, shareBp: 5000 }, { organisationId: w.companyAId, shareBp: 5000 }],
    }),
    201,
  );
  const filing = await expectStatus<{ id: string }>(admin.post(`/platforms/${w.platformId}/ip-assets/${asset.id}/filings`).send({ jurisdiction: 'JP', claimsCount: 3 }), 201);
  const decided = await expectStatus<{ offer: { id: string } }>(
    admin.post(`/platforms/${w.platformId}/reviews`).send({ filingId: filing.id, decision: 'abandon', reason: 'matrix setup', decidedOn: '2026-09-01', offerDays: 30 }),
    201,
  );
  return decided.offer.id;
}

/**
 * Routes of other controllers whose rows their owners have yet to add (ledger and funding are
 * being built). Remove a pattern once its rows are in the MATRIX; any other route without a
 * row fails the completeness test below.
 */
const NOT_YET_IN_MATRIX: RegExp[] = [];

// ─────────────────────────────────────────────────────────────────────────────────────────────

const CALLERS = [
  'admin',
  'cpo',
  'finance',
  'auditor',
  'member',
  'otherMember',
  'outsider',
  'anonymous',
] as const;
type Caller = (typeof CALLERS)[number];

interface Call {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  path: string;
  body?: object;
  headers?: Record<string, string>;
}

interface Ctx extends World {
  /** A project of the platform with the university and company A only. */
  projectAId: string;
  /** A number not used before in this file, for unique names and dates. */
  n(): number;
  /** The id of a newly issued token nobody uses. */
  freshTokenId(): Promise<string>;
  /** A newly registered organisation that belongs to no platform. */
  freshOrganisation(): Promise<string>;
  /** A new organisation that is a member of the platform from 2026-04-01; returns the organisation id. */
  freshMember(): Promise<string>;
  /** An open membership of a new organisation; returns the membership id. */
  freshMembership(): Promise<string>;
  /** A contribution of company A (to the shared project). */
  contributionAId: string;
  /** A manual journal entry. */
  entryId: string;
  /** A new contribution of company A with everything outstanding; returns its id. */
  freshContribution(): Promise<string>;
  /** A new contribution of company A received in full. */
  freshReceipt(): Promise<{ contributionId: string; receiptId: string }>;
  /** A new manual entry; returns its id. */
  freshEntry(): Promise<string>;
  /** A fiscal year that has just been closed. */
  freshClosedYear(): Promise<number>;
  agreementId: string;
  /** A foreground IP asset of the shared project, owned by the university. */
  assetId: string;
  /** A JP filing (drafted) of that asset. */
  filingId: string;
  freshAsset(): Promise<string>;
  freshFiling(): Promise<string>;
  /** A new takeover offer (patent reviews) made to company A; see freshReviewOffer. */
  freshOffer(): Promise<string>;
  /** Patent costs: a granted JP filing co-owned with company A and one planned cost; see patentCostSetup. */
  patentCost: { assetId: string; filingId: string; costId: string };
  freshPatentCost(stage: 'planned' | 'approved' | 'paid'): Promise<string>;
  /** Licensing: see licensingSetup. */
  licensing: { assetId: string; requestId: string; licenceId: string };
  /** A new pending licence request of company A. */
  freshLicenceRequest(): Promise<string>;
  /** A new licence of company A (a request approved). */
  freshLicence(): Promise<string>;
  /** A new licence of company A with ¥10 of its fee received. */
  freshLicenceReceipt(): Promise<{ licenceId: string; receiptId: string }>;
  /** A new licence of company A with one royalty report. */
  freshRoyaltyReport(): Promise<{ licenceId: string; reportId: string }>;
  /** Research commons: an asset in the commons co-owned by the university and company A. */
  commonsAssetId: string;
}

interface Row {
  route: string;
  call: (c: Ctx) => Call | Promise<Call>;
  expect: Record<Caller, number>;
}

function s(
  admin: number,
  cpo: number,
  finance: number,
  auditor: number,
  member: number,
  otherMember: number,
  outsider: number,
  anonymous: number,
) {
  return { admin, cpo, finance, auditor, member, otherMember, outsider, anonymous };
}
const get = (path: string): Call => ({ method: 'get', path });
const post = (path: string, body: object, headers?: Record<string, string>): Call => ({ method: 'post', path, body, headers });
/** A fresh Idempotency-Key for postings. */
const key = (c: Ctx) => ({ 'Idempotency-Key': `matrix-key-${c.n()}` });
const contributionBody = (c: Ctx, directCostYen: string) => ({
  projectId: c.projectId,
  organisationId: c.companyAId,
  fiscalYear: 2026,
  directCostYen,
  invoicedOn: '2026-06-01',
});
const manualEntry = () => ({
  entryDate: '2026-08-01',
  description: 'matrix',
  lines: [
    { accountCode: 'bank', debitYen: '10' },
    { accountCode: 'adjustment', creditYen: '10' },
  ],
});
const del = (path: string): Call => ({ method: 'delete', path });
const put = (path: string, body: object): Call => ({ method: 'put', path, body });
const patch = (path: string, body: object): Call => ({ method: 'patch', path, body });
const assetBody = (c: Ctx) => ({
  title: `matrix asset ${c.n()}`,
  technologyField: 'H01M 10/052',
  origin: 'foreground',
  projectId: c.projectId,
  createdOn: '2026-06-01',
  owners: [{ organisationId: c.universityId, shareBp: 10000 }],
});

const REFUSAL_CODE: Record<number, string> = {
  401: 'AUTH.UNAUTHENTICATED',
  403: 'AUTH.ROLE_NOT_ALLOWED',
};

const CASES = MATRIX.flatMap((row) =>
  CALLERS.map((caller) => ({ row, caller, status: row.expect[caller] })),
);

describe('authorisation matrix (e2e)', () => {
  let t: TestApp;
  let c: Ctx;

  const tokenOf = (caller: Caller): string | null =>
    ({
      admin: c.tokens.admin,
      cpo: c.tokens.cpo,
      finance: c.tokens.finance,
      auditor: c.tokens.auditor,
      member: c.tokens.memberA,
      otherMember: c.tokens.memberB,
      outsider: c.tokens.outsider,
      anonymous: null,
    })[caller];

  const lastAuditId = async (): Promise<string> => {
    const rows: { id: string | null }[] = await t.dataSource.query(
      'SELECT max(id)::text AS id FROM audit_log',
    );
    return rows[0].id ?? '0';
  };

  beforeAll(async () => {
    t = await createTestApp();
    const w = await buildWorld(t);
    const admin = t.as(t.adminToken);
    let counter = 0;
    const n = () => ++counter;
    const freshOrganisation = async () =>
      (
        await expectStatus<{ id: string }>(
          admin
            .post('/organisations')
            .send({ name: `Matrix Target ${n()}`, kind: 'company', companySize: 'sme' }),
          201,
        )
      ).id;
    const join = async (organisationId: string) =>
      (
        await expectStatus<{ id: string }>(
          admin
            .post(`/platforms/${w.platformId}/memberships`)
            .send({ organisationId, joinedOn: '2026-04-01' }),
          201,
        )
      ).id;
    const projectA = await expectStatus<{ id: string }>(
      admin.post(`/platforms/${w.platformId}/projects`).send({
        code: 'P-A',
        title: 'company A only',
        kind: 'individual',
        startsOn: '2026-04-01',
        endsOn: '2027-03-31',
        participants: [
          { organisationId: w.universityId, role: 'lead' },
          { organisationId: w.companyAId, role: 'funder' },
        ],
        fundingSources: [
          {
            sourceKind: 'company',
            organisationId: w.companyAId,
            fiscalYear: 2026,
            plannedAmountYen: '5000000',
          },
        ],
      }),
      201,
    );
    let keys = 0;
    const freshContribution = async () =>
      (
        await expectStatus<{ id: string }>(
          admin
            .post(`/platforms/${w.platformId}/contributions`)
            .set('Idempotency-Key', `matrix-setup-contribution-${++keys}`)
            .send({ projectId: w.projectId, organisationId: w.companyAId, fiscalYear: 2026, directCostYen: '1000', invoicedOn: '2026-06-01' }),
          201,
        )
      ).id;
    /** A fresh contribution received in full: its id and the receipt's. */
    const freshReceipt = async () => {
      const contributionId = await freshContribution();
      const received = await expectStatus<{ receipts: { id: string }[] }>(
        admin.post(`/platforms/${w.platformId}/contributions/${contributionId}/receipts`).set('Idempotency-Key', `matrix-setup-receipt-${++keys}`).send({ receivedOn: '2026-06-30' }),
        201,
      );
      return { contributionId, receiptId: received.receipts[0].id };
    };
    const freshEntry = async () =>
      (
        await expectStatus<{ id: string }>(
          admin
            .post(`/platforms/${w.platformId}/ledger/entries`)
            .set('Idempotency-Key', `matrix-setup-entry-${++keys}`)
            .send({ entryDate: '2026-08-01', description: 'matrix setup', lines: [{ accountCode: 'bank', debitYen: '10' }, { accountCode: 'adjustment', creditYen: '10' }] }),
          201,
        )
      ).id;
    const freshAsset = async () =>
      (
        await expectStatus<{ id: string }>(
          admin.post(`/platforms/${w.platformId}/ip-assets`).send({
            title: `matrix setup asset ${++keys}`,
            technologyField: 'H01M 10/052',
            origin: 'foreground',
            projectId: w.projectId,
            createdOn: '2026-06-01',
            owners: [{ organisationId: w.universityId, shareBp: 10000 }],
          }),
          201,
        )
      ).id;
    const assetId = await freshAsset();
    const freshFiling = async () =>
      (
        await expectStatus<{ id: string }>(
          admin.post(`/platforms/${w.platformId}/ip-assets/${assetId}/filings`).send({ jurisdiction: 'JP', claimsCount: 3 }),
          201,
        )
      ).id;
    const agreement = await expectStatus<{ id: string }>(
      admin.post(`/platforms/${w.platformId}/agreements`).send({
        projectId: w.projectId,
        sakuraType: 0,
        universityId: w.universityId,
        companyIds: [w.companyAId],
        signedOn: '2026-04-01',
        title: 'matrix setup agreement',
      }),
      201,
    );
    c = {
      ...w,
      agreementId: agreement.id,
      assetId,
      filingId: await freshFiling(),
      freshAsset,
      freshFiling,
      freshOffer: () => freshReviewOffer(admin, w),
      patentCost: await patentCostSetup(admin, w),
      ...(await licensingSetup(admin, t.as(w.tokens.memberA), w).then(({ freshLicenceRequest, freshLicence, freshLicenceReceipt, freshRoyaltyReport, ...licensing }) => ({
        licensing,
        freshLicenceRequest,
        freshLicence,
        freshLicenceReceipt,
        freshRoyaltyReport,
      }))),
      commonsAssetId: await commonsAssetSetup(admin, w),
      freshPatentCost: (stage) => freshPatentCost(admin, w, c.patentCost, stage),
      projectAId: projectA.id,
      contributionAId: await freshContribution(),
      entryId: await freshEntry(),
      freshContribution,
      freshReceipt,
      freshEntry,
      freshClosedYear: async () => {
        const year = 2100 + n();
        await expectStatus(admin.post(`/platforms/${w.platformId}/fiscal-periods/${year}/close`), 200);
        return year;
      },
      n,
      freshTokenId: async () =>
        (
          await t.app
            .get(TokenService)
            .issue(SYSTEM_ACTOR, { label: `matrix victim ${n()}`, role: 'finance' })
        ).token.id,
      freshOrganisation,
      freshMember: async () => {
        const id = await freshOrganisation();
        await join(id);
        return id;
      },
      freshMembership: async () => join(await freshOrganisation()),
    };
  });
  afterAll(async () => {
    await t?.close();
  });

  it.each(CASES)('$row.route as $caller → $status', async ({ row, caller, status }) => {
    const call = await row.call(c);
    const auditBefore = await lastAuditId();
    const token = tokenOf(caller);
    let req = t.as(token)[call.method](call.path);
    for (const [name, value] of Object.entries(call.headers ?? {})) req = req.set(name, value);
    if (call.body) req = req.send(call.body);
    const res = await req;

    // A refusal carries a stable code and none of the entity's data, and changes nothing.
    const refused = status >= 400;
    const body = res.body as Record<string, unknown>;
    const outcome = {
      status: res.status,
      ...(refused && {
        code: typeof body.code === 'string' && !REFUSAL_CODE[status] ? 'a stable code' : body.code,
        leaksData: 'id' in body || 'name' in body,
        audited: (await lastAuditId()) !== auditBefore,
      }),
    };
    expect(outcome).toEqual({
      status,
      ...(refused && {
        code: REFUSAL_CODE[status] ?? 'a stable code',
        leaksData: false,
        audited: false,
      }),
    });
  });

  it('has a row for every route the API serves', () => {
    // The API's own routes: not the OpenAPI pages, not the queue dashboard's.
    const served = t.routes.filter((route) => !/^\S+ \/(docs|queues)/.test(route));
    const covered = new Set(MATRIX.map((r) => r.route));
    const missing = served.filter(
      (route) => !covered.has(route) && !NOT_YET_IN_MATRIX.some((p) => p.test(route)),
    );
    expect(missing).toEqual([]);
    // and no row names a route that does not exist (a typo would test nothing)
    expect([...covered].filter((route) => !served.includes(route))).toEqual([]);
  });
});
