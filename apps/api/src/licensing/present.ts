import { LicenceRequest, LicenceView, RoyaltyReport, RoyaltyReportReversal } from '@app/licensing';
import { jsonSafe } from '../http/json-safe';

export function presentRequest(r: LicenceRequest) {
  const { createdByTokenId: _by, decidedByTokenId: _dby, ...shown } = r;
  return jsonSafe(shown);
}

export function presentReport(r: RoyaltyReport & { reversal?: RoyaltyReportReversal | null }) {
  const { requestHash: _h, idempotencyKey: _k, createdByTokenId: _by, reversal, ...shown } = r;
  return jsonSafe({
    ...shown,
    reversal: reversal ? { reversedOn: reversal.reversedOn, reason: reversal.reason, entryId: reversal.entryId } : null,
  });
}

export function presentLicence(v: LicenceView) {
  const { createdByTokenId: _by, ...licence } = v.licence;
  return jsonSafe({
    ...licence,
    status: v.termination ? 'terminated' : licence.status,
    termination: v.termination && { endsOn: v.termination.endsOn, reason: v.termination.reason, recordedAt: v.termination.createdAt },
    invoicedYen: v.invoicedYen,
    receivedYen: v.receivedYen,
    outstandingYen: v.outstandingYen,
    royaltyReports: v.reports.map(presentReport),
    receipts: v.receipts.map(
      ({ requestHash: _h, idempotencyKey: _k, createdByTokenId: _by2, reversal, ...r }) => ({
        ...r,
        shares: r.shares.map(({ id: _id, receiptId: _rid, ...s }) => s),
        reversal: reversal && {
          reversedOn: reversal.reversedOn,
          reason: reversal.reason,
          receiptReversalEntryId: reversal.receiptReversalEntryId,
          sharingReversalEntryId: reversal.sharingReversalEntryId,
        },
      }),
    ),
    commercialisations: v.commercialisations.map(({ createdByTokenId: _c, ...c }) => c),
  });
}
