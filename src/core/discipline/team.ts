/**
 * Who examines a case: the direct superior or an examination team (tim pemeriksa), and whether a proposed team is
 * composed as the rulebook requires (atasan langsung, unsur pengawasan, unsur kepegawaian; none of lower rank than
 * the examinee).
 * Source: PP 94/2021 Pasal 26–27; Peraturan BKN 6/2022 Pasal 29; regulations.md §1.6.
 */
import type { DisciplineLevel } from './discipline-rules.ts';
import type { ExaminationRules } from './procedure-rules.ts';

/** Roles in an examination team (discipline_team_members.role). */
export type TeamRole = 'ATASAN' | 'INSPEKTORAT' | 'BKD' | 'LAINNYA';

/** A proposed team member with what the rank rule compares. */
export interface TeamMemberInput {
  employeeId: string;
  role: TeamRole;
  /** Structural tier of the member's position (`tierOf`; pelaksana and JF are 0). */
  tier: number;
  kelasJabatan: number | null;
}

/** Indonesian names of the team roles. */
export const TEAM_ROLE_LABELS: Readonly<Record<TeamRole, string>> = {
  ATASAN: 'atasan langsung',
  INSPEKTORAT: 'unsur pengawasan (Inspektorat)',
  BKD: 'unsur kepegawaian (BKD/BKPSDM)',
  LAINNYA: 'pejabat lain yang ditunjuk',
};

/**
 * Whether a member is of lower rank than the examinee: by kelas jabatan when both are known, else by structural
 * tier. Source: regulations.md §1.6 ("team members may not hold a position lower than the examined PNS").
 */
function isLowerRank(
  member: { tier: number; kelasJabatan: number | null },
  examinee: { tier: number; kelasJabatan: number | null },
): { lower: boolean; detail: string } {
  if (member.kelasJabatan !== null && examinee.kelasJabatan !== null) {
    return {
      lower: member.kelasJabatan < examinee.kelasJabatan,
      detail: `kelas jabatan ${member.kelasJabatan}, pegawai yang diperiksa kelas jabatan ${examinee.kelasJabatan}`,
    };
  }
  return {
    lower: member.tier < examinee.tier,
    detail: `tingkat jabatan ${member.tier}, pegawai yang diperiksa tingkat ${examinee.tier}`,
  };
}

/**
 * The problems of a proposed examination team, with paths `members`, `members[i].role`, `members[i].employeeId`
 * and Indonesian messages: every role of `rules.teamRoles` present, at most one atasan langsung, nobody listed
 * twice, and (with `rules.noLowerRank`) no member of lower rank than the examinee (kelas jabatan when both are
 * known, else the structural tier). Empty when the team is valid.
 * Source: Peraturan BKN 6/2022 Pasal 29; regulations.md §1.6 (composition, rank rule).
 */
export function validateTeam(
  members: readonly TeamMemberInput[],
  examinee: { tier: number; kelasJabatan: number | null },
  rules: ExaminationRules,
): { path: string; message: string }[] {
  const issues: { path: string; message: string }[] = [];
  for (const role of rules.teamRoles) {
    if (!members.some((m) => m.role === role)) {
      issues.push({
        path: 'members',
        message: `Tim pemeriksa harus memuat ${TEAM_ROLE_LABELS[role]} (${basisText(rules)})`,
      });
    }
  }
  const seen = new Set<string>();
  let atasan = 0;
  members.forEach((m, i) => {
    if (m.role === 'ATASAN') {
      atasan++;
      if (atasan > 1) {
        issues.push({
          path: `members[${i}].role`,
          message: 'Tim pemeriksa hanya memuat satu atasan langsung',
        });
      }
    }
    if (seen.has(m.employeeId)) {
      issues.push({
        path: `members[${i}].employeeId`,
        message: 'Pegawai yang sama tercantum lebih dari sekali dalam tim pemeriksa',
      });
    }
    seen.add(m.employeeId);
    if (rules.noLowerRank) {
      const r = isLowerRank(m, examinee);
      if (r.lower) {
        issues.push({
          path: `members[${i}].employeeId`,
          message:
            `Anggota tim pemeriksa tidak boleh berjabatan lebih rendah dari pegawai yang diperiksa ` +
            `(${r.detail}; ${basisText(rules)})`,
        });
      }
    }
  });
  return issues;
}

function basisText(rules: ExaminationRules): string {
  const b = rules.legalBasis;
  return b.article === undefined ? b.regulation : `${b.regulation} ${b.article}`;
}

const LEVEL_TEXT: Readonly<Record<DisciplineLevel, string>> = {
  ringan: 'ringan',
  sedang: 'sedang',
  berat: 'berat',
};

/**
 * Who examines a case of the expected level: ringan → the direct superior only (a team is refused), berat → a team
 * only, sedang as the rulebook says (`atasan`, `tim`, or `pilihan`: the examiner chosen, the direct superior when
 * none is chosen). A refused choice comes with an Indonesian reason.
 * Source: PP 94/2021 Pasal 26–27; regulations.md §1.6 (ringan: atasan; sedang: atasan or team; berat: team).
 */
export function examinerFor(
  level: DisciplineLevel,
  rules: ExaminationRules,
  chosen: 'ATASAN' | 'TIM' | null,
): { ok: true; examiner: 'ATASAN' | 'TIM' } | { ok: false; message: string } {
  const mode: 'atasan' | 'tim' | 'pilihan' = rules.examiner[level];
  const basis = basisText(rules);
  if (mode === 'atasan') {
    if (chosen === 'TIM') {
      return {
        ok: false,
        message: `Dugaan pelanggaran tingkat ${LEVEL_TEXT[level]} diperiksa oleh atasan langsung; tim pemeriksa tidak dibentuk (${basis})`,
      };
    }
    return { ok: true, examiner: 'ATASAN' };
  }
  if (mode === 'tim') {
    if (chosen === 'ATASAN') {
      return {
        ok: false,
        message: `Dugaan pelanggaran tingkat ${LEVEL_TEXT[level]} wajib diperiksa oleh tim pemeriksa, tidak oleh atasan langsung saja (${basis})`,
      };
    }
    return { ok: true, examiner: 'TIM' };
  }
  return { ok: true, examiner: chosen ?? 'ATASAN' };
}
