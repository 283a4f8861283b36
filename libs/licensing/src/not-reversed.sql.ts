/** SQL conditions for licensing rows that still count: reversed receipts and withdrawn reports do not. */

/** A licence receipt (alias `c`) that was not reversed: it counts as received and shared. */
export const RECEIPT_NOT_REVERSED = 'NOT EXISTS (SELECT 1 FROM licence_receipt_reversals x WHERE x.receipt_id = c.id)';

/** A royalty report (alias `r`) that was not withdrawn: it counts as invoiced. */
export const REPORT_NOT_WITHDRAWN = 'NOT EXISTS (SELECT 1 FROM licence_royalty_report_reversals x WHERE x.report_id = r.id)';
