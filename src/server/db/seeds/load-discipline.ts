import { sql } from 'kysely';
import type { Db } from '../database.ts';
import type { Config } from '../../config.ts';
import { buildServices } from '../../app.ts';
import { fixedClock } from '../../clock.ts';
import type { Actor, Grant } from '../../auth/authz.ts';
import { addDays, type LocalDate } from '../../../core/common/local-date.ts';
import { fromZoned, type IndonesianTimeZone } from '../../../core/common/zoned-time.ts';
import { createRuleViews } from '../../../core/attendance/rule-views.ts';
import { summonsDeadline } from '../../../core/discipline/deadlines.ts';
import {
  examinationBodySchema,
  openCaseBodySchema,
  reportBodySchema,
  summonsBodySchema,
  teamBodySchema,
  telaahBodySchema,
} from '../../../shared/api/discipline-cases.ts';
import { decisionBodySchema, deliveryBodySchema } from '../../../shared/api/discipline-sanctions.ts';
import { pickDemoLogins, type DemoData } from './demo-data.ts';
import { disciplineDemoStaff } from './demo-history.ts';

/** What the discipline demo wrote: the case number and state of each case it ran. */
export interface DemoDisciplineSummary {
  cases: { caseNumber: string; state: string; what: string }[];
}

/** The unit whose staff member is examined by a team in the demo (a neutrality recommendation, expected berat). */
const TEAM_CASE_UNIT = 'DLHK-SEK';

/**
 * The discipline demo (issue 16), loaded after the history (whose month closings stored the indications): a few
 * cases across the province in different states, each run through the discipline services by the people who hold
 * each step, on a clock set to the step's moment — never raw rows:
 * - an R2 decided and in force: the earliest R2 indication opened by the superior right after its month was
 *   closed, telaah, summons I, the examination on the first day the summons allows, the report, the decision by the
 *   competent official, its delivery the same day, then in force once its effective date has passed;
 * - a case waiting for the examination of summons I (opened a few working days ago);
 * - a case in telaah (opened yesterday);
 * - a heavy case from a Bawaslu recommendation on neutrality, opened by BKD, examined by a team (SK recorded by
 *   BKD), summons I signed by the team's chair.
 * The indication of the README atasan's staff member (`disciplineDemoStaff`) stays BARU: the newcomer opens it.
 * Steps that would fall after the load instant are left undone (the case stays in its last state). Deterministic:
 * indications are taken in the order of their dates and NIPs.
 */
export async function loadDemoDiscipline(
  db: Db,
  data: DemoData,
  opts: { until: Date; today: LocalDate; config: Config },
): Promise<DemoDisciplineSummary> {
  const clock = fixedClock(opts.until.toISOString());
  const services = buildServices({ config: opts.config, db, clock });
  const until = opts.until.getTime();
  const region = opts.config.rulebookRegion;
  const views = createRuleViews();
  const actors = new Map<string, Actor>();
  const out: DemoDisciplineSummary = { cases: [] };

  /** The caller as a session would give it, by employee id. */
  async function actorOf(employeeId: string): Promise<Actor> {
    const hit = actors.get(employeeId);
    if (hit) return hit;
    const u = await db
      .selectFrom('users as u')
      .innerJoin('employees as e', 'e.id', 'u.employeeId')
      .select(['u.id', 'u.username', 'u.displayName', 'u.employeeId', 'e.nip'])
      .where('u.employeeId', '=', employeeId)
      .executeTakeFirstOrThrow();
    const grants = await db
      .selectFrom('roleGrants as g')
      .leftJoin('units as gu', 'gu.id', 'g.unitId')
      .select(['g.role', 'g.unitId', 'gu.name as unitName', 'gu.path as unitPath'])
      .where('g.userId', '=', u.id)
      .execute();
    const staff = await db
      .selectFrom('employees')
      .select('id')
      .where('superiorId', '=', employeeId)
      .limit(1)
      .execute();
    const actor: Actor = {
      userId: u.id,
      username: u.username,
      displayName: u.displayName,
      employeeId: u.employeeId,
      nip: u.nip,
      grants: grants.map((g) => ({ ...g, role: g.role as Grant['role'] })),
      isAtasan: staff.length > 0,
      mustChangePassword: false,
      ip: null,
      userAgent: 'Abdi demo',
    };
    actors.set(employeeId, actor);
    return actor;
  }
  const idOfNip = async (nip: string) =>
    (await db.selectFrom('employees').select('id').where('nip', '=', nip).executeTakeFirstOrThrow()).id;

  /** The unit of an employee with its code and zone. */
  async function unitOf(employeeId: string) {
    return db
      .selectFrom('employees as e')
      .innerJoin('units as u', 'u.id', 'e.unitId')
      .select(['u.id', 'u.code', 'u.path', 'u.timeZone'])
      .where('e.id', '=', employeeId)
      .executeTakeFirstOrThrow();
  }

  /** Working days of a unit (its rulebook calendar of each date). */
  async function calendarOf(unitCode: string, zone: IndonesianTimeZone) {
    const byYear = new Map<string, ReturnType<typeof views.calendarOf>>();
    const years = new Set<string>();
    for (let y = Number(opts.today.slice(0, 4)) - 1; y <= Number(opts.today.slice(0, 4)) + 1; y++)
      years.add(String(y));
    for (const y of years)
      byYear.set(y, views.calendarOf(await services.rulebooks.rulesOn(region, `${y}-06-30`), unitCode, zone));
    const isWorkingDay = (d: LocalDate) => byYear.get(d.slice(0, 4))!.isWorkingDay(d);
    /** The n-th working day after `d` (n < 0: before it; n = 0: `d` itself when working, else the next one). */
    const shift = (d: LocalDate, n: number): LocalDate => {
      let x = d;
      if (n === 0) {
        while (!isWorkingDay(x)) x = addDays(x, 1);
        return x;
      }
      const dir = n > 0 ? 1 : -1;
      for (let left = Math.abs(n); left > 0;) {
        x = addDays(x, dir);
        if (isWorkingDay(x)) left--;
      }
      return x;
    };
    return { isWorkingDay, shift };
  }

  /** Sets the clock to a local time of a date in a zone; false when that moment is after the load instant. */
  const at = (date: LocalDate, hhmm: string, zone: IndonesianTimeZone) => {
    const [h, m] = hhmm.split(':').map(Number);
    const t = fromZoned(date, h! * 60 + m!, zone);
    if (t > until) return false;
    clock.set(new Date(t).toISOString());
    return true;
  };

  const bkdLogins = pickDemoLogins(data).bkd;
  const inspektorat = pickDemoLogins(data).inspektorat;
  const bkd = bkdLogins[0]?.nip ? await actorOf(await idOfNip(bkdLogins[0].nip)) : null;

  // The indications the history's closings stored, oldest first; the README atasan's staff member's stay BARU.
  const keep = disciplineDemoStaff(data)?.nip ?? null;
  const indications = await db
    .selectFrom('disciplineIndications as i')
    .innerJoin('employees as e', 'e.id', 'i.employeeId')
    .select(['i.id', 'i.employeeId', 'i.sanctionCode', 'i.reachedOn', 'i.year', 'e.nip', 'e.employeeType'])
    .where('i.status', '=', 'BARU')
    .where('i.source', '=', 'cumulative')
    .where('e.employeeType', 'in', ['PNS', 'CPNS'])
    .where('e.superiorId', 'is not', null)
    .orderBy('i.reachedOn')
    .orderBy('e.nip')
    .execute();
  const used = new Set<string>(keep ? [keep] : []);
  const take = (pred: (i: (typeof indications)[number]) => boolean, last = false) => {
    const list = indications.filter((i) => i.nip && !used.has(i.nip) && pred(i));
    const hit = last ? list.at(-1) : list[0];
    if (hit?.nip) used.add(hit.nip);
    return hit;
  };

  /** Opens a case from an indication as the employee's direct superior today; the case id and the superior. */
  async function openFrom(indicationId: string, employeeId: string) {
    const deciders = await services.relations.decidersToday(employeeId);
    if (!deciders[0]) return null;
    const superior = await actorOf(deciders[0]);
    const detail = await services.discipline.indications.open(superior, indicationId, {});
    return { caseId: detail.caseId!, superior };
  }
  const note = async (caseId: string, what: string) => {
    const c = await db
      .selectFrom('disciplineCases')
      .select(['caseNumber', 'state'])
      .where('id', '=', caseId)
      .executeTakeFirstOrThrow();
    out.cases.push({ caseNumber: c.caseNumber, state: c.state, what });
  };

  // ── An R2 decided and in force. ──
  const r2 = take((i) => i.sanctionCode === 'R2') ?? take(() => true);
  if (r2) await inForce(r2);
  async function inForce(ind: (typeof indications)[number]) {
    const unit = await unitOf(ind.employeeId);
    const zone = unit.timeZone as IndonesianTimeZone;
    const cal = await calendarOf(unit.code, zone);
    // The month of the indication closed for the employee's OPD: the superior opens the case the next working day.
    const closing = await db
      .selectFrom('recapClosings as rc')
      .innerJoin('units as u', 'u.id', 'rc.unitId')
      .select('rc.closedAt')
      .where('rc.month', '=', (ind.reachedOn ?? `${ind.year}-12-31`).slice(0, 7))
      .where(sql<boolean>`${unit.path} like u.path || '%'`)
      .orderBy('rc.closedAt')
      .executeTakeFirst();
    const closedOn = closing
      ? new Date(closing.closedAt).toISOString().slice(0, 10)
      : addDays(opts.today, -40);
    const d0 = cal.shift(closedOn, 1);
    if (!at(d0, '09:00', zone)) return;
    const opened = await openFrom(ind.id, ind.employeeId);
    if (!opened) return;
    const { caseId, superior } = opened;
    const steps = services.discipline.cases;
    at(d0, '10:00', zone);
    await steps.telaah(
      superior,
      caseId,
      telaahBodySchema.parse({
        examiner: 'ATASAN',
        expectedLevel: 'ringan',
        note: 'Data kehadiran dari rekap bulanan sudah dicocokkan; tidak ada izin atau cuti yang belum tercatat. Pemeriksaan oleh atasan langsung.',
      }),
    );
    at(d0, '11:00', zone);
    const rules = (await services.rulebooks.rulesOn(region, d0)).discipline;
    const examDate = cal.shift(summonsDeadline(d0, rules, cal.isWorkingDay).date, 0);
    await steps.summon(
      superior,
      caseId,
      summonsBodySchema.parse({
        letterDate: d0,
        examDate,
        examTime: '09:00',
        examPlace: 'Ruang kerja atasan langsung',
      }),
    );
    if (!at(examDate, '10:30', zone)) return note(caseId, 'R2 (menunggu pemeriksaan)');
    await steps.examine(
      superior,
      caseId,
      examinationBodySchema.parse({
        examDate,
        mode: 'TATAP_MUKA',
        place: 'Ruang kerja atasan langsung',
        qa: [
          {
            question: 'Apakah Saudara mengetahui jam kerja dan kewajiban masuk kerja?',
            answer: 'Ya, saya mengetahuinya.',
          },
          {
            question: 'Mengapa Saudara tidak masuk kerja / terlambat pada hari-hari yang tercatat?',
            answer: 'Ada urusan keluarga dan saya lalai mengajukan izin.',
          },
        ],
        examineeStatement: 'Saya mengakui dan berjanji tidak mengulanginya.',
        signedByExaminee: true,
        copyGivenOn: examDate,
        teamNotes:
          'Catatan pemeriksa: keterangan pegawai konsisten dengan rekap; tidak ada indikasi pelanggaran lain. Tidak untuk disampaikan kepada terperiksa.',
      }),
    );
    at(examDate, '14:00', zone);
    await steps.report(
      superior,
      caseId,
      reportBodySchema.parse({
        summary:
          'Pelanggaran kewajiban masuk kerja terbukti dan diakui. Diusulkan hukuman disiplin ringan berupa teguran tertulis.',
        foundLevel: 'ringan',
        proposedSanction: 'R2',
      }),
    );
    const skDate = cal.shift(examDate, 1);
    if (!at(skDate, '10:00', zone)) return note(caseId, 'R2 (menunggu keputusan)');
    const pyb = await services.discipline.sanctions.competentOfficial(superior, caseId, 'R2');
    const decider = pyb.callerMayDecide
      ? superior
      : pyb.kind === 'ppk'
        ? bkd
        : pyb.deciders[0]
          ? await actorOf(pyb.deciders[0].id)
          : null;
    if (!decider) return note(caseId, 'R2 (menunggu keputusan)');
    await services.discipline.sanctions.decide(
      decider,
      caseId,
      decisionBodySchema.parse({
        sanctionCode: 'R2',
        skNumber: `800.1.6/${caseId.slice(0, 4).toUpperCase()}/HD/${skDate.slice(0, 4)}`,
        skDate,
        considerations:
          'Berdasarkan berita acara pemeriksaan dan laporan hasil pemeriksaan, pegawai terbukti tidak masuk kerja tanpa keterangan yang sah sesuai rekap kehadiran.',
      }),
    );
    at(skDate, '14:00', zone);
    await services.discipline.sanctions.deliver(
      decider,
      caseId,
      deliveryBodySchema.parse({ method: 'langsung', summonedOn: skDate, receivedOn: skDate }),
    );
    await note(caseId, 'R2 berlaku');
  }

  // ── Waiting for the examination of summons I. ──
  const summoned = take(() => true, true);
  if (summoned) {
    const unit = await unitOf(summoned.employeeId);
    const zone = unit.timeZone as IndonesianTimeZone;
    const cal = await calendarOf(unit.code, zone);
    const d0 = cal.shift(opts.today, -3);
    if (at(d0, '09:30', zone)) {
      const opened = await openFrom(summoned.id, summoned.employeeId);
      if (opened) {
        at(d0, '10:30', zone);
        await services.discipline.cases.telaah(
          opened.superior,
          opened.caseId,
          telaahBodySchema.parse({
            examiner: 'ATASAN',
            expectedLevel: 'ringan',
            note: 'Bukti hari tanpa keterangan dari rekap kehadiran cukup; pegawai dipanggil untuk diperiksa.',
          }),
        );
        at(d0, '13:00', zone);
        const rules = (await services.rulebooks.rulesOn(region, d0)).discipline;
        await services.discipline.cases.summon(
          opened.superior,
          opened.caseId,
          summonsBodySchema.parse({
            letterDate: d0,
            examDate: cal.shift(summonsDeadline(d0, rules, cal.isWorkingDay).date, 0),
            examTime: '10:00',
            examPlace: 'Ruang rapat kantor',
          }),
        );
        await note(opened.caseId, 'panggilan I');
      }
    }
  }

  // ── In telaah (opened the working day before). ──
  const fresh = take(() => true, true);
  if (fresh) {
    const unit = await unitOf(fresh.employeeId);
    const zone = unit.timeZone as IndonesianTimeZone;
    const cal = await calendarOf(unit.code, zone);
    if (at(cal.shift(opts.today, -1), '14:00', zone)) {
      const opened = await openFrom(fresh.id, fresh.employeeId);
      if (opened) await note(opened.caseId, 'telaah');
    }
  }

  // ── A heavy case examined by a team (Bawaslu recommendation on neutrality). ──
  const examinee = data.employees.find(
    (e) =>
      e.unitCode === TEAM_CASE_UNIT &&
      e.employeeType === 'PNS' &&
      e.nip &&
      data.positions.find((p) => p.code === e.positionCode)?.kind === 'PELAKSANA',
  );
  const inspNip = (inspektorat[1] ?? inspektorat[0])?.nip;
  const bkdMemberNip = (bkdLogins[1] ?? bkdLogins[0])?.nip;
  if (bkd && examinee?.nip && inspNip && bkdMemberNip) {
    const employeeId = await idOfNip(examinee.nip);
    const unit = await unitOf(employeeId);
    const zone = unit.timeZone as IndonesianTimeZone;
    const cal = await calendarOf(unit.code, zone);
    const d0 = cal.shift(opts.today, -8);
    const d1 = cal.shift(d0, 2);
    if (at(d0, '09:00', zone)) {
      const steps = services.discipline.cases;
      const view = await steps.open(
        bkd,
        openCaseBodySchema.parse({
          employeeId,
          source: 'NETRALITAS',
          sourceRef: `Rekomendasi Bawaslu Provinsi Banten Nomor 045/PP.01/K.BT/${d0.slice(0, 4)}`,
          violationCode: 'PASAL_5_N_3_7',
          violationDate: cal.shift(d0, -15),
          description:
            'Menggunakan kendaraan dinas untuk menghadiri kegiatan kampanye salah satu pasangan calon pada hari kerja, sebagaimana foto dan keterangan saksi dalam rekomendasi Bawaslu.',
          expectedLevel: 'berat',
        }),
      );
      const caseId = view.case.id;
      at(d0, '11:00', zone);
      await steps.telaah(
        bkd,
        caseId,
        telaahBodySchema.parse({
          examiner: 'TIM',
          expectedLevel: 'berat',
          note: 'Dugaan pelanggaran berat (PP 94/2021 Pasal 5 huruf n): diperiksa oleh tim pemeriksa.',
        }),
      );
      const superiorId = (await services.relations.decidersToday(employeeId))[0];
      if (superiorId && at(d1, '10:00', zone)) {
        await steps.formTeam(
          bkd,
          caseId,
          teamBodySchema.parse({
            skNumber: `800.1.6/${d1.slice(0, 4)}/TIM-${caseId.slice(0, 4).toUpperCase()}`,
            skDate: d1,
            members: [
              { employeeId: superiorId, role: 'ATASAN', isChair: true },
              { employeeId: await idOfNip(inspNip), role: 'INSPEKTORAT' },
              { employeeId: await idOfNip(bkdMemberNip), role: 'BKD' },
            ],
          }),
        );
        const d2 = cal.shift(d1, 1);
        if (at(d2, '10:00', zone)) {
          const rules = (await services.rulebooks.rulesOn(region, d2)).discipline;
          await steps.summon(
            await actorOf(superiorId),
            caseId,
            summonsBodySchema.parse({
              letterDate: d2,
              examDate: cal.shift(summonsDeadline(d2, rules, cal.isWorkingDay).date, 0),
              examTime: '09:00',
              examPlace: 'Ruang rapat Inspektorat',
            }),
          );
        }
      }
      await note(caseId, 'tim pemeriksa');
    }
  }

  // Sanctions whose effective date has passed are in force (as the hourly settle does).
  clock.set(opts.until.toISOString());
  await services.discipline.sanctions.settle();
  for (const c of out.cases) {
    const row = await db
      .selectFrom('disciplineCases')
      .select('state')
      .where('caseNumber', '=', c.caseNumber)
      .executeTakeFirstOrThrow();
    c.state = row.state;
  }
  return out;
}
