/**
 * The lifecycle of a monthly TPP run as a state machine: which steps each status allows and where they lead. Who
 * may take a step (admin OPD, the head of the OPD, BKD) and its preconditions (the objection window, pending
 * objections) are checked by the runs section; this table only says what may follow what.
 * Source: issue 17 point 4 ("draft → checked by admin OPD → published to employees with an objection window →
 * approved by the head of OPD and BKD → locked; a change after locking becomes a correction in the next month");
 * regulations.md §5.1 (TPP set by Perkada, paid from the APBD), §10.
 */

/**
 * Statuses of a run:
 * - DRAFT: computed (or computed again); only readers of the unit see it, never the employees;
 * - DIPERIKSA: checked by admin OPD (the figures as computed);
 * - DIUMUMKAN: published to the employees; the objection window runs;
 * - DISETUJUI_OPD: approved by the head of the OPD (or their Plt/Plh) after the window, no objection pending;
 * - DISETUJUI: approved by BKD;
 * - DIKUNCI: locked; never edited again (a later change is a correction line of a later month's run).
 */
export const RUN_STATUSES = [
  'DRAFT',
  'DIPERIKSA',
  'DIUMUMKAN',
  'DISETUJUI_OPD',
  'DISETUJUI',
  'DIKUNCI',
] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];

export const RUN_STATUS_LABELS: Readonly<Record<RunStatus, string>> = {
  DRAFT: 'Draf',
  DIPERIKSA: 'Diperiksa admin OPD',
  DIUMUMKAN: 'Diumumkan kepada pegawai',
  DISETUJUI_OPD: 'Disetujui kepala OPD',
  DISETUJUI: 'Disetujui BKD',
  DIKUNCI: 'Dikunci',
};

/** Steps of a run. */
export const RUN_ACTIONS = ['compute', 'check', 'publish', 'approveOpd', 'approve', 'lock'] as const;
export type RunAction = (typeof RUN_ACTIONS)[number];

export const RUN_ACTION_LABELS: Readonly<Record<RunAction, string>> = {
  compute: 'Menghitung ulang TPP',
  check: 'Menandai TPP sudah diperiksa',
  publish: 'Mengumumkan TPP kepada pegawai',
  approveOpd: 'Persetujuan kepala OPD',
  approve: 'Persetujuan BKD',
  lock: 'Mengunci TPP',
};

/**
 * Where each step may be taken and the status it leads to. `compute` on a DRAFT or DIPERIKSA run replaces its
 * lines and returns it to DRAFT (a check was of the old figures); a first computation (no run yet) is DRAFT too.
 */
const TRANSITIONS: Readonly<Record<RunAction, Partial<Record<RunStatus, RunStatus>>>> = {
  compute: { DRAFT: 'DRAFT', DIPERIKSA: 'DRAFT' },
  check: { DRAFT: 'DIPERIKSA' },
  publish: { DIPERIKSA: 'DIUMUMKAN' },
  approveOpd: { DIUMUMKAN: 'DISETUJUI_OPD' },
  approve: { DISETUJUI_OPD: 'DISETUJUI' },
  lock: { DISETUJUI: 'DIKUNCI' },
};

/** Whether a step may be taken in a status. */
export function canTakeRunAction(status: RunStatus, action: RunAction): boolean {
  return TRANSITIONS[action][status] !== undefined;
}

/**
 * The status a step leads to, or null when it may not be taken in that status.
 * Source: issue 17 point 4 (the lifecycle).
 */
export function nextRunStatus(status: RunStatus, action: RunAction): RunStatus | null {
  return TRANSITIONS[action][status] ?? null;
}

/** The steps open in a status (for the view's buttons). */
export function runActionsIn(status: RunStatus): RunAction[] {
  return RUN_ACTIONS.filter((a) => canTakeRunAction(status, a));
}

/** Statuses in which employees see their line (published or later); a DRAFT or a checked run is never shown. */
export const PUBLISHED_STATUSES: readonly RunStatus[] = [
  'DIUMUMKAN',
  'DISETUJUI_OPD',
  'DISETUJUI',
  'DIKUNCI',
];

/** Whether employees (and their superiors) see the run. Source: issue 17 point 4 ("published to employees"). */
export function isPublished(status: RunStatus): boolean {
  return PUBLISHED_STATUSES.includes(status);
}
