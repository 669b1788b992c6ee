import { describe, expect, it } from 'vitest';
import type { DisciplineRules } from './discipline-rules.ts';
import { disciplineRulesSchema, validateDisciplineRules } from './discipline-rules.ts';
import { procedureRulesSchema, validateProcedureRules } from './procedure-rules.ts';
import { nationalRules, regional4060Rules } from './test-helpers.ts';

/** A deep copy of the national section with `edit` applied to it. */
function edited(edit: (r: DisciplineRules) => void): DisciplineRules {
  const r = structuredClone(nationalRules);
  edit(r);
  return r;
}

describe('validateProcedureRules — the rulebooks as shipped', () => {
  it.each([
    ['national', nationalRules],
    ['regional-40-60', regional4060Rules],
  ])('%s has no issue', (_name, rules) => {
    expect(validateProcedureRules(rules)).toEqual([]);
    expect(validateDisciplineRules(rules)).toEqual([]);
  });
});

describe('validateProcedureRules — bad data (regulations.md §1.2, §1.5, §1.6, §2, §10)', () => {
  it.each<[string, (r: DisciplineRules) => void, { path: string; message: RegExp }[]]>([
    [
      'a track sanction missing from the catalogue',
      (r) => {
        r.procedure.tracks[0]!.sanctions.push('S9');
      },
      [
        {
          path: 'discipline.procedure.tracks[0].sanctions[12]',
          message: /^Jenis hukuman S9 tidak ada di katalog$/,
        },
      ],
    ],
    [
      'an employee type in two tracks',
      (r) => {
        r.procedure.tracks[1]!.employeeTypes.push('CPNS');
      },
      [
        {
          path: 'discipline.procedure.tracks[1].employeeTypes[2]',
          message: /^Jenis pegawai CPNS sudah diatur pada jalur ke-1$/,
        },
      ],
    ],
    [
      'a duplicate violation code',
      (r) => {
        r.procedure.violations.push({ ...r.procedure.violations[0]! });
      },
      [
        {
          path: 'discipline.procedure.violations[7].code',
          message: /^Kode pelanggaran PASAL_4_F tercantum lebih dari sekali$/,
        },
      ],
    ],
    [
      'an authority row sanction missing from the catalogue',
      (r) => {
        r.procedure.authority[0]!.sanctions = ['R1', 'X1'];
      },
      [
        {
          path: 'discipline.procedure.authority[0].sanctions[1]',
          message: /^Jenis hukuman X1 tidak ada di katalog$/,
        },
      ],
    ],
    [
      'an authority row sanction of another level',
      (r) => {
        r.procedure.authority[0]!.sanctions = ['R1', 'B1'];
      },
      [
        {
          path: 'discipline.procedure.authority[0].sanctions[1]',
          message: /^Jenis hukuman B1 bertingkat berat, bukan tingkat baris ini \(ringan\)$/,
        },
      ],
    ],
    [
      'an authority row sanction at one of the row levels is fine',
      (r) => {
        r.procedure.authority[3]!.sanctions = ['S1', 'B1', 'B3'];
      },
      [],
    ],
    [
      'a duplicate authority row id',
      (r) => {
        r.procedure.authority[1]!.id = r.procedure.authority[0]!.id;
      },
      [
        {
          path: 'discipline.procedure.authority[1].id',
          message: /SATU_TINGKAT_RINGAN tercantum lebih dari sekali/,
        },
      ],
    ],
    [
      'no examination team roles',
      (r) => {
        r.procedure.examination.teamRoles = [];
      },
      [{ path: 'discipline.procedure.examination.teamRoles', message: /^Unsur tim pemeriksa harus diisi/ }],
    ],
    [
      'a team role listed twice',
      (r) => {
        r.procedure.examination.teamRoles.push('BKD');
      },
      [
        {
          path: 'discipline.procedure.examination.teamRoles[3]',
          message: /Unsur BKD tercantum lebih dari sekali/,
        },
      ],
    ],
  ])('%s', (_name, edit, expected) => {
    const rules = edited(edit);
    const issues = validateProcedureRules(rules);
    expect(issues).toHaveLength(expected.length);
    expected.forEach((e, i) => {
      expect(issues[i]!.path).toBe(e.path);
      expect(issues[i]!.message).toMatch(e.message);
    });
    // validateDisciplineRules reports the same issues
    expect(validateDisciplineRules(rules).filter((i) => i.path.startsWith('discipline.procedure.'))).toEqual(
      issues,
    );
  });

  it('uses the path prefix given', () => {
    const issues = validateProcedureRules(
      edited((r) => {
        r.procedure.tracks[0]!.sanctions.push('S9');
      }),
      'rulebook.discipline',
    );
    expect(issues[0]!.path).toBe('rulebook.discipline.procedure.tracks[0].sanctions[12]');
  });

  it('the schema itself refuses an empty team-role list (the validation is a second guard)', () => {
    const bad = structuredClone(nationalRules.procedure) as { examination: { teamRoles: string[] } };
    bad.examination.teamRoles = [];
    expect(procedureRulesSchema.safeParse(bad).success).toBe(false);
    expect(disciplineRulesSchema.safeParse(nationalRules).success).toBe(true);
  });
});
