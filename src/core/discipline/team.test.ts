import { describe, expect, it } from 'vitest';
import type { DisciplineLevel } from './discipline-rules.ts';
import type { ExaminationRules } from './procedure-rules.ts';
import type { TeamMemberInput } from './team.ts';
import { examinerFor, validateTeam } from './team.ts';
import { nationalRules } from './test-helpers.ts';

const rules = nationalRules.procedure.examination;

/* The examinee: an Administrator (tier 2), kelas jabatan 9. */
const examinee = { tier: 2, kelasJabatan: 9 };
const member = (
  employeeId: string,
  role: TeamMemberInput['role'],
  tier: number,
  kelasJabatan: number | null,
): TeamMemberInput => ({ employeeId, role, tier, kelasJabatan });
const valid: TeamMemberInput[] = [
  member('atasan', 'ATASAN', 3, 12),
  member('inspektur', 'INSPEKTORAT', 2, 9),
  member('bkd', 'BKD', 2, 10),
];

describe('validateTeam — PerBKN 6/2022 Pasal 29; regulations.md §1.6', () => {
  it('a team of the atasan, the Inspektorat and BKD, none lower than the examinee, is valid', () => {
    expect(validateTeam(valid, examinee, rules)).toEqual([]);
  });

  it('another designated official may sit as well', () => {
    expect(validateTeam([...valid, member('lain', 'LAINNYA', 3, 11)], examinee, rules)).toEqual([]);
  });

  it.each<[string, TeamMemberInput[], { path: string; message: RegExp }[]]>([
    [
      'without the Inspektorat',
      [valid[0]!, valid[2]!],
      [{ path: 'members', message: /^Tim pemeriksa harus memuat unsur pengawasan \(Inspektorat\)/ }],
    ],
    [
      'without BKD',
      [valid[0]!, valid[1]!],
      [
        {
          path: 'members',
          message: /harus memuat unsur kepegawaian \(BKD\/BKPSDM\) \(Peraturan BKN 6\/2022 Pasal 29\)/,
        },
      ],
    ],
    [
      'without the atasan',
      [valid[1]!, valid[2]!],
      [{ path: 'members', message: /harus memuat atasan langsung/ }],
    ],
    [
      'empty: every role missing',
      [],
      [
        { path: 'members', message: /atasan langsung/ },
        { path: 'members', message: /Inspektorat/ },
        { path: 'members', message: /BKD/ },
      ],
    ],
    [
      'two atasan',
      [...valid, member('atasan2', 'ATASAN', 3, 12)],
      [{ path: 'members[3].role', message: /^Tim pemeriksa hanya memuat satu atasan langsung$/ }],
    ],
    [
      'the same employee twice',
      [...valid, member('bkd', 'LAINNYA', 2, 10)],
      [{ path: 'members[3].employeeId', message: /^Pegawai yang sama tercantum lebih dari sekali/ }],
    ],
    [
      'a member of lower kelas jabatan',
      [valid[0]!, member('inspektur', 'INSPEKTORAT', 2, 8), valid[2]!],
      [
        {
          path: 'members[1].employeeId',
          message:
            /^Anggota tim pemeriksa tidak boleh berjabatan lebih rendah dari pegawai yang diperiksa \(kelas jabatan 8, pegawai yang diperiksa kelas jabatan 9;/,
        },
      ],
    ],
    [
      'kelas decides over tier when both are known (higher kelas, lower tier: valid)',
      [valid[0]!, member('inspektur', 'INSPEKTORAT', 0, 10), valid[2]!],
      [],
    ],
    [
      'kelas decides over tier when both are known (equal tier, lower kelas: refused)',
      [valid[0]!, valid[1]!, member('bkd', 'BKD', 2, 8)],
      [{ path: 'members[2].employeeId', message: /kelas jabatan 8/ }],
    ],
    [
      'without a kelas the tier decides: lower tier refused',
      [valid[0]!, member('inspektur', 'INSPEKTORAT', 1, null), valid[2]!],
      [{ path: 'members[1].employeeId', message: /tingkat jabatan 1, pegawai yang diperiksa tingkat 2/ }],
    ],
    [
      'without a kelas the tier decides: same tier accepted',
      [valid[0]!, member('inspektur', 'INSPEKTORAT', 2, null), valid[2]!],
      [],
    ],
  ])('%s', (_name, members, expected) => {
    const issues = validateTeam(members, examinee, rules);
    expect(issues).toHaveLength(expected.length);
    expected.forEach((e, i) => {
      expect(issues[i]!.path).toBe(e.path);
      expect(issues[i]!.message).toMatch(e.message);
    });
  });

  it('an examinee without a kelas is compared by tier', () => {
    const issues = validateTeam(
      [valid[0]!, member('inspektur', 'INSPEKTORAT', 1, 12), valid[2]!],
      { tier: 2, kelasJabatan: null },
      rules,
    );
    expect(issues.map((i) => i.path)).toEqual(['members[1].employeeId']);
  });

  it('without noLowerRank the rank is not checked; the roles come from the rulebook', () => {
    const relaxed: ExaminationRules = { ...rules, noLowerRank: false, teamRoles: ['ATASAN', 'BKD'] };
    expect(validateTeam([member('a', 'ATASAN', 0, 5), member('b', 'BKD', 0, 5)], examinee, relaxed)).toEqual(
      [],
    );
  });
});

describe('examinerFor — regulations.md §1.6 (ringan: atasan; sedang: either; berat: team)', () => {
  it.each<[DisciplineLevel, 'ATASAN' | 'TIM' | null, 'ATASAN' | 'TIM' | RegExp]>([
    ['ringan', null, 'ATASAN'],
    ['ringan', 'ATASAN', 'ATASAN'],
    [
      'ringan',
      'TIM',
      /^Dugaan pelanggaran tingkat ringan diperiksa oleh atasan langsung; tim pemeriksa tidak dibentuk/,
    ],
    ['sedang', null, 'ATASAN'],
    ['sedang', 'ATASAN', 'ATASAN'],
    ['sedang', 'TIM', 'TIM'],
    ['berat', null, 'TIM'],
    ['berat', 'TIM', 'TIM'],
    ['berat', 'ATASAN', /^Dugaan pelanggaran tingkat berat wajib diperiksa oleh tim pemeriksa/],
  ])('%s, chosen %s', (level, chosen, expected) => {
    const r = examinerFor(level, rules, chosen);
    if (typeof expected === 'string') {
      expect(r).toEqual({ ok: true, examiner: expected });
    } else {
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.message).toMatch(expected);
    }
  });

  it.each<['atasan' | 'tim', 'ATASAN' | 'TIM' | null, boolean, 'ATASAN' | 'TIM' | null]>([
    ['atasan', null, true, 'ATASAN'],
    ['atasan', 'TIM', false, null],
    ['tim', null, true, 'TIM'],
    ['tim', 'ATASAN', false, null],
    ['tim', 'TIM', true, 'TIM'],
  ])('a region setting sedang to %s, chosen %s', (mode, chosen, ok, examiner) => {
    const r = examinerFor('sedang', { ...rules, examiner: { ...rules.examiner, sedang: mode } }, chosen);
    expect(r.ok).toBe(ok);
    if (r.ok) expect(r.examiner).toBe(examiner);
    else expect(r.message).toMatch(/tingkat sedang/);
  });
});
