import { ctxOf } from '../../auth/auth-service.ts';
import { inScope, requireAny, requireUnit, type Actor } from '../../auth/authz.ts';
import { AppError, notFound } from '../../errors.ts';
import type { Exec } from '../../relations/relations-service.ts';
import type {
  CompetencyDictionary,
  CompetencyImportReport,
  PositionStandard,
  PositionStandardPut,
  TechnicalPut,
} from '../../../shared/api/competency.ts';
import type { CompetencyContext } from './competency-context.ts';
import { levelCell, runImport, type ImportKind, type RowProblem } from './competency-import.ts';

const basisText = (b: { regulation: string; article?: string | undefined }) =>
  [b.regulation, b.article].filter(Boolean).join(' ');

/** A competency code not in the dictionary: 400 naming it (issue 19, bad input). */
export function unknownCodes(codes: string[], path: string): AppError {
  const message = `Kode kompetensi tidak ada di kamus: ${codes.join(', ')}`;
  return new AppError('VALIDATION', message, [{ path, message, code: 'UNKNOWN_COMPETENCY', codes }]);
}

/**
 * Competency standards (issue 19 point 1): the dictionary (rulebook's managerial and socio-cultural competencies,
 * BKD's technical ones), the required level of each competency per position, and their import.
 */
export function createCompetencyStandards(ctx: CompetencyContext) {
  const { repo, audit, clock } = ctx;

  /** GET /dictionary: every competency with its levels (signed in). */
  async function dictionary(): Promise<CompetencyDictionary> {
    const { competency: c } = await ctx.rules();
    const technicals = await repo.technicals();
    return {
      legalBasis: basisText(c.legalBasis),
      minJpPerYear: c.development.minJpPerYear,
      developmentBasis: basisText(c.development.legalBasis),
      entries: [
        ...c.dictionary.map((d) => ({ ...d, family: null })),
        ...technicals.map((t) => ({
          code: t.code,
          group: 'TEKNIS' as const,
          name: t.name,
          family: t.family,
          definition: t.definition,
          levels: t.levels.map((description, i) => ({ level: i + 1, description, indicators: [] })),
        })),
      ],
    };
  }

  /** PUT /technicals/{code}: set or replace a technical competency (competency.manage); audited. */
  async function putTechnical(actor: Actor, code: string, body: TechnicalPut): Promise<CompetencyDictionary> {
    await ctx.db.transaction().execute(async (trx) => {
      requireAny(actor, 'competency.manage');
      const { competency: c } = await ctx.rules(trx);
      if (c.dictionary.some((d) => d.code === code))
        throw new AppError('VALIDATION', `Kode ${code} dipakai kamus kompetensi manajerial/sosial kultural`, [
          { path: 'code', message: `Kode ${code} dipakai kamus nasional`, code: 'RESERVED_CODE' },
        ]);
      const before = await repo.technical(code, trx);
      const row = {
        code,
        name: body.name,
        family: body.family,
        definition: body.definition ?? null,
        levels: body.levels,
      };
      await repo.upsertTechnical(trx, row, actor.userId, clock.now());
      await audit.record(trx, ctxOf(actor), {
        action: 'competency_technical.set',
        entityType: 'competency_technical',
        entityId: null,
        before,
        after: row,
      });
    });
    return dictionary();
  }

  async function positionOr404(id: string, exec: Exec = ctx.db) {
    const p = await repo.position(id, exec);
    if (!p) throw notFound('Jabatan');
    return p;
  }

  /** GET /positions/{id}/standard (signed in). */
  async function standard(positionId: string, exec: Exec = ctx.db): Promise<PositionStandard> {
    const p = await positionOr404(positionId, exec);
    const { competency: c } = await ctx.rules(exec);
    const names = await ctx.catalogue(c, exec);
    return ctx.presentStandard(p, await ctx.standardOf(p, c, names, exec), names);
  }

  /**
   * PUT /positions/{id}/standard: the levels BKD requires of the position (replacing its earlier ones); every code
   * must be in the dictionary. competency.manage over the position's unit, checked before writing; audited.
   */
  async function putStandard(
    actor: Actor,
    positionId: string,
    body: PositionStandardPut,
  ): Promise<PositionStandard> {
    return ctx.db.transaction().execute(async (trx) => {
      const p = await positionOr404(positionId, trx);
      requireUnit(actor, 'competency.manage', p.unitPath);
      await repo.lockPosition(trx, p.id);
      const { competency: c } = await ctx.rules(trx);
      const names = await ctx.catalogue(c, trx);
      const unknown = body.levels.map((l) => l.code!).filter((code) => !names.has(code));
      if (unknown.length) throw unknownCodes(unknown, 'levels');
      const before = await repo.positionLevels([p.id], trx);
      const levels = body.levels.map((l) => ({ code: l.code!, level: l.level! }));
      await repo.replacePositionLevels(trx, p.id, levels, actor.userId, clock.now());
      await audit.record(trx, ctxOf(actor), {
        action: 'competency_standard.set',
        entityType: 'position',
        entityId: p.id,
        unitId: p.unitId,
        before: before.map(({ code, level }) => ({ code, level })),
        after: levels,
      });
      return standard(p.id, trx);
    });
  }

  /**
   * POST /standards/import: rows `kode_jabatan, kode_kompetensi, level`, each setting (or replacing) one level of
   * one position. A row is bad for an unknown position, a position outside the importer's scope, a code not in the
   * dictionary, a level outside 1–5 or a repeated pair.
   */
  async function importStandards(
    actor: Actor,
    file: { name: string; buf: Buffer },
    opts: { dryRun: boolean; validOnly: boolean },
  ): Promise<CompetencyImportReport> {
    const scope = requireAny(actor, 'competency.manage');
    type Item = { positionId: string; unitId: string; code: string; level: number };
    const kind: ImportKind<Item> = {
      required: ['kode_jabatan', 'kode_kompetensi', 'level'],
      aliases: {
        jabatan: 'kode_jabatan',
        kode: 'kode_kompetensi',
        kompetensi: 'kode_kompetensi',
        level_standar: 'level',
      },
      async check(rows, exec) {
        const { competency: c } = await ctx.rules(exec);
        const names = await ctx.catalogue(c, exec);
        const positions = await repo.positionsByCode(
          rows.map((r) => (r.cells['kode_jabatan'] ?? '').trim()),
          exec,
        );
        const errors: RowProblem[] = [];
        const groups: { lines: number[]; item: Item }[] = [];
        const seen = new Set<string>();
        for (const r of rows) {
          const bad = (column: string, message: string) => errors.push({ line: r.line, column, message });
          const pcode = (r.cells['kode_jabatan'] ?? '').trim();
          const code = (r.cells['kode_kompetensi'] ?? '').trim().toUpperCase();
          const p = positions.get(pcode);
          if (!p) bad('kode_jabatan', pcode ? `Jabatan ${pcode} tidak ditemukan` : 'Kode jabatan kosong');
          else if (!inScope(scope, p.unitPath)) bad('kode_jabatan', `Jabatan ${pcode} di luar lingkup Anda`);
          if (!names.has(code))
            bad('kode_kompetensi', `Kode kompetensi ${code || '(kosong)'} tidak ada di kamus`);
          const level = levelCell(r.cells['level']);
          if (typeof level === 'string') bad('level', level);
          const key = `${pcode}|${code}`;
          if (seen.has(key))
            bad('kode_kompetensi', `Jabatan ${pcode} dan kompetensi ${code} sudah ada di baris lain`);
          seen.add(key);
          if (p && typeof level === 'number')
            groups.push({ lines: [r.line], item: { positionId: p.id, unitId: p.unitId, code, level } });
        }
        return { groups, errors };
      },
      async write(trx, items) {
        for (const i of items) await repo.upsertPositionLevel(trx, i, actor.userId, clock.now());
        await audit.record(trx, ctxOf(actor), {
          action: 'competency_standard.imported',
          entityType: 'import',
          entityId: null,
          after: { fileName: file.name, levels: items.length },
        });
      },
    };
    return runImport(ctx, kind, file, opts, async () => {
      requireAny(actor, 'competency.manage');
    });
  }

  return { dictionary, putTechnical, standard, putStandard, importStandards };
}
