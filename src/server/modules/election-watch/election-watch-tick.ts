import { addDays } from '../../../core/common/local-date.ts';
import { ZONE_LABEL, type IndonesianTimeZone } from '../../../core/common/zoned-time.ts';
import { formatDdMmYyyy } from '../../../core/common/date-text.ts';
import { ackDueAt, headMissedAttendance, periodDaysUntil } from '../../../core/oversight/election-watch.ts';
import type { ElectionWatchContext } from './election-watch-context.ts';

const SYSTEM = { actorId: null, actorName: 'Sistem (pengawasan masa pemilu)', ip: null, userAgent: null };

const HEAD_MISS_WORDS = {
  TK: 'tidak hadir tanpa keterangan',
  TANPA_ABSEN_MASUK: 'tidak melakukan presensi masuk',
  TIDAK_APEL: 'tidak mengikuti apel',
} as const;

/**
 * The daily tick of the watch (run by src/server/app.ts on an interval, and at start): for each covered OPD and each
 * ended working day of a period, (0) a list not yet acknowledged and not yet due is put in the head's inbox (once per
 * head and day, the notification service's own de-duplication), (1) a list not acknowledged by its due time is escalated (BKD over the OPD and the
 * head are notified), (2) a head of OPD (holder or Plt/Plh) who missed their own attendance is escalated to the Sekda.
 * Idempotent: an escalation is stored once (unique key) and notifies only when it is new, so running it twice
 * notifies once. Sekda = the accounts holding the PIMPINAN role over the OPD from above (docs/election-watch.md).
 * Source: issue 18 point 3 ("unacknowledged days ... escalate"; "heads of OPD who miss their own attendance are
 * escalated to the Sekda").
 */
export function createTickSection(ctx: ElectionWatchContext) {
  const { db, repo, clock, notifications, audit } = ctx;

  async function tick(): Promise<{ escalations: number }> {
    const now = clock.now();
    const nowMs = now.getTime();
    // Any zone's today is within a day of UTC's: periods ending up to two days ago can still have a due ack.
    const utcToday = now.toISOString().slice(0, 10);
    let made = 0;
    for (const p of await repo.periodsAround(addDays(utcToday, -2), addDays(utcToday, 1))) {
      const stages = await repo.stages(p.id);
      for (const opd of await repo.opdsCovered(p.id, p.wholeRegion)) {
        const today = ctx.todayIn(opd.timeZone);
        const ended = periodDaysUntil(p, addDays(today, -1));
        if (ended.length === 0) continue;
        const acks = new Set((await repo.acks(p.id, opd.id)).map((a) => a.localDate));
        const days = await ctx.computeDays(p, stages, opd, ended);
        for (const d of days) {
          if (!d.workingDay) continue;
          const due = ackDueAt(d.date, p.ackDueTime, opd.timeZone as IndonesianTimeZone);
          // The head's inbox: the day's list waits for their acknowledgement (notified once per head and day).
          if (!acks.has(d.date) && nowMs <= due && d.headIds.length > 0)
            await db.transaction().execute((trx) =>
              notifications.notify(trx, {
                employeeIds: d.headIds,
                kind: 'election_watch.list_waiting',
                title: `Daftar ketidakhadiran menunggu konfirmasi — ${p.name}`,
                body: `Periksa dan konfirmasi daftar ketidakhadiran ${opd.name} tanggal ${formatDdMmYyyy(d.date)} sebelum pukul ${p.ackDueTime} ${ZONE_LABEL[opd.timeZone as IndonesianTimeZone]} hari berikutnya`,
                link: `/pengawasan-pemilu?periode=${p.id}&unit=${opd.id}&tanggal=${d.date}`,
                entity: { type: 'election_watch_day', id: `${p.id}:${opd.id}:${d.date}` },
              }),
            );
          if (!acks.has(d.date) && nowMs > due)
            made += await escalate({
              periodId: p.id,
              opd,
              date: d.date,
              kind: 'KONFIRMASI_TIDAK_ADA',
              employeeId: null,
              reason: `Daftar ketidakhadiran ${opd.name} tanggal ${formatDdMmYyyy(d.date)} belum dikonfirmasi kepala OPD sampai batas waktu (${p.ackDueTime} hari berikutnya)`,
              notify: {
                userIds: await repo.roleHoldersOver('BKD', opd.path),
                employeeIds: d.headIds,
                exceptEmployeeIds: [],
              },
              periodName: p.name,
            });
          for (const line of d.lines) {
            if (!line.isHead || !line.day) continue;
            const miss = headMissedAttendance(line.day, d.tkCodes, line.missedApel.length);
            if (!miss) continue;
            made += await escalate({
              periodId: p.id,
              opd,
              date: d.date,
              kind: 'KEPALA_TIDAK_HADIR',
              employeeId: line.staff.id,
              reason: `${line.name}, kepala ${opd.name}, ${HEAD_MISS_WORDS[miss]} pada ${formatDdMmYyyy(d.date)}${d.keyDate ? ' (tanggal kunci)' : ''}`,
              notify: {
                userIds: await repo.roleHoldersAbove('PIMPINAN', opd.path),
                employeeIds: [],
                exceptEmployeeIds: [line.staff.id],
              },
              periodName: p.name,
            });
          }
        }
      }
    }
    return { escalations: made };
  }

  /** Stores one escalation if new and notifies its recipients in the same transaction; 1 when new, 0 otherwise. */
  async function escalate(e: {
    periodId: string;
    opd: { id: string; name: string };
    date: string;
    kind: 'KONFIRMASI_TIDAK_ADA' | 'KEPALA_TIDAK_HADIR';
    employeeId: string | null;
    reason: string;
    notify: { userIds: string[]; employeeIds: string[]; exceptEmployeeIds: string[] };
    periodName: string;
  }): Promise<number> {
    return db.transaction().execute(async (trx) => {
      const id = await repo.insertEscalation(trx, {
        periodId: e.periodId,
        unitId: e.opd.id,
        date: e.date,
        kind: e.kind,
        employeeId: e.employeeId,
        reason: e.reason,
        at: clock.now(),
      });
      if (!id) return 0;
      const sent = await notifications.notify(trx, {
        ...e.notify,
        kind: e.kind === 'KEPALA_TIDAK_HADIR' ? 'election_watch.head_absent' : 'election_watch.ack_missing',
        title:
          e.kind === 'KEPALA_TIDAK_HADIR'
            ? `Kepala OPD tidak memenuhi kehadiran — ${e.periodName}`
            : `Daftar harian belum dikonfirmasi — ${e.periodName}`,
        body: e.reason,
        link: `/pengawasan-pemilu?periode=${e.periodId}&unit=${e.opd.id}&tanggal=${e.date}`,
        entity: { type: 'election_watch_escalation', id },
      });
      await repo.setRecipients(trx, id, sent.userIds.length);
      await audit.record(trx, SYSTEM, {
        action: 'election_watch.escalated',
        entityType: 'election_watch_escalation',
        entityId: id,
        unitId: e.opd.id,
        after: { date: e.date, kind: e.kind, recipients: sent.userIds.length },
      });
      return 1;
    });
  }

  return { tick };
}
