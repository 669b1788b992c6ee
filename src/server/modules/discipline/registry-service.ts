import { inScope, scopeOf, unitScopeCondition, type Actor, type UnitScope } from '../../auth/authz.ts';
import { AppError, forbidden, notFound } from '../../errors.ts';
import type { TableColumn } from '../../lib/table-export.ts';
import { formatFullName } from '../../../core/people/names.ts';
import { formatDdMmYyyy } from '../../../core/common/date-text.ts';
import { diffDays } from '../../../core/common/local-date.ts';
import { localDateAt } from '../../../core/org/relations.ts';
import type { IndonesianTimeZone } from '../../../core/common/zoned-time.ts';
import {
  CASE_STATES,
  CASE_STATE_LABELS,
  isFinal,
  type CaseState,
} from '../../../core/discipline/case-machine.ts';
import { sanctionStatusOn } from '../../../core/discipline/sanctions.ts';
import {
  AGE_BUCKET_LABELS,
  AGE_BUCKETS,
  registryQuerySchema,
  type AgeBucket,
  type CasesExportQuery,
  type DisciplineSummary,
  type OverdueStep,
  type Registry,
  type RegistryQuery,
  type RegistryRow,
} from '../../../shared/api/discipline-documents.ts';
import { DISCIPLINE_READERS, type DisciplineContext } from './discipline-context.ts';
import { createInbox } from './registry-inbox.ts';

/*
 * Discipline cases, section registry (issue 16 point 9): the inbox of what waits for the caller (registry-inbox.ts),
 * the registry and dashboard figures for BKD, the Inspektorat and the Sekda (cases by OPD × state, by level and
 * age, overdue steps, sanctions in force, the share of employees with a violation this year: "indisipliner < 1 %"),
 * their exports, and the home page's summary. Reading writes nothing.
 */

const ASN_TYPES = ['PNS', 'CPNS', 'PPPK', 'PPPK_PARUH_WAKTU'];
const LEVELS = ['ringan', 'sedang', 'berat'] as const;
type Level = (typeof LEVELS)[number];
const LEVEL_LABELS: Record<string, string> = { ringan: 'Ringan', sedang: 'Sedang', berat: 'Berat' };
const SOURCE_LABELS: Record<string, string> = {
  INDIKASI: 'Indikasi rekap kehadiran',
  INSPEKSI: 'Hasil inspeksi',
  PENGADUAN: 'Pengaduan masyarakat',
  NETRALITAS: 'Rekomendasi netralitas',
  LAINNYA: 'Pelanggaran lain',
};

/** Share in percent with two decimals; null without a denominator. */
export function percent(part: number, whole: number): number | null {
  return whole > 0 ? Math.round((part / whole) * 10_000) / 100 : null;
}

/** The age bucket of an open case: days since it was opened. Source: issue 16 point 9 (cases by age). */
export function ageBucket(days: number): AgeBucket {
  return days <= 30 ? '0-30' : days <= 90 ? '31-90' : '>90';
}

const emptyLevels = () => ({ ringan: 0, sedang: 0, berat: 0 });

function emptyRow(unitId: string | null, unitName: string): RegistryRow {
  return {
    unitId,
    unitName,
    byState: Object.fromEntries(CASE_STATES.map((s) => [s, 0])),
    casesOpened: 0,
    casesOpen: 0,
    byLevel: emptyLevels(),
    overdueSteps: 0,
    sanctionsInForce: emptyLevels(),
    activeEmployees: 0,
    sanctionedEmployees: 0,
    sanctionedPercent: null,
    employeesWithCase: 0,
    casePercent: null,
    tkIndications: 0,
  };
}

const nameOf = (r: { name: string; frontTitle: string | null; backTitle: string | null }) =>
  formatFullName({
    name: r.name,
    frontTitle: r.frontTitle ?? undefined,
    backTitle: r.backTitle ?? undefined,
  });

/** The registry section of the discipline façade. */
export function createRegistrySection(ctx: DisciplineContext) {
  const { db, clock } = ctx;
  const { inbox } = createInbox(ctx);

  /** The union of the reading scopes (discipline.read, discipline.manage). @throws FORBIDDEN without either */
  function readScope(actor: Actor): UnitScope {
    const paths: string[] = [];
    for (const p of DISCIPLINE_READERS) {
      const s = scopeOf(actor, p);
      if (s === 'all') return 'all';
      paths.push(...s);
    }
    if (paths.length === 0)
      throw forbidden(
        'Register disiplin hanya untuk BKD, Inspektorat, pimpinan dan admin OPD dalam lingkupnya',
      );
    return [...new Set(paths)];
  }

  const todayIn = (zone: string) => localDateAt(clock.now().getTime(), zone as IndonesianTimeZone);

  /**
   * The units the figures are split by: the chosen unit's sub-units (and the unit itself for what is placed
   * directly in it), or — without a unit — the sub-units of the caller's one scope root, or each of their scope
   * roots when they have several. @throws NOT_FOUND unknown unit; FORBIDDEN outside the scope
   */
  async function baseOf(actor: Actor, unitId: string | undefined) {
    const scope = readScope(actor);
    const units = await db
      .selectFrom('units')
      .select(['id', 'name', 'path', 'parentId', 'timeZone'])
      .orderBy('name')
      .execute();
    let bases: typeof units;
    if (unitId) {
      const u = units.find((x) => x.id === unitId);
      if (!u) throw notFound('Unit');
      if (!inScope(scope, u.path)) throw forbidden('Unit ini berada di luar kewenangan Anda');
      bases = [u];
    } else if (scope === 'all') bases = units.filter((u) => u.parentId === null);
    else {
      const tops = scope.filter((p) => !scope.some((q) => q !== p && p.startsWith(q)));
      bases = units.filter((u) => tops.includes(u.path));
    }
    const inBase = (path: string) => bases.some((b) => path.startsWith(b.path));
    // The rows: one base → its children (+ itself); several → the bases themselves.
    let rows: { id: string; name: string; path: string; exact: boolean }[];
    if (bases.length === 1) {
      const b = bases[0]!;
      rows = [
        ...units.filter((u) => u.parentId === b.id).map((u) => ({ ...u, exact: false })),
        { id: b.id, name: `${b.name} (unit induk)`, path: b.path, exact: true },
      ];
    } else rows = bases.map((b) => ({ ...b, exact: false }));
    const rowOf = (path: string) =>
      rows.find((r) => (r.exact ? path === r.path : path.startsWith(r.path))) ?? null;
    const zone = bases[0]?.timeZone ?? 'Asia/Jakarta';
    const zones = new Map(units.map((u) => [u.id, u.timeZone]));
    return { bases, unitId: unitId ?? null, inBase, rows, rowOf, zone, zones, units };
  }
  type Base = Awaited<ReturnType<typeof baseOf>>;

  const basePaths = (b: Base) => b.bases.map((x) => x.path);

  /** The figures of a base for a year (cases, sanctions, employees, indications), per row and in total. */
  async function figures(b: Base, year: number) {
    const today = todayIn(b.zone);
    const paths = basePaths(b);
    const [cases, sanctions, employees, indications] = await Promise.all([
      db
        .selectFrom('disciplineCases as c')
        .innerJoin('employees as e', 'e.id', 'c.employeeId')
        .innerJoin('units as eu', 'eu.id', 'e.unitId')
        .select([
          'c.id',
          'c.caseNumber',
          'c.employeeId',
          'c.unitId',
          'c.unitPath',
          'c.state',
          'c.expectedLevel',
          'c.createdAt',
          'c.nextDue',
          'c.nextStep',
          'e.employeeType',
          'e.name',
          'e.frontTitle',
          'e.backTitle',
          'eu.path as employeeUnitPath',
        ])
        .where((eb) => unitScopeCondition(eb, paths, 'c.unitPath'))
        .execute(),
      db
        .selectFrom('disciplineSanctions as s')
        .innerJoin('disciplineCases as c', 'c.id', 's.caseId')
        .innerJoin('employees as e', 'e.id', 's.employeeId')
        .innerJoin('units as eu', 'eu.id', 'e.unitId')
        .select([
          's.employeeId',
          's.level',
          's.skDate',
          's.status',
          's.annulledOn',
          's.effectiveOn',
          's.startsOn',
          's.endsOn',
          's.sanctionCode',
          's.appliedCode',
          'c.unitPath',
          'e.employeeType',
          'eu.path as employeeUnitPath',
        ])
        .where((eb) => unitScopeCondition(eb, paths, 'c.unitPath'))
        .execute(),
      db
        .selectFrom('employees as e')
        .innerJoin('units as u', 'u.id', 'e.unitId')
        .select(['u.path', (eb) => eb.fn.countAll<string>().as('n')])
        .where('e.employeeType', 'in', ASN_TYPES)
        .where('e.activeFrom', '<=', today)
        .where((eb) => eb.or([eb('e.activeTo', 'is', null), eb('e.activeTo', '>=', today)]))
        .where((eb) => unitScopeCondition(eb, paths, 'u.path'))
        .groupBy('u.path')
        .execute(),
      db
        .selectFrom('disciplineIndications as i')
        .select(['i.unitPath', (eb) => eb.fn.countAll<string>().as('n')])
        .where('i.year', '=', year)
        .where('i.status', '!=', 'DIGANTIKAN')
        .where((eb) => unitScopeCondition(eb, paths, 'i.unitPath'))
        .groupBy('i.unitPath')
        .execute(),
    ]);

    const rows = new Map(b.rows.map((r) => [r.id, emptyRow(r.id, r.name)]));
    const total = emptyRow(b.unitId, b.bases.length === 1 ? b.bases[0]!.name : 'Seluruh lingkup');
    const targets = (path: string) => {
      const r = b.rowOf(path);
      return r ? [rows.get(r.id)!, total] : [total];
    };
    const sanctionedBy = new Map<RegistryRow, Set<string>>();
    const withCaseBy = new Map<RegistryRow, Set<string>>();
    const addTo = (m: Map<RegistryRow, Set<string>>, row: RegistryRow, id: string) => {
      let s = m.get(row);
      if (!s) m.set(row, (s = new Set()));
      s.add(id);
    };
    const ages = Object.fromEntries(AGE_BUCKETS.map((k) => [k, 0])) as Record<AgeBucket, number>;
    const overdue: OverdueStep[] = [];
    const unitNames = new Map(b.units.map((u) => [u.id, u.name]));
    const asn = (t: string) => ASN_TYPES.includes(t);

    for (const c of cases) {
      const zoneToday = todayIn(b.zones.get(c.unitId) ?? b.zone);
      const opened = localDateAt(
        c.createdAt.getTime(),
        (b.zones.get(c.unitId) ?? b.zone) as IndonesianTimeZone,
      );
      const final = isFinal(c.state as CaseState);
      const inYear = Number(opened.slice(0, 4)) === year;
      const late = !final && !!c.nextDue && c.nextDue < zoneToday;
      for (const row of targets(c.unitPath)) {
        if (inYear) {
          row.casesOpened++;
          row.byState[c.state] = (row.byState[c.state] ?? 0) + 1;
          if ((LEVELS as readonly string[]).includes(c.expectedLevel))
            row.byLevel[c.expectedLevel as Level]++;
        }
        if (!final) row.casesOpen++;
        if (late) row.overdueSteps++;
      }
      if (inYear && asn(c.employeeType))
        for (const row of targets(c.employeeUnitPath)) addTo(withCaseBy, row, c.employeeId);
      if (!final) ages[ageBucket(Math.max(0, diffDays(opened, zoneToday)))]++;
      if (late)
        overdue.push({
          caseId: c.id,
          caseNumber: c.caseNumber,
          employeeName: nameOf(c),
          unitName: unitNames.get(c.unitId) ?? '-',
          state: c.state,
          stateLabel: CASE_STATE_LABELS[c.state as CaseState] ?? c.state,
          step: c.nextStep,
          due: c.nextDue!,
          daysOverdue: diffDays(c.nextDue!, zoneToday),
        });
    }
    for (const s of sanctions) {
      const annulled = s.status === 'DIBATALKAN' || s.annulledOn !== null;
      if (!annulled && Number(s.skDate.slice(0, 4)) === year && asn(s.employeeType))
        for (const row of targets(s.employeeUnitPath)) addTo(sanctionedBy, row, s.employeeId);
      if (sanctionStatusOn(s, today) === 'BERLAKU' && (LEVELS as readonly string[]).includes(s.level))
        for (const row of targets(s.unitPath)) row.sanctionsInForce[s.level as Level]++;
    }
    for (const e of employees) for (const row of targets(e.path)) row.activeEmployees += Number(e.n);
    for (const i of indications) for (const row of targets(i.unitPath)) row.tkIndications += Number(i.n);
    const all = [...rows.values(), total];
    for (const row of all) {
      row.sanctionedEmployees = sanctionedBy.get(row)?.size ?? 0;
      row.employeesWithCase = withCaseBy.get(row)?.size ?? 0;
      row.sanctionedPercent = percent(row.sanctionedEmployees, row.activeEmployees);
      row.casePercent = percent(row.employeesWithCase, row.activeEmployees);
    }
    // The base's own row only when something sits directly in it.
    const list = [...rows.values()].filter(
      (r) =>
        !b.rows.find((x) => x.id === r.unitId)?.exact ||
        r.activeEmployees + r.casesOpened + r.casesOpen + r.tkIndications + r.sanctionedEmployees > 0,
    );
    overdue.sort((x, y) => y.daysOverdue - x.daysOverdue || x.caseNumber.localeCompare(y.caseNumber));
    return { today, rows: list, total, ages, overdue };
  }

  /**
   * GET /api/discipline/registry?unitId&year: the discipline registry of the caller's scope (discipline.read /
   * manage), per OPD (the chosen unit's sub-units) and in total. "Indisipliner": employees (ASN) with a sanction
   * decided in the year and not annulled ÷ active ASN today, by their current unit. Reading writes nothing.
   * Source: issue 16 point 9.
   */
  async function registry(actor: Actor, raw: RegistryQuery): Promise<Registry> {
    const q = registryQuerySchema.parse(raw);
    const b = await baseOf(actor, q.unitId);
    const year = q.year ?? Number(todayIn(b.zone).slice(0, 4));
    const f = await figures(b, year);
    const unit = q.unitId ? b.bases[0]! : b.bases.length === 1 ? b.bases[0]! : null;
    return {
      year,
      today: f.today,
      unit: unit ? { id: unit.id, name: unit.name } : null,
      rows: f.rows,
      total: f.total,
      ageBuckets: AGE_BUCKETS.map((k) => ({ bucket: k, label: AGE_BUCKET_LABELS[k], count: f.ages[k] })),
      overdue: f.overdue.slice(0, 500),
      targetPercent: (await ctx.rulesOn(f.today)).procedure.indisciplineTarget?.percent ?? null,
    };
  }

  /** The registry's per-OPD table as rows of an export (the total last). */
  async function registryExport(actor: Actor, raw: RegistryQuery) {
    const r = await registry(actor, raw);
    const columns: TableColumn[] = [
      { header: 'Unit / OPD', key: 'unit', width: 36 },
      { header: `Kasus dibuka ${r.year}`, key: 'opened' },
      { header: 'Kasus berjalan', key: 'open' },
      { header: 'Ringan', key: 'ringan', width: 10 },
      { header: 'Sedang', key: 'sedang', width: 10 },
      { header: 'Berat', key: 'berat', width: 10 },
      { header: 'Langkah terlambat', key: 'overdue' },
      { header: 'Hukuman berlaku', key: 'inForce' },
      { header: 'ASN aktif', key: 'active' },
      { header: `Pegawai dihukum ${r.year}`, key: 'sanctioned' },
      { header: '% indisipliner', key: 'sanctionedPercent' },
      { header: `Pegawai dengan kasus ${r.year}`, key: 'withCase' },
      { header: '% dengan kasus', key: 'casePercent' },
      { header: `Indikasi TK ${r.year}`, key: 'tk' },
    ];
    const toRow = (x: RegistryRow, name = x.unitName) => ({
      unit: name,
      opened: x.casesOpened,
      open: x.casesOpen,
      ringan: x.byLevel.ringan,
      sedang: x.byLevel.sedang,
      berat: x.byLevel.berat,
      overdue: x.overdueSteps,
      inForce: x.sanctionsInForce.ringan + x.sanctionsInForce.sedang + x.sanctionsInForce.berat,
      active: x.activeEmployees,
      sanctioned: x.sanctionedEmployees,
      sanctionedPercent: x.sanctionedPercent,
      withCase: x.employeesWithCase,
      casePercent: x.casePercent,
      tk: x.tkIndications,
    });
    return {
      columns,
      rows: [...r.rows.map((x) => toRow(x)), toRow(r.total, `Jumlah — ${r.total.unitName}`)],
      fileBase: `register-disiplin-${r.year}`,
      title: `Register disiplin ${r.year}`,
    };
  }

  /**
   * GET /api/discipline/cases/export: the cases list with the filters of GET /cases (unit subtree, state, level,
   * source, violation dates, name/NIP/case number) in the caller's reading scope, as rows of an export.
   */
  async function casesExport(actor: Actor, q: Omit<CasesExportQuery, 'format'>) {
    const scope = readScope(actor);
    let query = db
      .selectFrom('disciplineCases as c')
      .innerJoin('employees as e', 'e.id', 'c.employeeId')
      .innerJoin('units as u', 'u.id', 'c.unitId')
      .leftJoin('disciplineSanctions as s', 's.caseId', 'c.id')
      .select([
        'c.caseNumber',
        'c.source',
        'c.expectedLevel',
        'c.state',
        'c.violationDate',
        'c.createdAt',
        'c.nextStep',
        'c.nextDue',
        'e.name',
        'e.frontTitle',
        'e.backTitle',
        'e.nip',
        'u.name as unitName',
        'u.timeZone',
        's.sanctionCode',
        's.name as sanctionName',
        's.skNumber',
        's.skDate',
        's.status as sanctionStatus',
      ])
      .where((eb) => unitScopeCondition(eb, scope, 'c.unitPath'));
    if (q.unitId) {
      const u = await db.selectFrom('units').select('path').where('id', '=', q.unitId).executeTakeFirst();
      if (!u) throw notFound('Unit');
      if (!inScope(scope, u.path)) throw forbidden('Unit ini berada di luar kewenangan Anda');
      query = query.where('c.unitPath', 'like', `${u.path}%`);
    }
    if (q.state) query = query.where('c.state', '=', q.state);
    if (q.level) query = query.where('c.expectedLevel', '=', q.level);
    if (q.source) query = query.where('c.source', '=', q.source);
    if (q.from) query = query.where('c.violationDate', '>=', q.from);
    if (q.to) query = query.where('c.violationDate', '<=', q.to);
    if (q.q) {
      const like = `%${q.q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
      query = query.where((eb) =>
        eb.or([eb('e.name', 'ilike', like), eb('e.nip', 'ilike', like), eb('c.caseNumber', 'ilike', like)]),
      );
    }
    const rows = await query.orderBy('c.createdAt', 'desc').limit(100_000).execute();
    const columns: TableColumn[] = [
      { header: 'Nomor kasus', key: 'caseNumber', width: 18 },
      { header: 'NIP', key: 'nip', width: 20 },
      { header: 'Nama', key: 'name', width: 30 },
      { header: 'Unit kerja', key: 'unit', width: 30 },
      { header: 'Sumber', key: 'source', width: 22 },
      { header: 'Tanggal pelanggaran', key: 'violationDate' },
      { header: 'Dibuka', key: 'opened' },
      { header: 'Tingkat', key: 'level', width: 10 },
      { header: 'Tahap', key: 'state', width: 24 },
      { header: 'Langkah berikut', key: 'nextStep', width: 36 },
      { header: 'Batas waktu', key: 'due' },
      { header: 'Terlambat', key: 'overdue', width: 10 },
      { header: 'Hukuman', key: 'sanction', width: 30 },
      { header: 'Nomor SK', key: 'skNumber', width: 24 },
      { header: 'Tanggal SK', key: 'skDate' },
    ];
    const out = rows.map((r) => {
      const today = todayIn(r.timeZone);
      const final = isFinal(r.state as CaseState);
      return {
        caseNumber: r.caseNumber,
        nip: r.nip ?? '',
        name: nameOf(r),
        unit: r.unitName,
        source: SOURCE_LABELS[r.source] ?? r.source,
        violationDate: formatDdMmYyyy(r.violationDate),
        opened: formatDdMmYyyy(localDateAt(r.createdAt.getTime(), r.timeZone as IndonesianTimeZone)),
        level: LEVEL_LABELS[r.expectedLevel] ?? r.expectedLevel,
        state: CASE_STATE_LABELS[r.state as CaseState] ?? r.state,
        nextStep: final ? '' : (r.nextStep ?? ''),
        due: !final && r.nextDue ? formatDdMmYyyy(r.nextDue) : '',
        overdue: !final && r.nextDue && r.nextDue < today ? 'Ya' : 'Tidak',
        sanction: r.sanctionCode ? `${r.sanctionName ?? ''} (${r.sanctionCode})` : '',
        skNumber: r.skNumber ?? '',
        skDate: r.skDate ? formatDdMmYyyy(r.skDate) : '',
      };
    });
    return { columns, rows: out, fileBase: 'kasus-disiplin', title: 'Kasus disiplin' };
  }

  /**
   * The home page's discipline section: what waits for the caller (as the inbox count) and how much is overdue,
   * the cases open and the "indisipliner" share this year in the caller's reading scope (null without a reading
   * role), and the caller's own open cases. Reading writes nothing.
   */
  async function summaryFor(actor: Actor): Promise<DisciplineSummary> {
    const box = await inbox(actor);
    let targetPercent: number | null = null;
    let openInScope: number | null = null;
    let sanctionedPercent: number | null = null;
    try {
      const r = await registry(actor, {});
      openInScope = r.total.casesOpen;
      sanctionedPercent = r.total.sanctionedPercent;
      targetPercent = r.targetPercent;
    } catch (err) {
      if (!(err instanceof AppError && err.code === 'FORBIDDEN')) throw err;
    }
    const mineOpen = box.mine.filter((m) => m.type === 'case' && !isFinal(m.state as CaseState)).length;
    return {
      waiting: box.count,
      overdue: box.overdue,
      openInScope,
      sanctionedPercent,
      targetPercent,
      mineOpen,
    };
  }

  return { inbox, registry, registryExport, casesExport, summaryFor };
}
export type RegistrySection = ReturnType<typeof createRegistrySection>;
