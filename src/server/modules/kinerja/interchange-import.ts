import { formatDdMmYyyy } from '../../../core/common/date-text.ts';
import { randomUUID } from 'node:crypto';
import { sql, type Transaction } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { ctxOf } from '../../auth/auth-service.ts';
import { inScope, requireAny, scopeOf, type Actor } from '../../auth/authz.ts';
import { AppError } from '../../errors.ts';
import { parseTableFile, type RawRow } from '../../lib/table-file.ts';
import { toCsv, toXlsx } from '../../lib/table-export.ts';
import { isLocalDate } from '../../../core/common/local-date.ts';
import { normalizeNip } from '../../../core/people/nip.ts';
import { needsCascade, skpEligibility } from '../../../core/performance/skp.ts';
import type {
  KinerjaImportReport,
  KinerjaImportRowError,
  KinerjaImportSkp,
} from '../../../shared/api/kinerja-interchange.ts';
import { SKP_IMPORT_ALIASES, SKP_IMPORT_COLUMNS } from './interchange-columns.ts';
import type { KinerjaContext } from './kinerja-context.ts';

type Exec = KinerjaContext['db'] | Transaction<Database>;

/** One valid row of the file. */
interface ImportRow {
  line: number;
  nip: string;
  year: number;
  periodStart: string;
  periodEnd: string;
  approach: 'KUANTITATIF' | 'KUALITATIF';
  kind: 'UTAMA' | 'TAMBAHAN';
  seq: number;
  text: string;
  supNip: string | null;
  supSeq: number | null;
  supText: string | null;
  penugasan: string | null;
  indicator: string;
  aspect: 'KUANTITAS' | 'KUALITAS' | 'WAKTU' | 'BIAYA';
  targetMin: number;
  targetMax: number | null;
  satuan: string;
  approved: boolean;
}

interface Employee {
  id: string;
  nip: string;
  name: string;
  unitId: string;
  unitPath: string;
  positionId: string | null;
  positionKind: string | null;
  employeeType: string;
  superiorId: string | null;
  superiorNip: string | null;
}

/** An RHK the file makes: the rows of its indicators and, once resolved, what it intervenes. */
interface PlannedRhk {
  kind: 'UTAMA' | 'TAMBAHAN';
  seq: number;
  text: string;
  penugasan: string | null;
  rows: ImportRow[];
  /** An RHK already stored, or an RHK of this file (skp key + seq). */
  intervenes: { rhkId: string } | { key: string; seq: number } | null;
}

interface PlannedSkp {
  key: string;
  employee: Employee;
  first: ImportRow;
  lines: number[];
  rhk: Map<number, PlannedRhk>;
  /** An existing DRAFT SKP of the same employee and period start, replaced by the import. */
  replaces: string | null;
  bad: boolean;
}

const MAX_TEXT = 2000;
const clean = (v: string | undefined) => (v ?? '').trim();
const norm = (s: string) => s.replace(/\s+/g, ' ').trim().toLowerCase();

/** `dd/MM/yyyy` (or `d/M/yyyy`, or the `yyyy-MM-dd` an XLSX date cell is read as) → `yyyy-MM-dd`, or null. */
function parseDate(v: string): string | null {
  const dmy = /^(\d{1,2})[/\-.](\d{1,2})[/\-.](\d{4})$/.exec(v);
  const iso = dmy
    ? `${dmy[3]}-${dmy[2]!.padStart(2, '0')}-${dmy[1]!.padStart(2, '0')}`
    : /^\d{4}-\d{2}-\d{2}$/.test(v.slice(0, 10))
      ? v.slice(0, 10)
      : null;
  return iso && isLocalDate(iso) ? iso : null;
}

/** A number cell: `12`, `12,5` or `12.5` (a thousands separator is not accepted); null when not a number. */
function parseNumber(v: string): number | null {
  const s = v.replace(/\s/g, '').replace(',', '.');
  if (!/^-?\d+(\.\d+)?$/.test(s)) return null;
  return Number(s);
}

/** Check the cells of one row; a row with any bad cell gives its errors and no row. */
function parseRow(raw: RawRow, errors: KinerjaImportRowError[]): ImportRow | null {
  const c = raw.cells;
  const before = errors.length;
  const err = (column: string | null, message: string) => errors.push({ line: raw.line, column, message });
  const req = (col: string, label: string) => {
    const v = clean(c[col]);
    if (!v) err(col, `${label} wajib diisi`);
    else if (v.length > MAX_TEXT) err(col, `${label} paling banyak ${MAX_TEXT} karakter`);
    return v;
  };
  const nipText = req('nip', 'NIP');
  const nip = nipText ? normalizeNip(nipText) : '';
  if (nipText && !/^\d{18}$/.test(nip)) err('nip', `NIP "${nipText}" harus 18 digit`);
  const yearText = req('tahun', 'Tahun');
  const year = Number(yearText);
  if (yearText && !(/^\d{4}$/.test(yearText) && year >= 2000 && year <= 2100))
    err('tahun', `Tahun "${yearText}" tidak valid`);
  const dates = (['periode_mulai', 'periode_selesai'] as const).map((col) => {
    const v = req(col, col === 'periode_mulai' ? 'Awal periode' : 'Akhir periode');
    const d = v ? parseDate(v) : null;
    if (v && !d) err(col, `Tanggal "${v}" harus berformat dd/MM/yyyy dan ada di kalender`);
    return d;
  });
  const [periodStart, periodEnd] = dates;
  if (periodStart && periodEnd) {
    if (periodEnd < periodStart) err('periode_selesai', 'Akhir periode tidak boleh sebelum awal periode');
    if (yearText && (periodStart.slice(0, 4) !== yearText || periodEnd.slice(0, 4) !== yearText))
      err('periode_mulai', `Periode harus di dalam tahun ${yearText}`);
  }
  const approachText = req('pendekatan', 'Pendekatan').toUpperCase();
  if (approachText && approachText !== 'KUANTITATIF' && approachText !== 'KUALITATIF')
    err('pendekatan', 'Pendekatan harus Kuantitatif atau Kualitatif');
  const kindText = req('jenis_rhk', 'Jenis RHK').toUpperCase();
  if (kindText && kindText !== 'UTAMA' && kindText !== 'TAMBAHAN')
    err('jenis_rhk', 'Jenis RHK harus Utama atau Tambahan');
  const seqText = req('no_rhk', 'Nomor RHK');
  const seq = Number(seqText);
  if (seqText && !(/^\d{1,4}$/.test(seqText) && seq > 0))
    err('no_rhk', `Nomor RHK "${seqText}" harus bilangan bulat 1 atau lebih`);
  const text = req('rhk', 'Rencana hasil kerja');
  const supNipText = clean(c.nip_atasan);
  const supNip = supNipText ? normalizeNip(supNipText) : null;
  if (supNip && !/^\d{18}$/.test(supNip)) err('nip_atasan', `NIP atasan "${supNipText}" harus 18 digit`);
  const supSeqText = clean(c.no_rhk_atasan);
  const supSeq = supSeqText ? Number(supSeqText) : null;
  if (supSeqText && !(/^\d{1,4}$/.test(supSeqText) && supSeq! > 0))
    err('no_rhk_atasan', `Nomor RHK atasan "${supSeqText}" harus bilangan bulat 1 atau lebih`);
  const supText = clean(c.rhk_atasan) || null;
  const penugasan = clean(c.penugasan_dari) || null;
  const indicator = req('indikator', 'Indikator');
  const aspectText = req('aspek', 'Aspek').toUpperCase();
  if (aspectText && !['KUANTITAS', 'KUALITAS', 'WAKTU', 'BIAYA'].includes(aspectText))
    err('aspek', 'Aspek harus Kuantitas, Kualitas, Waktu atau Biaya');
  const minText = req('target_min', 'Target');
  const targetMin = minText ? parseNumber(minText) : null;
  if (minText && targetMin === null) err('target_min', `Target "${minText}" bukan angka`);
  else if (targetMin !== null && targetMin < 0) err('target_min', 'Target tidak boleh negatif');
  else if (targetMin !== null && targetMin >= 1e16) err('target_min', 'Target terlalu besar');
  const maxText = clean(c.target_max);
  const targetMax = maxText ? parseNumber(maxText) : null;
  if (maxText && targetMax === null) err('target_max', `Target maksimum "${maxText}" bukan angka`);
  else if (targetMax !== null && targetMax < 0) err('target_max', 'Target maksimum tidak boleh negatif');
  else if (targetMax !== null && targetMin !== null && targetMax < targetMin)
    err('target_max', 'Target maksimum tidak boleh lebih kecil dari target minimum');
  else if (targetMax !== null && targetMax >= 1e16) err('target_max', 'Target maksimum terlalu besar');
  const satuan = req('satuan', 'Satuan');
  const statusText = clean(c.status_bkn).toUpperCase();
  if (statusText && !['DRAFT', 'DRAF', 'DISETUJUI', 'APPROVED'].includes(statusText))
    err('status_bkn', 'Status BKN harus kosong, "Draft" atau "Disetujui"');
  if (errors.length > before) return null;
  return {
    line: raw.line,
    nip,
    year,
    periodStart: periodStart!,
    periodEnd: periodEnd!,
    approach: approachText as ImportRow['approach'],
    kind: kindText as ImportRow['kind'],
    seq,
    text,
    supNip,
    supSeq,
    supText,
    penugasan,
    indicator,
    aspect: aspectText as ImportRow['aspect'],
    targetMin: targetMin!,
    targetMax,
    satuan,
    approved: statusText === 'DISETUJUI' || statusText === 'APPROVED',
  };
}

/**
 * The SKP/RHK import (issue 15 point 7; docs/kinerja-interchange.md): one row per indicator, grouped into SKP by
 * NIP and period start and into RHK by number. Every row is checked (cells, employee and the importer's
 * kinerja.manage scope, the rulebook's SKP employee types, an existing SKP of the period, duplicate RHK numbers,
 * the intervened superior RHK in an overlapping period of the superior's SKP, in the file or stored); a dry run
 * answers the report, a commit writes every SKP or none (422 IMPORT_INVALID with the row errors).
 */
export function createInterchangeImport(ctx: KinerjaContext) {
  const { db, audit, config, clock } = ctx;

  async function loadEmployees(exec: Exec, nips: string[]): Promise<Map<string, Employee>> {
    if (nips.length === 0) return new Map();
    const rows = await exec
      .selectFrom('employees as e')
      .innerJoin('units as u', 'u.id', 'e.unitId')
      .leftJoin('positions as p', 'p.id', 'e.positionId')
      .leftJoin('employees as s', 's.id', 'e.superiorId')
      .select([
        'e.id',
        'e.nip',
        'e.name',
        'e.unitId',
        'u.path as unitPath',
        'e.positionId',
        'p.kind as positionKind',
        'e.employeeType',
        'e.superiorId',
        's.nip as superiorNip',
      ])
      .where('e.nip', 'in', nips)
      .execute();
    return new Map(rows.map((r) => [r.nip!, { ...r, nip: r.nip! }]));
  }

  /** Check a parsed file against the database; the plan of what a commit writes and the errors. */
  async function check(actor: Actor, exec: Exec, raws: RawRow[]) {
    const scope = scopeOf(actor, 'kinerja.manage');
    const errors: KinerjaImportRowError[] = [];
    const rows = raws.map((r) => parseRow(r, errors)).filter((r): r is ImportRow => r !== null);
    const err = (line: number, column: string | null, message: string) =>
      errors.push({ line, column, message });

    const nips = [...new Set(rows.flatMap((r) => [r.nip, ...(r.supNip ? [r.supNip] : [])]))];
    const employees = await loadEmployees(exec, nips);
    const supIds = [...employees.values()].map((e) => e.superiorId).filter((x): x is string => !!x);
    const superiorsById = new Map(
      supIds.length
        ? (await exec.selectFrom('employees').select(['id', 'nip']).where('id', 'in', supIds).execute()).map(
            (s) => [s.id, s.nip],
          )
        : [],
    );

    // Group rows into SKP (NIP + period start) and RHK (number).
    const plans = new Map<string, PlannedSkp>();
    for (const r of rows) {
      const emp = employees.get(r.nip);
      if (!emp) {
        err(r.line, 'nip', `NIP ${r.nip} tidak dikenal di Abdi`);
        continue;
      }
      if (!inScope(scope, emp.unitPath)) {
        err(r.line, 'nip', `Pegawai ${r.nip} (${emp.name}) di luar lingkup kewenangan Anda (kinerja.manage)`);
        continue;
      }
      const key = `${r.nip}|${r.periodStart}`;
      let plan = plans.get(key);
      if (!plan) {
        plan = { key, employee: emp, first: r, lines: [], rhk: new Map(), replaces: null, bad: false };
        plans.set(key, plan);
      }
      plan.lines.push(r.line);
      const f = plan.first;
      if (f.periodEnd !== r.periodEnd || f.approach !== r.approach || f.approved !== r.approved) {
        err(
          r.line,
          null,
          `Akhir periode, pendekatan dan status BKN harus sama dengan baris ${f.line} (SKP yang sama)`,
        );
        plan.bad = true;
        continue;
      }
      const rhk = plan.rhk.get(r.seq);
      if (!rhk) {
        plan.rhk.set(r.seq, {
          kind: r.kind,
          seq: r.seq,
          text: r.text,
          penugasan: r.penugasan,
          rows: [r],
          intervenes: null,
        });
      } else {
        const a = rhk.rows[0]!;
        if (
          norm(a.text) !== norm(r.text) ||
          a.kind !== r.kind ||
          a.supNip !== r.supNip ||
          a.supSeq !== r.supSeq ||
          norm(a.supText ?? '') !== norm(r.supText ?? '')
        ) {
          err(
            r.line,
            'no_rhk',
            `Nomor RHK ${r.seq} sudah dipakai untuk RHK lain di baris ${a.line} (nomor RHK ganda)`,
          );
          plan.bad = true;
          continue;
        }
        rhk.rows.push(r);
      }
    }

    // Per SKP: employee type, periods overlapping in the file, the stored SKP of the period.
    const empIds = [...new Set([...plans.values()].map((p) => p.employee.id))];
    const stored = empIds.length
      ? await exec
          .selectFrom('skp')
          .select(['id', 'employeeId', 'periodStart', 'periodEnd', 'status'])
          .where('employeeId', 'in', empIds)
          .execute()
      : [];
    const byEmployee = new Map<string, PlannedSkp[]>();
    for (const p of plans.values()) {
      const list = byEmployee.get(p.employee.id) ?? [];
      for (const o of list) {
        if (o.first.periodStart <= p.first.periodEnd && p.first.periodStart <= o.first.periodEnd) {
          err(
            p.first.line,
            'periode_mulai',
            `Periode SKP ini beririsan dengan SKP pegawai yang sama di baris ${o.first.line}`,
          );
          p.bad = true;
        }
      }
      list.push(p);
      byEmployee.set(p.employee.id, list);
      const rules = await ctx.rulesOn(p.first.periodStart, exec);
      const elig = skpEligibility(p.employee.employeeType, rules.skp.employeeTypes);
      if (!elig.eligible) {
        err(p.first.line, 'nip', elig.reason!);
        p.bad = true;
      }
      for (const s of stored.filter((x) => x.employeeId === p.employee.id)) {
        const same = s.periodStart === p.first.periodStart;
        const overlaps = s.periodStart <= p.first.periodEnd && p.first.periodStart <= s.periodEnd;
        if (same && s.status === 'DRAFT') p.replaces = s.id;
        else if (same) {
          err(
            p.first.line,
            'periode_mulai',
            `Pegawai ${p.employee.nip} sudah memiliki SKP berstatus ${s.status} untuk periode mulai ${formatDdMmYyyy(s.periodStart)}; SKP yang bukan draf tidak ditimpa`,
          );
          p.bad = true;
        } else if (overlaps) {
          err(
            p.first.line,
            'periode_mulai',
            `Periode beririsan dengan SKP pegawai yang tersimpan (${formatDdMmYyyy(s.periodStart)}–${formatDdMmYyyy(s.periodEnd)})`,
          );
          p.bad = true;
        }
      }
    }
    const replacing = [...plans.values()].map((p) => p.replaces).filter((x): x is string => !!x);
    for (const p of plans.values()) {
      if (p.replaces) {
        const used = await exec
          .selectFrom('skpRhk as r')
          .select('r.id')
          .where('r.skpId', '=', p.replaces)
          .where((eb) =>
            eb.or([
              eb.exists(eb.selectFrom('dailyReports as d').select('d.id').whereRef('d.rhkId', '=', 'r.id')),
              eb.exists(
                eb.selectFrom('kinerjaFeedback as k').select('k.id').whereRef('k.rhkId', '=', 'r.id'),
              ),
              eb.exists(eb.selectFrom('rhkEvidence as v').select('v.id').whereRef('v.rhkId', '=', 'r.id')),
              eb.exists(
                eb
                  .selectFrom('skpRhk as c')
                  .select('c.id')
                  .whereRef('c.intervenesRhkId', '=', 'r.id')
                  .where('c.skpId', 'not in', replacing),
              ),
            ]),
          )
          .limit(1)
          .execute();
        if (used.length) {
          err(
            p.first.line,
            'periode_mulai',
            'SKP draf yang tersimpan untuk periode ini sudah dipakai (laporan harian, umpan balik, eviden atau RHK bawahan); ubah lewat halaman SKP',
          );
          p.bad = true;
        }
      }
    }

    // The intervened superior RHK: in the file first, then stored.
    const supNips = new Set<string>();
    for (const p of plans.values())
      for (const r of p.rhk.values()) {
        const a = r.rows[0]!;
        const nip = a.supNip ?? (p.employee.superiorId ? superiorsById.get(p.employee.superiorId) : null);
        if (nip) supNips.add(nip);
      }
    const supEmployees = await loadEmployees(exec, [...supNips]);
    const supIdList = [...supEmployees.values()].map((e) => e.id);
    const storedRhk = supIdList.length
      ? await exec
          .selectFrom('skpRhk as r')
          .innerJoin('skp as s', 's.id', 'r.skpId')
          .select([
            'r.id',
            'r.seq',
            'r.text',
            's.id as skpId',
            's.employeeId',
            's.periodStart',
            's.periodEnd',
          ])
          .where('s.employeeId', 'in', supIdList)
          .execute()
      : [];
    const replaced = new Set([...plans.values()].map((p) => p.replaces).filter(Boolean));
    for (const p of plans.values()) {
      const cascade = needsCascade(p.employee.positionKind);
      for (const r of p.rhk.values()) {
        const a = r.rows[0]!;
        const wants = a.supSeq !== null || a.supText !== null;
        if (!wants) {
          if (cascade && !a.penugasan) {
            err(
              a.line,
              'no_rhk_atasan',
              'RHK pegawai JA/JF harus menyebut RHK atasan yang diintervensi (no_rhk_atasan atau rhk_atasan)',
            );
            p.bad = true;
          }
          continue;
        }
        const supNip =
          a.supNip ?? (p.employee.superiorId ? superiorsById.get(p.employee.superiorId) : null) ?? null;
        if (!supNip) {
          err(a.line, 'nip_atasan', 'Pegawai tidak memiliki atasan langsung di Abdi; isi nip_atasan');
          p.bad = true;
          continue;
        }
        if (supNip === p.employee.nip) {
          err(a.line, 'nip_atasan', 'RHK tidak dapat mengintervensi RHK pegawai itu sendiri');
          p.bad = true;
          continue;
        }
        const supEmp = supEmployees.get(supNip);
        if (!supEmp) {
          err(a.line, 'nip_atasan', `NIP atasan ${supNip} tidak dikenal di Abdi`);
          p.bad = true;
          continue;
        }
        const matches = (seq: number, text: string) =>
          a.supSeq !== null ? seq === a.supSeq : norm(text) === norm(a.supText!);
        const overlaps = (s: string, e: string) => s <= p.first.periodEnd && p.first.periodStart <= e;
        const what = a.supSeq !== null ? `RHK nomor ${a.supSeq}` : `RHK "${a.supText!.slice(0, 80)}"`;
        // In the file: the superior's SKP of an overlapping period.
        const inFile = [...plans.values()].filter((o) => o.employee.nip === supNip);
        const fileHit = inFile.find(
          (o) =>
            overlaps(o.first.periodStart, o.first.periodEnd) &&
            [...o.rhk.values()].some((x) => matches(x.seq, x.text)),
        );
        if (fileHit) {
          const x = [...fileHit.rhk.values()].find((y) => matches(y.seq, y.text))!;
          r.intervenes = { key: fileHit.key, seq: x.seq };
          continue;
        }
        const cands = storedRhk.filter((x) => x.employeeId === supEmp.id && !replaced.has(x.skpId));
        const hit = cands.find((x) => overlaps(x.periodStart, x.periodEnd) && matches(x.seq, x.text));
        if (hit) {
          r.intervenes = { rhkId: hit.id };
          continue;
        }
        const other =
          cands.find((x) => matches(x.seq, x.text)) ??
          inFile
            .filter((o) => [...o.rhk.values()].some((x) => matches(x.seq, x.text)))
            .map((o) => ({ periodStart: o.first.periodStart, periodEnd: o.first.periodEnd }))[0];
        err(
          a.line,
          a.supSeq !== null ? 'no_rhk_atasan' : 'rhk_atasan',
          other
            ? `${what} atasan ${supNip} berada di periode lain (${formatDdMmYyyy(other.periodStart)}–${formatDdMmYyyy(other.periodEnd)}), bukan periode SKP ini`
            : `${what} atasan ${supNip} tidak ditemukan pada SKP atasan untuk periode ini`,
        );
        p.bad = true;
      }
    }
    // An SKP intervening a file RHK of a bad SKP is bad too (nothing of it could be written).
    errors.sort((x, y) => x.line - y.line || (x.column ?? '').localeCompare(y.column ?? ''));
    const badLines = new Set(errors.map((e) => e.line));
    return { rows: raws.length, plans: [...plans.values()], errors, badLines };
  }

  function summary(p: PlannedSkp, skpId: string | null): KinerjaImportSkp {
    return {
      nip: p.employee.nip,
      name: p.employee.name,
      periodStart: p.first.periodStart,
      periodEnd: p.first.periodEnd,
      approach: p.first.approach,
      status: p.first.approved ? 'APPROVED' : 'DRAFT',
      rhkCount: p.rhk.size,
      indicatorCount: [...p.rhk.values()].reduce((n, r) => n + r.rows.length, 0),
      lines: p.lines,
      skpId,
    };
  }

  async function write(actor: Actor, trx: Transaction<Database>, plans: PlannedSkp[]) {
    const rhkIds = new Map<string, string>();
    const skpIds = new Map<string, string>();
    const now = clock.now();
    // The RHK of the drafts replaced go first (they may intervene each other within the file's SKP).
    const replacing = plans.map((p) => p.replaces).filter((x): x is string => !!x);
    if (replacing.length) {
      await trx
        .updateTable('skpRhk')
        .set({ intervenesRhkId: null })
        .where('skpId', 'in', replacing)
        .execute();
      await trx.deleteFrom('skpRhk').where('skpId', 'in', replacing).execute();
    }
    for (const p of plans) {
      const e = p.employee;
      const atasan = e.superiorId
        ? await trx
            .selectFrom('employees')
            .select('superiorId')
            .where('id', '=', e.superiorId)
            .executeTakeFirst()
        : null;
      const header = {
        unitId: e.unitId,
        positionId: e.positionId,
        year: p.first.year,
        periodStart: p.first.periodStart,
        periodEnd: p.first.periodEnd,
        approach: p.first.approach,
        status: p.first.approved ? 'APPROVED' : 'DRAFT',
        penilaiId: e.superiorId,
        atasanPenilaiId: atasan?.superiorId ?? null,
        decidedAt: p.first.approved ? now : null,
        decidedBy: null,
        decidedAs: null,
        returnNote: null,
        submittedAt: null,
      };
      let skpId: string;
      if (p.replaces) {
        await trx
          .updateTable('skp')
          .set({ ...header, updatedAt: now })
          .where('id', '=', p.replaces)
          .execute();
        skpId = p.replaces;
      } else {
        const row = await trx
          .insertInto('skp')
          .values({
            employeeId: e.id,
            ...header,
            perilaku: JSON.stringify([]),
            lampiran: JSON.stringify({}),
            createdBy: actor.userId,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        skpId = row.id;
      }
      skpIds.set(p.key, skpId);
      for (const r of [...p.rhk.values()].sort((x, y) => x.seq - y.seq)) {
        const rhk = await trx
          .insertInto('skpRhk')
          .values({
            skpId,
            kind: r.kind,
            seq: r.seq,
            text: r.text,
            intervenesRhkId: r.intervenes && 'rhkId' in r.intervenes ? r.intervenes.rhkId : null,
            penugasanDari: r.penugasan,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        rhkIds.set(`${p.key}#${r.seq}`, rhk.id);
        await trx
          .insertInto('skpIndicators')
          .values(
            r.rows.map((row, i) => ({
              rhkId: rhk.id,
              seq: i + 1,
              text: row.indicator,
              aspect: row.aspect,
              targetMin: String(row.targetMin),
              targetMax: row.targetMax === null ? null : String(row.targetMax),
              satuan: row.satuan,
            })),
          )
          .execute();
      }
    }
    // The cascade inside the file, once every RHK has its id.
    for (const p of plans)
      for (const r of p.rhk.values())
        if (r.intervenes && 'key' in r.intervenes)
          await trx
            .updateTable('skpRhk')
            .set({ intervenesRhkId: rhkIds.get(`${r.intervenes.key}#${r.intervenes.seq}`)! })
            .where('id', '=', rhkIds.get(`${p.key}#${r.seq}`)!)
            .execute();
    return skpIds;
  }

  /**
   * Check an uploaded file and, unless `dryRun`, write it: all SKP or none. @throws FORBIDDEN without
   * kinerja.manage anywhere; UNSUPPORTED_FILE, FILE_TOO_LARGE; IMPORT_INVALID (422, details = row errors) when a
   * commit finds a bad row, writing nothing.
   */
  async function importSkp(
    actor: Actor,
    fileName: string,
    buf: Buffer,
    dryRun: boolean,
  ): Promise<KinerjaImportReport> {
    requireAny(actor, 'kinerja.manage');
    const { rows: raws, headers } = await parseTableFile(
      fileName,
      buf,
      SKP_IMPORT_ALIASES,
      config.importLimits,
    );
    const missing = SKP_IMPORT_COLUMNS.filter((c) => c.required && !headers.includes(c.name));
    if (missing.length)
      throw new AppError(
        'IMPORT_INVALID',
        `Kolom wajib tidak ada di baris judul: ${missing.map((c) => c.name).join(', ')}`,
        missing.map((c) => ({ line: 1, column: c.name, message: `Kolom wajib "${c.name}" tidak ada` })),
      );
    if (raws.length === 0) throw new AppError('IMPORT_INVALID', 'Berkas tidak berisi baris data');

    const report = (
      c: Awaited<ReturnType<typeof check>>,
      ids: Map<string, string> | null,
      importId: string | null,
    ) => ({
      fileName,
      dryRun,
      committed: ids !== null,
      totalRows: c.rows,
      validRows: raws.filter((r) => !c.badLines.has(r.line)).length,
      errors: c.errors,
      skp: c.plans.map((p) => summary(p, ids?.get(p.key) ?? null)),
      counts: {
        skp: c.plans.length,
        rhk: c.plans.reduce((n, p) => n + p.rhk.size, 0),
        indicators: c.plans.reduce((n, p) => n + p.lines.length, 0),
      },
      importId,
    });

    if (dryRun) return report(await check(actor, db, raws), null, null);

    return db.transaction().execute(async (trx) => {
      // One commit at a time: a commit racing another of the same file would pass its check on the SKP stored
      // before either wrote, then fail on the unique (employee, period start) instead of replacing the draft.
      await sql`select pg_advisory_xact_lock(hashtext('skp'), hashtext('import'))`.execute(trx);
      // Checked again inside the writing transaction: the scope and the stored SKP as they are now.
      const c = await check(actor, trx, raws);
      if (c.errors.length > 0)
        throw new AppError(
          'IMPORT_INVALID',
          `Berkas memiliki ${c.errors.length} kesalahan pada ${c.badLines.size} baris; tidak ada yang disimpan`,
          c.errors,
        );
      const ids = await write(actor, trx, c.plans);
      const importId = randomUUID();
      const r = report(c, ids, importId);
      await audit.record(trx, ctxOf(actor), {
        action: 'import.kinerja_skp',
        entityType: 'import',
        entityId: importId,
        after: {
          fileName,
          rows: r.totalRows,
          skp: r.counts.skp,
          rhk: r.counts.rhk,
          indicators: r.counts.indicators,
          approved: c.plans.filter((p) => p.first.approved).length,
          replacedDrafts: c.plans.filter((p) => p.replaces).length,
          skpIds: [...ids.values()],
        },
      });
      return r;
    });
  }

  /** The empty file with the documented columns and one example row. */
  async function template(format: 'xlsx' | 'csv'): Promise<Buffer> {
    const columns = SKP_IMPORT_COLUMNS.map((c) => ({
      header: c.name,
      key: c.name,
      width: Math.max(14, Math.min(50, c.example.length + 4)),
    }));
    const example = Object.fromEntries(SKP_IMPORT_COLUMNS.map((c) => [c.name, c.example]));
    return format === 'csv' ? Buffer.from(toCsv(columns, [example])) : toXlsx('SKP', columns, [example]);
  }

  return {
    importSkp,
    template,
    columns: () => ({ columns: SKP_IMPORT_COLUMNS, maxBytes: config.importMaxBytes }),
  };
}
