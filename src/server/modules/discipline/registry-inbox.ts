import { sql } from 'kysely';
import { scopeOf, unitScopeCondition, type Actor, type Permission } from '../../auth/authz.ts';
import { AppError } from '../../errors.ts';
import { formatFullName } from '../../../core/people/names.ts';
import { formatDdMmYyyy } from '../../../core/common/date-text.ts';
import { localDateAt } from '../../../core/org/relations.ts';
import type { IndonesianTimeZone } from '../../../core/common/zoned-time.ts';
import type { LocalDate } from '../../../core/common/local-date.ts';
import { CASE_STATE_LABELS, type CaseState } from '../../../core/discipline/case-machine.ts';
import type { DisciplineInbox, InboxItem, MineItem } from '../../../shared/api/discipline-documents.ts';
import type { DisciplineContext } from './discipline-context.ts';

/*
 * The discipline inbox (issue 16 point 2: "whoever holds the next step sees it in their inbox with a count, its
 * due date and an overdue warning, and so does BKD"): what waits for the caller, read from the cases' next step
 * (`next_holder`: employees named, or a permission over the case's unit), the new indications of their staff, the
 * salary stops and appeals at their step; and the employee's own cases. Reading writes nothing.
 */

const FINAL_STATES = ['SELESAI', 'DIHENTIKAN'];
/** Permissions a case's next step can name (`next_holder.roles`). */
const HOLDER_PERMISSIONS: Permission[] = ['discipline.manage', 'discipline.read', 'discipline.salary'];

const SALARY_STOP_STEP: Record<string, { permission: Permission; step: string; label: string }> = {
  DILAPORKAN: {
    permission: 'discipline.manage',
    step: 'Verifikasi data kehadiran untuk penghentian gaji',
    label: 'Dilaporkan ke BKD',
  },
  DIVERIFIKASI: {
    permission: 'discipline.salary',
    step: 'Tetapkan penghentian pembayaran gaji (KPA)',
    label: 'Terverifikasi, menunggu keputusan KPA',
  },
  PENGAKTIFAN_DIAJUKAN: {
    permission: 'discipline.salary',
    step: 'Aktifkan kembali pembayaran gaji (KPA)',
    label: 'Pengaktifan kembali diajukan',
  },
};
const SALARY_STOP_LABELS: Record<string, string> = {
  DILAPORKAN: 'Dilaporkan ke BKD',
  DIVERIFIKASI: 'Terverifikasi, menunggu keputusan KPA',
  DIHENTIKAN: 'Gaji dihentikan',
  PENGAKTIFAN_DIAJUKAN: 'Pengaktifan kembali diajukan',
  DIAKTIFKAN: 'Gaji diaktifkan kembali',
  DIBATALKAN: 'Dibatalkan',
};
const LEVEL_LABELS: Record<string, string> = { ringan: 'ringan', sedang: 'sedang', berat: 'berat' };

const nameOf = (r: { name: string; frontTitle: string | null; backTitle: string | null }) =>
  formatFullName({
    name: r.name,
    frontTitle: r.frontTitle ?? undefined,
    backTitle: r.backTitle ?? undefined,
  });

const stateLabel = (s: string) => CASE_STATE_LABELS[s as CaseState] ?? s;

/** The inbox part of the registry section. */
export function createInbox(ctx: DisciplineContext) {
  const { db, clock, relations } = ctx;

  /** Today in each zone, memoised per call. */
  function todayIn() {
    const memo = new Map<string, LocalDate>();
    return (zone: string) => {
      let d = memo.get(zone);
      if (!d) {
        d = localDateAt(clock.now().getTime(), zone as IndonesianTimeZone);
        memo.set(zone, d);
      }
      return d;
    };
  }

  const caseSelect = () =>
    db
      .selectFrom('disciplineCases as c')
      .innerJoin('employees as e', 'e.id', 'c.employeeId')
      .innerJoin('units as u', 'u.id', 'c.unitId')
      .select([
        'c.id',
        'c.caseNumber',
        'c.employeeId',
        'c.unitPath',
        'c.state',
        'c.nextStep',
        'c.nextDue',
        'c.nextHolder',
        'e.name',
        'e.frontTitle',
        'e.backTitle',
        'e.nip',
        'u.name as unitName',
        'u.timeZone',
      ])
      .where('c.state', 'not in', FINAL_STATES);

  /**
   * GET /api/discipline/inbox: the items waiting for the caller, overdue first then by due date, with the count
   * for the navigation badge (items for the caller's own action) and the overdue count; and the caller's own cases
   * and salary stops (`mine`). Source: issue 16 points 2, 6, 9.
   */
  async function inbox(actor: Actor): Promise<DisciplineInbox> {
    const today = todayIn();
    const me = actor.employeeId;
    const items = new Map<string, InboxItem>();
    const add = (item: InboxItem) => {
      const key = `${item.type}:${item.id}`;
      const had = items.get(key);
      // A named holder or role beats oversight.
      if (!had || (had.reason === 'OVERSIGHT' && item.reason !== 'OVERSIGHT')) items.set(key, item);
    };
    type CaseRowLite = Awaited<ReturnType<ReturnType<typeof caseSelect>['execute']>>[number];
    const caseItem = (r: CaseRowLite, reason: InboxItem['reason']): InboxItem => {
      const t = today(r.timeZone);
      return {
        type: 'case',
        id: r.id,
        caseId: r.id,
        caseNumber: r.caseNumber,
        employee: { id: r.employeeId, name: nameOf(r), nip: r.nip },
        unitName: r.unitName,
        step: r.nextStep ?? stateLabel(r.state),
        state: r.state,
        stateLabel: stateLabel(r.state),
        due: r.nextDue,
        overdue: !!r.nextDue && r.nextDue < t,
        reason,
        link: `/disiplin/kasus/${r.id}`,
      };
    };

    // Cases whose next step names the caller.
    if (me) {
      const named = await caseSelect()
        .where(sql<boolean>`c.next_holder -> 'employeeIds' @> jsonb_build_array(${me}::text)`)
        .where('c.employeeId', '!=', me)
        .execute();
      for (const r of named) add(caseItem(r, 'HOLDER'));
    }
    // Cases whose next step names a permission the caller holds over the case's unit.
    for (const p of HOLDER_PERMISSIONS) {
      const scope = scopeOf(actor, p);
      if (scope !== 'all' && scope.length === 0) continue;
      let q = caseSelect()
        .where(sql<boolean>`c.next_holder -> 'roles' @> jsonb_build_array(${p}::text)`)
        .where((eb) => unitScopeCondition(eb, scope, 'c.unitPath'));
      if (me) q = q.where('c.employeeId', '!=', me);
      for (const r of await q.execute()) add(caseItem(r, 'ROLE'));
    }
    // BKD watches every overdue step in its scope.
    const manage = scopeOf(actor, 'discipline.manage');
    const manages = manage === 'all' || manage.length > 0;
    if (manages) {
      const maxToday = localDateAt(clock.now().getTime(), 'Asia/Jayapura');
      let q = caseSelect()
        .where('c.nextDue', 'is not', null)
        .where('c.nextDue', '<', maxToday)
        .where((eb) => unitScopeCondition(eb, manage, 'c.unitPath'));
      if (me) q = q.where('c.employeeId', '!=', me);
      for (const r of await q.execute()) {
        const item = caseItem(r, 'OVERSIGHT');
        if (item.overdue) add(item);
      }
    }

    // New indications: of the caller's staff today (direct superior, Plt/Plh), and all of them for BKD in scope.
    const indicationSelect = () =>
      db
        .selectFrom('disciplineIndications as i')
        .innerJoin('employees as e', 'e.id', 'i.employeeId')
        .innerJoin('units as u', 'u.id', 'i.unitId')
        .select([
          'i.id',
          'i.employeeId',
          'i.level',
          'i.sanctionCode',
          'i.totalDays',
          'i.source',
          'i.status',
          'e.name',
          'e.frontTitle',
          'e.backTitle',
          'e.nip',
          'u.name as unitName',
        ])
        .where('i.status', '=', 'BARU');
    type IndicationLite = Awaited<ReturnType<ReturnType<typeof indicationSelect>['execute']>>[number];
    const indicationItem = (r: IndicationLite, reason: InboxItem['reason']): InboxItem => ({
      type: 'indication',
      id: r.id,
      caseId: null,
      caseNumber: null,
      employee: { id: r.employeeId, name: nameOf(r), nip: r.nip },
      unitName: r.unitName,
      step:
        `Buka kasus atau abaikan indikasi: ${r.source === 'consecutive' ? `${r.totalDays} hari TK berturut-turut` : `${r.totalDays} hari TK`}` +
        ` → usulan ${r.sanctionCode} (${LEVEL_LABELS[r.level] ?? r.level})`,
      state: 'BARU',
      stateLabel: 'Indikasi baru',
      due: null,
      overdue: false,
      reason,
      link: `/disiplin/indikasi/${r.id}`,
    });
    if (me) {
      let staff: string[] = [];
      try {
        const t = await relations.todayOf(me);
        staff = (await relations.subordinatesOn(me, t)).map((s) => s.employeeId);
      } catch (err) {
        if (!(err instanceof AppError)) throw err; // out of service: no staff
      }
      if (staff.length)
        for (const r of await indicationSelect().where('i.employeeId', 'in', staff).execute())
          add(indicationItem(r, 'SUPERIOR'));
    }
    if (manages) {
      let q = indicationSelect().where((eb) => unitScopeCondition(eb, manage, 'i.unitPath'));
      if (me) q = q.where('i.employeeId', '!=', me);
      for (const r of await q.execute()) add(indicationItem(r, 'ROLE'));
    }

    // Salary stops waiting for the caller's step.
    for (const [status, s] of Object.entries(SALARY_STOP_STEP)) {
      const scope = scopeOf(actor, s.permission);
      if (scope !== 'all' && scope.length === 0) continue;
      let q = db
        .selectFrom('disciplineSalaryStops as st')
        .innerJoin('employees as e', 'e.id', 'st.employeeId')
        .innerJoin('units as u', 'u.id', 'e.unitId')
        .select([
          'st.id',
          'st.caseId',
          'st.employeeId',
          'st.status',
          'st.fromMonth',
          'e.name',
          'e.frontTitle',
          'e.backTitle',
          'e.nip',
          'u.name as unitName',
        ])
        .where('st.status', '=', status)
        .where((eb) => unitScopeCondition(eb, scope, 'st.unitPath'));
      if (me) q = q.where('st.employeeId', '!=', me);
      for (const r of await q.execute())
        add({
          type: 'salary_stop',
          id: r.id,
          caseId: r.caseId,
          caseNumber: null,
          employee: { id: r.employeeId, name: nameOf(r), nip: r.nip },
          unitName: r.unitName,
          step: s.step,
          state: r.status,
          stateLabel: s.label,
          due: null,
          overdue: false,
          reason: 'ROLE',
          link: `/disiplin/gaji/${r.id}`,
        });
    }

    // Appeals pending: BKD records the outcome.
    if (manages) {
      let q = db
        .selectFrom('disciplineAppeals as a')
        .innerJoin('disciplineCases as c', 'c.id', 'a.caseId')
        .innerJoin('employees as e', 'e.id', 'c.employeeId')
        .innerJoin('units as u', 'u.id', 'c.unitId')
        .select([
          'a.id',
          'a.kind',
          'a.responseDue',
          'c.id as caseId',
          'c.caseNumber',
          'c.employeeId',
          'c.state',
          'e.name',
          'e.frontTitle',
          'e.backTitle',
          'e.nip',
          'u.name as unitName',
          'u.timeZone',
        ])
        .where('a.status', '=', 'DIAJUKAN')
        .where((eb) => unitScopeCondition(eb, manage, 'c.unitPath'));
      if (me) q = q.where('c.employeeId', '!=', me);
      for (const r of await q.execute()) {
        items.delete(`case:${r.caseId}`); // the appeal is the case's waiting step
        add({
          type: 'appeal',
          id: r.id,
          caseId: r.caseId,
          caseNumber: r.caseNumber,
          employee: { id: r.employeeId, name: nameOf(r), nip: r.nip },
          unitName: r.unitName,
          step: `Catat putusan ${r.kind === 'BANDING' ? 'banding administratif' : 'keberatan'} (tanggapan paling lambat ${formatDdMmYyyy(r.responseDue)})`,
          state: r.state,
          stateLabel: stateLabel(r.state),
          due: r.responseDue,
          overdue: r.responseDue < today(r.timeZone),
          reason: 'ROLE',
          link: `/disiplin/kasus/${r.caseId}`,
        });
      }
    }

    const list = [...items.values()].sort(
      (a, b) =>
        Number(b.overdue) - Number(a.overdue) ||
        (a.due ?? '9999-12-31').localeCompare(b.due ?? '9999-12-31') ||
        a.employee.name.localeCompare(b.employee.name, 'id'),
    );
    return {
      items: list,
      count: list.filter((i) => i.reason !== 'OVERSIGHT').length,
      overdue: list.filter((i) => i.overdue).length,
      mine: me ? await mine(me) : [],
    };
  }

  /** The employee's own cases (what concerns them next) and salary stops. */
  async function mine(me: string): Promise<MineItem[]> {
    const today = todayIn();
    const cases = await db
      .selectFrom('disciplineCases as c')
      .innerJoin('units as u', 'u.id', 'c.unitId')
      .leftJoin('disciplineSanctions as s', 's.caseId', 'c.id')
      .select([
        'c.id',
        'c.caseNumber',
        'c.state',
        'u.timeZone',
        's.effectiveOn',
        's.status as sanctionStatus',
      ])
      .where('c.employeeId', '=', me)
      .orderBy('c.createdAt', 'desc')
      .limit(50)
      .execute();
    const summonses = cases.length
      ? await db
          .selectFrom('disciplineSummons')
          .select(['caseId', 'seq', 'examDate', 'examTime', 'examPlace', 'attended'])
          .where(
            'caseId',
            'in',
            cases.map((c) => c.id),
          )
          .execute()
      : [];
    const out: MineItem[] = cases.map((c) => {
      let step: string | null = null;
      let due: string | null = null;
      if (c.state === 'PANGGILAN_I' || c.state === 'PANGGILAN_II') {
        const s = summonses
          .filter((x) => x.caseId === c.id && x.attended === null)
          .sort((a, b) => b.seq - a.seq)[0];
        if (s && s.examDate >= today(c.timeZone)) {
          step = `Hadir pada pemeriksaan ${formatDdMmYyyy(s.examDate)}${s.examTime ? ` pukul ${s.examTime}` : ''} di ${s.examPlace}`;
          due = s.examDate;
        }
      } else if (c.state === 'PENYAMPAIAN') step = 'Menerima keputusan hukuman disiplin';
      else if (c.state === 'MENUNGGU_BERLAKU' && c.effectiveOn) {
        step = `Keputusan berlaku ${formatDdMmYyyy(c.effectiveOn)}; upaya administratif dapat diajukan sebelumnya`;
        due = c.effectiveOn;
      }
      return {
        type: 'case',
        id: c.id,
        caseNumber: c.caseNumber,
        state: c.state,
        stateLabel: stateLabel(c.state),
        step,
        due,
        link: `/disiplin/kasus/${c.id}`,
      };
    });
    const stops = await db
      .selectFrom('disciplineSalaryStops')
      .select(['id', 'status', 'fromMonth'])
      .where('employeeId', '=', me)
      .orderBy('notifiedAt', 'desc')
      .limit(10)
      .execute();
    for (const s of stops)
      out.push({
        type: 'salary_stop',
        id: s.id,
        caseNumber: null,
        state: s.status,
        stateLabel: SALARY_STOP_LABELS[s.status] ?? s.status,
        step: null,
        due: null,
        link: `/disiplin/gaji/${s.id}`,
      });
    return out;
  }

  return { inbox };
}
