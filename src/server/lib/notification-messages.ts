import { formatDdMmYyyy, formatMonthId } from '../../core/common/date-text.ts';
import type { NotificationKind } from '../../shared/api/notifications.ts';

/**
 * The words of the notifications the existing decisions send (Bahasa Indonesia, dates dd/MM/yyyy), with the
 * page where the recipient finds the item. Pure: the decision services pass what they know, the notification
 * service stores it. One place for the links, so a route that moves is changed here.
 */
export interface Message {
  kind: NotificationKind;
  title: string;
  body: string;
  link: string;
  entity: { type: string; id: string };
}

/** The app's pages that show each kind of item (the web app's routes). */
export const LINKS = {
  myPermits: '/izin',
  myCorrections: '/koreksi',
  requestApprovals: '/izin/persetujuan',
  correctionApprovals: '/koreksi/persetujuan',
  myLeave: '/cuti',
  leaveApprovals: '/cuti/persetujuan',
  presensi: '/presensi',
  punchReviews: '/presensi/tinjau',
  devices: '/presensi/perangkat',
  unitRecap: '/rekap/unit',
  home: '/',
} as const;

const range = (from: string, to: string) =>
  from === to ? formatDdMmYyyy(from) : `${formatDdMmYyyy(from)}–${formatDdMmYyyy(to)}`;
const withId = (path: string, id: string) => `${path}?id=${encodeURIComponent(id)}`;
const noted = (note: string | null | undefined) => (note && note.trim() ? `: ${note.trim()}` : '');

/** A permit or assignment kind as people say it. */
export const PERMIT_KIND_WORDS: Record<string, string> = {
  I: 'izin',
  S: 'izin sakit',
  DL: 'dinas luar',
  TGL: 'tugas luar',
  TB: 'tugas belajar',
  DIKLAT: 'diklat',
  WFH: 'WFH',
  WFA: 'WFA',
};

const PERMIT_PART_WORDS: Record<string, string> = {
  late: ' (datang terlambat)',
  early: ' (pulang lebih awal)',
};

export const messages = {
  permitWaiting: (p: {
    id: string;
    employeeName: string;
    kind: string;
    part?: string;
    dateFrom: string;
    dateTo: string;
  }): Message => ({
    kind: 'permit.waiting',
    title: 'Permohonan izin menunggu keputusan Anda',
    body: `${p.employeeName} mengajukan ${PERMIT_KIND_WORDS[p.kind] ?? p.kind}${PERMIT_PART_WORDS[p.part ?? ''] ?? ''} ${range(p.dateFrom, p.dateTo)}`,
    link: withId(LINKS.requestApprovals, p.id),
    entity: { type: 'permit', id: p.id },
  }),

  permitDecided: (p: {
    id: string;
    kind: string;
    dateFrom: string;
    dateTo: string;
    approved: boolean;
    deciderName: string;
    note?: string | null;
  }): Message => ({
    kind: 'permit.decided',
    title: `Permohonan ${PERMIT_KIND_WORDS[p.kind] ?? p.kind} Anda ${p.approved ? 'disetujui' : 'ditolak'}`,
    body: `${range(p.dateFrom, p.dateTo)} · oleh ${p.deciderName}${noted(p.note)}`,
    link: withId(LINKS.myPermits, p.id),
    entity: { type: 'permit', id: p.id },
  }),

  correctionWaiting: (c: { id: string; employeeName: string; date: string }): Message => ({
    kind: 'correction.waiting',
    title: 'Koreksi presensi menunggu keputusan Anda',
    body: `${c.employeeName} mengajukan koreksi presensi tanggal ${formatDdMmYyyy(c.date)}`,
    link: withId(LINKS.correctionApprovals, c.id),
    entity: { type: 'correction', id: c.id },
  }),

  correctionDecided: (c: {
    id: string;
    date: string;
    approved: boolean;
    deciderName: string;
    note?: string | null;
  }): Message => ({
    kind: 'correction.decided',
    title: `Koreksi presensi Anda ${c.approved ? 'disetujui' : 'ditolak'}`,
    body: `Tanggal ${formatDdMmYyyy(c.date)} · oleh ${c.deciderName}${noted(c.note)}`,
    link: withId(LINKS.myCorrections, c.id),
    entity: { type: 'correction', id: c.id },
  }),

  leaveWaiting: (r: {
    id: string;
    employeeName: string;
    typeName: string;
    from: string;
    to: string;
    workingDays: number;
    step: 'ATASAN' | 'PYBMC';
  }): Message => ({
    kind: 'leave.waiting',
    title:
      r.step === 'ATASAN'
        ? 'Permohonan cuti menunggu pertimbangan Anda'
        : 'Permohonan cuti menunggu keputusan Anda sebagai pejabat pemberi cuti',
    body: `${r.employeeName}: ${r.typeName} ${range(r.from, r.to)} (${r.workingDays} hari kerja)`,
    link: withId(LINKS.leaveApprovals, r.id),
    entity: { type: 'leave_request', id: r.id },
  }),

  /** The superior approved; the request now waits for the leave-granting official. */
  leaveStepApproved: (r: { id: string; typeName: string; from: string; to: string; deciderName: string }) =>
    ({
      kind: 'leave.step_approved',
      title: `${r.typeName} Anda disetujui atasan langsung`,
      body: `${range(r.from, r.to)} · oleh ${r.deciderName}; kini menunggu keputusan pejabat yang berwenang memberikan cuti`,
      link: withId(LINKS.myLeave, r.id),
      entity: { type: 'leave_request', id: r.id },
    }) satisfies Message,

  leaveDecided: (r: {
    id: string;
    typeName: string;
    from: string;
    to: string;
    approved: boolean;
    deciderName: string;
    note?: string | null;
  }): Message => ({
    kind: 'leave.decided',
    title: `${r.typeName} Anda ${r.approved ? 'disetujui' : 'ditolak'}`,
    body: `${range(r.from, r.to)} · oleh ${r.deciderName}${noted(r.note)}`,
    link: withId(LINKS.myLeave, r.id),
    entity: { type: 'leave_request', id: r.id },
  }),

  /** Approved leave cancelled by the leave-granting official (PP 11/2017: the PyBMC may cancel, with reasons). */
  leaveCancelled: (r: {
    id: string;
    typeName: string;
    from: string;
    to: string;
    deciderName: string;
    reason: string;
  }): Message => ({
    kind: 'leave.cancelled',
    title: `${r.typeName} Anda dibatalkan`,
    body: `${range(r.from, r.to)} · oleh ${r.deciderName}${noted(r.reason)}`,
    link: withId(LINKS.myLeave, r.id),
    entity: { type: 'leave_request', id: r.id },
  }),

  punchWaiting: (p: {
    id: string;
    employeeName: string;
    date: string;
    time: string;
    zone: string;
    reasons: string[];
  }): Message => ({
    kind: 'punch.waiting',
    title: 'Presensi bertanda menunggu tinjauan Anda',
    body: `${p.employeeName} · ${formatDdMmYyyy(p.date)} ${p.time} ${p.zone}${p.reasons.length ? `: ${p.reasons.join('; ')}` : ''}`,
    link: withId(LINKS.punchReviews, p.id),
    entity: { type: 'punch', id: p.id },
  }),

  punchReviewed: (p: {
    id: string;
    date: string;
    accepted: boolean;
    deciderName: string;
    note?: string | null;
  }): Message => ({
    kind: 'punch.reviewed',
    title: `Presensi Anda ${p.accepted ? 'diterima' : 'ditolak'} setelah ditinjau`,
    body: `Tanggal ${formatDdMmYyyy(p.date)} · oleh ${p.deciderName}${noted(p.note)}`,
    link: withId(LINKS.presensi, p.id),
    entity: { type: 'punch', id: p.id },
  }),

  deviceWaiting: (d: {
    id: string;
    employeeName: string;
    label: string;
    reason?: string | null;
  }): Message => ({
    kind: 'device.waiting',
    title: 'Pergantian perangkat menunggu persetujuan Anda',
    body: `${d.employeeName}: ${d.label}${noted(d.reason)}`,
    link: withId(LINKS.devices, d.id),
    entity: { type: 'device', id: d.id },
  }),

  deviceDecided: (d: {
    id: string;
    label: string;
    decision: 'APPROVE' | 'REJECT' | 'REVOKE';
    deciderName: string;
    note?: string | null;
  }): Message => ({
    kind: 'device.decided',
    title: `Perangkat "${d.label}" ${{ APPROVE: 'disetujui', REJECT: 'ditolak', REVOKE: 'dicabut' }[d.decision]}`,
    body: `Oleh ${d.deciderName}${noted(d.note)}`,
    link: withId(LINKS.presensi, d.id),
    entity: { type: 'device', id: d.id },
  }),

  recapClosed: (m: { unitId: string; unitName: string; month: string; actorName: string }): Message => ({
    kind: 'recap.closed',
    title: `Rekap ${formatMonthId(m.month)} ${m.unitName} ditutup`,
    body: `Ditutup oleh ${m.actorName}; perubahan berikutnya menjadi penyesuaian bulan berjalan`,
    link: `${LINKS.unitRecap}?unit=${m.unitId}&bulan=${m.month}`,
    entity: { type: 'month_closing', id: `${m.unitId}:${m.month}` },
  }),

  recapReopened: (m: {
    unitId: string;
    unitName: string;
    month: string;
    actorName: string;
    reason: string;
  }): Message => ({
    kind: 'recap.reopened',
    title: `Rekap ${formatMonthId(m.month)} ${m.unitName} dibuka kembali`,
    body: `Oleh ${m.actorName}${noted(m.reason)}`,
    link: `${LINKS.unitRecap}?unit=${m.unitId}&bulan=${m.month}`,
    entity: { type: 'month_closing', id: `${m.unitId}:${m.month}` },
  }),
};

/** The parts of a digest, in the order they are listed. */
const DIGEST_WORDS: [string, string][] = [
  ['permits', 'izin'],
  ['corrections', 'koreksi presensi'],
  ['leave', 'cuti'],
  ['punches', 'presensi bertanda'],
];

/** The daily digest of what waits for a superior's decision, or null when nothing waits. */
export function digestMessage(date: string, counts: Record<string, number>): Message | null {
  const parts = DIGEST_WORDS.filter(([k]) => (counts[k] ?? 0) > 0).map(([k, w]) => `${counts[k]} ${w}`);
  const total = DIGEST_WORDS.reduce((s, [k]) => s + (counts[k] ?? 0), 0);
  if (total === 0) return null;
  return {
    kind: 'digest.waiting',
    title: `${total} hal menunggu keputusan Anda`,
    body: `Ringkasan ${formatDdMmYyyy(date)}: ${parts.join(', ')}`,
    link: LINKS.home,
    entity: { type: 'digest', id: date },
  };
}
