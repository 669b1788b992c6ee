import { createLeaveContext, type LeaveDeps } from './leave-context.ts';
import { createLeaveBalances } from './leave-balances.ts';
import { createLeaveRequests } from './leave-requests.ts';
import { createLeaveDecisions } from './leave-decisions.ts';
import { createLeaveReads } from './leave-reads.ts';

export type { LeaveDeps, UploadedFile } from './leave-context.ts';

/**
 * Leave (cuti): requests checked against the rulebook and the unit's calendar, the annual-leave balance derived
 * from history (plus an opening balance migrated from an old system), the approval chain (direct superior incl.
 * Plt/Plh, then the PyBMC from the rulebook), cancellation, the leave letter, and the absence source of the
 * daily statuses. Source: PP 11/2017 jo. PP 17/2020 Pasal 309–341; Peraturan BKN 24/2017 jo. 7/2021;
 * PP 49/2018 Pasal 77; Peraturan BKN 7/2022; regulations.md §3.4, §4.1, §4.2.
 *
 * The façade of its sections: leave-context.ts (what they share: who sees and decides, rows → contract),
 * leave-requests.ts (options, preview, submit), leave-decisions.ts (approve, reject, cancel, the letter number),
 * leave-balances.ts (balance, opening balances) and leave-reads.ts (lists, inbox, export, attachment, letter,
 * absences).
 */
export function createLeaveService(deps: LeaveDeps) {
  const ctx = createLeaveContext(deps);
  const balances = createLeaveBalances(ctx);
  const requests = createLeaveRequests(ctx, balances);
  const decisions = createLeaveDecisions(ctx, balances);
  const reads = createLeaveReads(ctx);

  // Who may open a request's attachment: whoever may see the request (`load`: 404 for anyone else).
  deps.files.registerOwner(
    'leave_request',
    async (actor, id) => {
      await ctx.load(actor, id);
      return true;
    },
    'Lampiran',
  );

  return {
    options: requests.options,
    preview: requests.preview,
    submit: requests.submit,
    get: ctx.get,
    decide: decisions.decide,
    cancel: decisions.cancel,
    mine: reads.mine,
    inbox: reads.inbox,
    inboxCount: reads.inboxCount,
    granted: reads.granted,
    list: reads.list,
    exportRows: reads.exportRows,
    balance: balances.balance,
    setOpening: balances.setOpening,
    attachment: reads.attachment,
    letter: reads.letter,
    approvedAbsences: reads.approvedAbsences,
  };
}

export type LeaveService = ReturnType<typeof createLeaveService>;
