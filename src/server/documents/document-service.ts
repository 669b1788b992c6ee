import { createHash } from 'node:crypto';
import type { Transaction } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { Db } from '../db/database.ts';
import type { Clock } from '../clock.ts';
import { AppError, forbidden, notFound } from '../errors.ts';
import type { AuditService } from '../modules/audit/audit-service.ts';
import { ctxOf } from '../auth/auth-service.ts';
import { inScope, type Actor, type UnitScope } from '../auth/authz.ts';
import { detectImageType, ImageFormatError, stripImageMetadata } from '../lib/image.ts';
import { formatLetterNumber, parseLetterNumberPattern } from '../../core/documents/letter-number.ts';
import { toZoned, type IndonesianTimeZone } from '../../core/common/zoned-time.ts';
import {
  LOGO_MAX_BYTES,
  type Letterhead,
  type LetterheadInput,
  type LetterNumberScheme,
  type LetterNumberSchemeInput,
  type LetterType,
} from '../../shared/api/documents.ts';
import type { DocumentRepo, LetterheadRow } from './document-repo.ts';
import { isEmbeddableImage, type LetterheadData } from './pdf.ts';

type Deps = {
  db: Db;
  repo: DocumentRepo;
  audit: Pick<AuditService, 'record'>;
  clock: Clock;
};

/**
 * Who configures the documents: BKD (the personnel agency, which sets the region's tata naskah dinas for
 * personnel letters) and the super admin, each inside the subtree of their grant; the region's own letterhead
 * needs a grant over the whole organisation or its root unit. Source: issue 14 point 4 ("letterhead uploaded by
 * BKD", "a scheme that BKD configures").
 */
const CONFIGURERS: readonly string[] = ['BKD', 'SUPER_ADMIN'];

function configScope(actor: Actor): UnitScope {
  const paths: string[] = [];
  for (const g of actor.grants) {
    if (!CONFIGURERS.includes(g.role)) continue;
    if (g.unitPath === null) return 'all';
    paths.push(g.unitPath);
  }
  return paths;
}

const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

/**
 * The document layer's configuration and shared data: letterheads (kop surat) and letter-number schemes set by
 * BKD, the letterhead a unit's letters carry, and letter numbers taken in the transaction that issues a letter.
 * Source: issue 14 point 4.
 */
export function createDocumentService(deps: Deps) {
  const { db, repo, audit, clock } = deps;

  function requireConfigurer(actor: Actor): UnitScope {
    const scope = configScope(actor);
    if (scope !== 'all' && scope.length === 0)
      throw forbidden('Hanya BKD yang dapat mengatur kop surat dan penomoran surat');
    return scope;
  }

  /** The unit a configuration targets, inside the caller's scope (null = the region, needs its root). */
  async function targetUnit(actor: Actor, unitId: string | null) {
    const scope = requireConfigurer(actor);
    if (unitId === null) {
      const root = await repo.rootUnit();
      if (!root || !inScope(scope, root.path))
        throw forbidden('Kop wilayah hanya dapat diatur oleh BKD untuk seluruh organisasi');
      return null;
    }
    const unit = await repo.unit(unitId);
    if (!unit) throw notFound('Unit');
    if (!inScope(scope, unit.path)) throw forbidden('Unit ini berada di luar kewenangan Anda');
    return unit;
  }

  // ------------------------------------------------------------------ letterheads

  const presentLetterhead = (r: LetterheadRow & { unitName?: string | null }): Letterhead => ({
    id: r.id,
    unitId: r.unitId,
    unitName: r.unitName ?? null,
    regionName: r.regionName,
    agencyName: r.agencyName,
    address: r.address,
    contact: r.contact,
    logo:
      r.logoType && r.logoSha256
        ? { type: r.logoType as 'image/png' | 'image/jpeg', sha256: r.logoSha256 }
        : null,
    updatedAt: r.updatedAt.toISOString(),
  });

  /** GET /api/documents/letterheads: the region's and the units' letterheads in the caller's scope (BKD). */
  async function listLetterheads(actor: Actor): Promise<{ items: Letterhead[] }> {
    const scope = requireConfigurer(actor);
    const rows = await repo.letterheads();
    return {
      items: rows
        .filter((r) => r.unitPath === null || inScope(scope, r.unitPath))
        .map((r) => presentLetterhead(r)),
    };
  }

  /**
   * PUT /api/documents/letterheads: set the text of the region's letterhead (unitId null) or a unit's (BKD in
   * scope), audited with the values before and after. An empty field falls back to the organisation's data.
   */
  async function setLetterhead(actor: Actor, input: LetterheadInput): Promise<Letterhead> {
    const unit = await targetUnit(actor, input.unitId);
    const values = {
      regionName: input.regionName ?? null,
      agencyName: input.agencyName ?? null,
      address: input.address ?? null,
      contact: input.contact ?? null,
    };
    const row = await db.transaction().execute(async (trx) => {
      const before = await repo.letterheadOf(input.unitId, trx);
      const saved = await repo.upsertLetterhead(trx, input.unitId, values, actor.userId, clock.now());
      await audit.record(trx, ctxOf(actor), {
        action: 'document.letterhead_set',
        entityType: 'letterhead',
        entityId: saved.id,
        unitId: input.unitId,
        before: before
          ? {
              regionName: before.regionName,
              agencyName: before.agencyName,
              address: before.address,
              contact: before.contact,
            }
          : null,
        after: values,
      });
      return saved;
    });
    return presentLetterhead({ ...row, unitName: unit?.name ?? null });
  }

  /**
   * POST /api/documents/letterheads/logo: the logo of the region's (unitId null) or a unit's letterhead (BKD in
   * scope). Accepted only when its bytes are a PNG or JPEG (the name and the declared type are not trusted) that the
   * PDF library can draw, at most 512 KB; metadata (EXIF, XMP, text chunks) is stripped before it is stored.
   * @throws FILE_TOO_LARGE (413), UNSUPPORTED_FILE (415) — nothing is stored
   */
  async function setLetterheadLogo(
    actor: Actor,
    unitId: string | null,
    bytes: Uint8Array,
  ): Promise<Letterhead> {
    const unit = await targetUnit(actor, unitId);
    if (bytes.length > LOGO_MAX_BYTES)
      throw new AppError(
        'FILE_TOO_LARGE',
        `Logo melebihi ${LOGO_MAX_BYTES / 1024} KB; tidak ada yang disimpan`,
        {
          max: LOGO_MAX_BYTES,
        },
      );
    const type = detectImageType(bytes);
    if (type !== 'image/png' && type !== 'image/jpeg')
      throw new AppError(
        'UNSUPPORTED_FILE',
        'Logo harus gambar PNG atau JPEG (dikenali dari isi berkas, bukan dari namanya); tidak ada yang disimpan',
      );
    let clean: Uint8Array;
    try {
      clean = stripImageMetadata(bytes, type);
    } catch (err) {
      if (err instanceof ImageFormatError)
        throw new AppError(
          'UNSUPPORTED_FILE',
          `Logo tidak dapat dibaca: ${err.message}; tidak ada yang disimpan`,
        );
      throw err;
    }
    if (!isEmbeddableImage(clean))
      throw new AppError('UNSUPPORTED_FILE', 'Logo rusak atau tidak dapat digambar; tidak ada yang disimpan');
    const logo = { bytes: clean, type, sha256: sha256(clean) };
    const row = await db.transaction().execute(async (trx) => {
      const before = await repo.letterheadOf(unitId, trx);
      const saved = await repo.setLogo(trx, unitId, logo, actor.userId, clock.now());
      await audit.record(trx, ctxOf(actor), {
        action: 'document.letterhead_logo_set',
        entityType: 'letterhead',
        entityId: saved.id,
        unitId,
        before: before?.logoSha256 ? { logoSha256: before.logoSha256, logoType: before.logoType } : null,
        after: { logoSha256: logo.sha256, logoType: type, sizeBytes: clean.length },
      });
      return saved;
    });
    return presentLetterhead({ ...row, unitName: unit?.name ?? null });
  }

  /**
   * The letterhead a unit's letters carry: each line from the unit's own row, else the region's row (region name,
   * logo), else the organisation's data — the root unit's name, the unit's own name and address (what letters
   * printed before letterheads were configurable).
   */
  async function letterheadFor(unitId: string): Promise<LetterheadData> {
    const unit = await repo.unit(unitId);
    if (!unit) throw notFound('Unit');
    const rootId = unit.path.split('/').filter(Boolean)[0] ?? unit.id;
    const [root, rows] = await Promise.all([
      rootId === unit.id ? unit : repo.unit(rootId),
      repo.letterheadsFor(unitId),
    ]);
    const region = rows.find((r) => r.unitId === null);
    const own = rows.find((r) => r.unitId === unitId);
    const logo = own?.logo ?? region?.logo ?? null;
    return {
      regionName: own?.regionName ?? region?.regionName ?? root?.name ?? '',
      agencyName: own?.agencyName ?? unit.name,
      address: own?.address ?? unit.address,
      contact: own?.contact ?? null,
      logoBase64: logo ? Buffer.from(logo).toString('base64') : null,
    };
  }

  // ------------------------------------------------------------------ letter numbers

  const todayIn = (zone: string) => toZoned(clock.now().getTime(), zone as IndonesianTimeZone).date;

  type SchemeRow = Awaited<ReturnType<DocumentRepo['upsertScheme']>> & { unitName: string };

  async function presentScheme(s: SchemeRow, zone: string): Promise<LetterNumberScheme> {
    const date = todayIn(zone);
    const next = (await repo.lastNumber(s.id, Number(date.slice(0, 4)))) + 1;
    return {
      id: s.id,
      unitId: s.unitId,
      unitName: s.unitName,
      letterType: s.letterType as LetterType,
      pattern: s.pattern,
      classificationCode: s.classificationCode,
      unitCode: s.unitCode,
      counterDigits: s.counterDigits,
      nextNumber: formatLetterNumber(s.pattern, {
        code: s.classificationCode,
        unitCode: s.unitCode,
        sequence: next,
        date,
        digits: s.counterDigits,
      }),
      updatedAt: s.updatedAt.toISOString(),
    };
  }

  /** GET /api/documents/letter-number-schemes: the schemes in the caller's scope, each with its next number (BKD). */
  async function listSchemes(actor: Actor): Promise<{ items: LetterNumberScheme[] }> {
    const scope = requireConfigurer(actor);
    const rows = (await repo.schemes()).filter((s) => inScope(scope, s.unitPath));
    const items: LetterNumberScheme[] = [];
    for (const s of rows) items.push(await presentScheme(s, s.unitTimeZone));
    return { items };
  }

  /**
   * PUT /api/documents/letter-number-schemes: set a unit's scheme for a letter type (BKD in scope), audited. The
   * pattern must hold the counter {nomor} and the year {tahun}; a pattern without them is refused with the reason
   * (400) and nothing is stored. The counter of the year goes on where it was.
   * @throws VALIDATION (400) for a pattern that cannot number letters uniquely
   */
  async function setScheme(actor: Actor, input: LetterNumberSchemeInput): Promise<LetterNumberScheme> {
    const unit = (await targetUnit(actor, input.unitId))!;
    const parsed = parseLetterNumberPattern(input.pattern);
    if (!parsed.ok)
      throw new AppError('VALIDATION', parsed.problem.message, [
        { path: 'pattern', message: parsed.problem.message, code: parsed.problem.code },
      ]);
    const values = {
      unitId: unit.id,
      letterType: input.letterType,
      // Stored normalised: `{ Nomor }` → `{nomor}`.
      pattern: parsed.parts.map((p) => ('text' in p ? p.text : `{${p.field}}`)).join(''),
      classificationCode: input.classificationCode ?? '',
      unitCode: input.unitCode || unit.code,
      counterDigits: input.counterDigits ?? 0,
    };
    const row = await db.transaction().execute(async (trx) => {
      const before = await repo.schemeOf(unit.id, input.letterType, trx);
      const saved = await repo.upsertScheme(trx, values, actor.userId, clock.now());
      await audit.record(trx, ctxOf(actor), {
        action: 'document.number_scheme_set',
        entityType: 'letter_number_scheme',
        entityId: saved.id,
        unitId: unit.id,
        before: before
          ? {
              pattern: before.pattern,
              classificationCode: before.classificationCode,
              unitCode: before.unitCode,
              counterDigits: before.counterDigits,
            }
          : null,
        after: values,
      });
      return saved;
    });
    return presentScheme({ ...row, unitName: unit.name }, unit.timeZone);
  }

  /**
   * The number of a letter the caller is issuing, from the scheme of the unit (or its nearest ancestor with one) for
   * the letter type, in the year of `date`; null when no scheme is configured (the caller keeps its own numbering).
   * Must run inside the transaction that issues the letter: the counter row stays locked until it commits (a
   * concurrent issuer waits: no duplicate) and a rollback gives the number back (no gap). Source: issue 14 point 4.
   *
   * @param trx the issuing transaction
   * @param letter the issuing unit, the letter type and the letter's date in the unit's zone
   */
  async function issueNumber(
    trx: Transaction<Database>,
    letter: { unitId: string; letterType: LetterType; date: string },
  ): Promise<string | null> {
    const unit = await repo.unit(letter.unitId, trx);
    if (!unit) return null;
    const scheme = await repo.schemeFor(unit.path, letter.letterType, trx);
    if (!scheme) return null;
    const sequence = await repo.takeNumber(trx, scheme.id, Number(letter.date.slice(0, 4)));
    return formatLetterNumber(scheme.pattern, {
      code: scheme.classificationCode,
      unitCode: scheme.unitCode,
      sequence,
      date: letter.date,
      digits: scheme.counterDigits,
    });
  }

  /**
   * GET /api/documents/letterheads/logo: the stored logo of the region's (unitId null) or a unit's letterhead, for
   * BKD's page (the same readers as the letterheads: configurers in scope). Reading stores nothing.
   * @throws NOT_FOUND when that letterhead has no logo
   */
  async function letterheadLogo(actor: Actor, unitId: string | null) {
    await targetUnit(actor, unitId);
    const row = await repo.logoOf(unitId);
    if (!row?.logo || !row.logoType) throw notFound('Logo kop surat');
    return { bytes: row.logo, type: row.logoType, sha256: row.logoSha256 };
  }

  return {
    listLetterheads,
    setLetterhead,
    setLetterheadLogo,
    letterheadLogo,
    letterheadFor,
    listSchemes,
    setScheme,
    issueNumber,
  };
}
export type DocumentService = ReturnType<typeof createDocumentService>;
