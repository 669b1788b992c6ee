import { AppError, fieldError } from '../../errors.ts';
import type { Exec } from '../../relations/relations-service.ts';
import type { RelationSlot } from '../../relations/relations-types.ts';
import type { LocalDate } from '../../../core/common/local-date.ts';
import type { LegalBasis } from '../../../core/common/legal-basis.ts';
import { tierOf } from '../../../core/org/relations.ts';
import { formatFullName } from '../../../core/people/names.ts';
import type { DisciplineLevel } from '../../../core/discipline/discipline-rules.ts';
import {
  describeAuthority,
  resolveAuthority,
  type AuthorityResult,
} from '../../../core/discipline/authority.ts';
import type { CaseRow, DisciplineContext } from './discipline-context.ts';

/** The competent official (pejabat yang berwenang menghukum, PyB) of a case for a sanction. */
export interface CompetentOfficial {
  /** `chain`: a structural official above the examinee; `designatedJf`: a JF designated by the PPK; `ppk`: the PPK. */
  kind: 'chain' | 'designatedJf' | 'ppk';
  /** Who may decide as the PyB: the holder and whoever acts (Plt/Plh) in the post; never the examinee; empty for the PPK. */
  deciderIds: string[];
  /** Who fills the post (or the designated JF); null for the PPK or a post nobody fills. */
  name: string | null;
  positionName: string | null;
  positionId: string | null;
  /** The definitive holder (or superior of record) of the post; a decider who is not them acts as Plt/Plh. */
  holderId: string | null;
  /** False when the authority moved up past a vacant post. */
  exact: boolean;
  /** Why this official is competent (Indonesian, from the core's `describeAuthority`). */
  explanation: string;
  legalBasis: LegalBasis;
  /** The authority matrix row applied. */
  rowId: string;
  /** The designation applied (kind `designatedJf`). */
  designationId: string | null;
  /** The date the chain was read on (today in the unit's zone). */
  date: LocalDate;
}

/** What the PyB resolver hands back for a designation that can serve an examinee. */
interface UsableDesignation {
  id: string;
  employeeId: string;
  name: string;
  positionName: string | null;
}

/**
 * The PyB resolver: applies the case's authority matrix (its rules snapshot) to the examinee's chain above on
 * today's date, with the vacant-post move up and the PPK's designation of a JF as PyB.
 * Source: PP 94/2021 Pasal 18–25 (pejabat yang berwenang menghukum); regulations.md §1.5 ("if the competent post is
 * vacant, authority moves to the next higher official"; JF Ahli Madya/Muda designated by the PPK).
 */
export function createPybResolver(ctx: DisciplineContext) {
  const { db, relations } = ctx;

  /** The chain above the examinee on `date` (empty when they are out of service that day: the PPK decides). */
  async function chainOf(employeeId: string, date: LocalDate, exec: Exec): Promise<RelationSlot[]> {
    try {
      return await relations.chainOn(employeeId, date, exec);
    } catch (err) {
      if (err instanceof AppError) return [];
      throw err;
    }
  }

  /** The examinee's superior of record and unit path on `date` (the case's unit when out of service). */
  async function placementOf(c: CaseRow, date: LocalDate, exec: Exec) {
    try {
      const p = await relations.placementOn(c.employeeId, date, exec);
      return { unitPath: p.unitPath, superiorOfRecordId: p.superiorOfRecordId };
    } catch (err) {
      if (err instanceof AppError) return { unitPath: c.unitPath, superiorOfRecordId: null };
      throw err;
    }
  }

  /**
   * A valid PPK designation of a JF as PyB over the examinee's unit (or a unit above it) covering the level, whose
   * designee sits in the examinee's chain or is their superior of record on the date; never the examinee.
   * Source: regulations.md §1.5 (JF Ahli Madya/Muda designated by the PPK).
   */
  async function designationFor(
    c: CaseRow,
    level: DisciplineLevel,
    date: LocalDate,
    chain: readonly RelationSlot[],
    exec: Exec,
  ): Promise<UsableDesignation | null> {
    const placement = await placementOf(c, date, exec);
    const rows = await exec
      .selectFrom('disciplinePybDesignations as d')
      .innerJoin('units as u', 'u.id', 'd.unitId')
      .innerJoin('employees as e', 'e.id', 'd.employeeId')
      .leftJoin('positions as p', 'p.id', 'e.positionId')
      .select([
        'd.id',
        'd.employeeId',
        'd.levels',
        'u.path as unitPath',
        'e.name',
        'e.frontTitle',
        'e.backTitle',
        'p.name as positionName',
      ])
      .where('d.validFrom', '<=', date)
      .where((eb) => eb.or([eb('d.validTo', 'is', null), eb('d.validTo', '>=', date)]))
      .orderBy('d.validFrom', 'desc')
      .execute();
    const inChain = new Set<string>();
    for (const s of chain) {
      if (s.definitiveId) inChain.add(s.definitiveId);
      if (s.official) inChain.add(s.official.employeeId);
    }
    if (placement.superiorOfRecordId) inChain.add(placement.superiorOfRecordId);
    const usable = rows
      .filter(
        (r) =>
          placement.unitPath.startsWith(r.unitPath) &&
          (r.levels as unknown as string[]).includes(level) &&
          r.employeeId !== c.employeeId &&
          inChain.has(r.employeeId),
      )
      // The nearest unit first (the longest path).
      .sort((a, b) => b.unitPath.length - a.unitPath.length)[0];
    return usable
      ? {
          id: usable.id,
          employeeId: usable.employeeId,
          name: formatFullName({
            name: usable.name,
            frontTitle: usable.frontTitle ?? undefined,
            backTitle: usable.backTitle ?? undefined,
          }),
          positionName: usable.positionName,
        }
      : null;
  }

  /** Who may decide as the post of a chain slot: its holder (or superior of record) and whoever acts in it. */
  async function decidersOf(slot: RelationSlot, date: LocalDate, except: string, exec: Exec) {
    const ids =
      slot.basis === 'superior' && slot.definitiveId
        ? await relations.superiorDecidersOn(slot.definitiveId, date, exec)
        : slot.positionId
          ? await relations.postDecidersOn(slot.positionId, date, exec)
          : [];
    return ids.filter((id) => id !== except);
  }

  /** "Nama (Jabatan)" of a chain slot for the explanation. */
  function slotName(slot: RelationSlot | undefined): string {
    if (!slot) return 'pejabat atasan';
    const who = slot.official
      ? `${slot.official.acting ? `${slot.official.acting === 'PLT' ? 'Plt.' : 'Plh.'} ` : ''}${slot.official.name}`
      : null;
    const post = slot.positionName ?? slot.unitName ?? 'jabatan atasan';
    return who ? `${post} (${who})` : post;
  }

  /**
   * The competent official of the case for a sanction of `level` (`sanctionCode`) today: the examinee's chain on
   * today's date in the unit's zone, the case's rules snapshot (`procedure.authority`), a designated JF when one is
   * valid, the core's `resolveAuthority`. Deciders are the holder and the Plt/Plh of the post, never the examinee;
   * for the PPK nobody in Abdi decides in person (BKD records the PPK's decision with discipline.manage).
   * Source: PP 94/2021 Pasal 18–25; regulations.md §1.5.
   * @throws VALIDATION when no row of the matrix covers the examinee and the sanction (a rulebook gap)
   */
  async function competentOfficial(
    c: CaseRow,
    level: DisciplineLevel,
    sanctionCode: string,
    exec: Exec = db,
  ): Promise<CompetentOfficial> {
    const date = await ctx.todayOfUnit(c.unitId, exec);
    const chain = await chainOf(c.employeeId, date, exec);
    const rows = ctx.rulesOf(c).procedure.authority;
    const designation = await designationFor(c, level, date, chain, exec);
    const result: AuthorityResult | null = resolveAuthority(rows, {
      examineeKind: c.positionKind,
      examineeTier: tierOf(c.positionKind),
      level,
      sanctionCode,
      chain: chain.map((s) => ({ tier: s.tier, hasOfficial: s.official !== null })),
      designatedJfAvailable: designation !== null,
    });
    if (!result)
      throw new AppError(
        'VALIDATION',
        `Matriks kewenangan aturan kasus ini tidak menyebut pejabat yang berwenang menjatuhkan hukuman ${sanctionCode} (${level}) kepada pegawai ini`,
        [
          fieldError(
            'sanctionCode',
            'Tidak ada pejabat yang berwenang menurut matriks kewenangan (regulations.md §1.5)',
          ),
        ],
      );
    const explanation = describeAuthority(result, (i: number) => slotName(chain[i]));
    const base = { legalBasis: result.row.legalBasis, rowId: result.row.id, date, explanation };
    if (result.kind === 'chain') {
      const slot = chain[result.index]!;
      return {
        ...base,
        kind: 'chain',
        deciderIds: await decidersOf(slot, date, c.employeeId, exec),
        name: slot.official?.name ?? null,
        positionName: slot.positionName,
        positionId: slot.positionId,
        holderId: slot.definitiveId,
        exact: result.exact,
        designationId: null,
      };
    }
    if (result.kind === 'designatedJf' && designation) {
      return {
        ...base,
        kind: 'designatedJf',
        deciderIds: [designation.employeeId],
        name: designation.name,
        positionName: designation.positionName,
        positionId: null,
        holderId: designation.employeeId,
        exact: true,
        designationId: designation.id,
      };
    }
    return {
      ...base,
      kind: 'ppk',
      deciderIds: [],
      name: null,
      positionName: 'Pejabat Pembina Kepegawaian (PPK)',
      positionId: null,
      holderId: null,
      exact: true,
      designationId: null,
    };
  }

  return { competentOfficial };
}
export type PybResolver = ReturnType<typeof createPybResolver>;
