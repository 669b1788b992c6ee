/**
 * The discipline section of a rulebook: the lateness → day conversion, which day codes count as TK, the sanction
 * catalogue, the unexcused-absence ladders per employee type (PNS/CPNS, PPPK, …), the consecutive-TK rule and the
 * process deadlines. Every value carries its legal basis; nothing region-varying is a constant in code.
 * Source: PP 94/2021 Pasal 8–11, 15, 26, 37–38; Peraturan BKN 6/2022; PP 49/2018 Pasal 52–53; PP 79/2021;
 * regulations.md §1.2–1.4, §1.7–1.9, §1.11, §2.1, §10 (Discipline).
 */
import { z } from 'zod';
import { effectivePeriodSchema, legalBasisSchema } from '../common/legal-basis.ts';
import type { RuleIssue } from '../common/rule-issue.ts';
import { DAY_CODES } from '../attendance/status-codes.ts';
import { procedureRulesSchema, validateProcedureRules } from './procedure-rules.ts';

/** Sanction levels in increasing severity. Source: PP 94/2021 Pasal 8 ayat (1). */
export const DISCIPLINE_LEVELS = ['ringan', 'sedang', 'berat'] as const;
export type DisciplineLevel = (typeof DISCIPLINE_LEVELS)[number];

/** Rank of a level: ringan 1 < sedang 2 < berat 3. Source: PP 94/2021 Pasal 8 ayat (1); regulations.md §1.2. */
export function levelRank(level: DisciplineLevel): number {
  return DISCIPLINE_LEVELS.indexOf(level) + 1;
}

import { EMPLOYEE_TYPES, type EmployeeType } from '../people/employee-types.ts';

/** Employee types a ladder can apply to (the one list in src/core/people/employee-types.ts). */
export const DISCIPLINE_EMPLOYEE_TYPES = EMPLOYEE_TYPES;
export type DisciplineEmployeeType = EmployeeType;

const codeSchema = z.string().regex(/^[A-Z0-9_]+$/, 'Kode hanya boleh huruf besar, angka dan garis bawah');

/** A legal basis whose article is mandatory (ladder steps and the consecutive rule cite an article). */
const articleBasisSchema = legalBasisSchema.extend({ article: z.string().min(1, 'Pasal wajib diisi') });

/**
 * One sanction type (jenis hukuman disiplin). `rank` orders severity across the whole catalogue; a type that is not
 * yet `active` (the 25 % tukin cut, PP 94/2021 Pasal 42) is applied as its `interimSubstitute`.
 */
export const sanctionTypeSchema = z.object({
  code: codeSchema,
  name: z.string().min(1),
  level: z.enum(DISCIPLINE_LEVELS),
  /** Severity order, unique within the catalogue: a higher rank is a heavier sanction. */
  rank: z.number().int(),
  /** Months the sanction runs; null for one-off (reprimands) or final (dismissal / termination) sanctions. */
  durationMonths: z.number().int().nullable(),
  /** False while the sanction cannot yet be applied in its own form (regulations.md §1.2 transitional rule). */
  active: z.boolean(),
  /** Code of the sanction applied instead while this one is not active. */
  interimSubstitute: codeSchema.nullable(),
  legalBasis: legalBasisSchema,
});
export type SanctionType = z.infer<typeof sanctionTypeSchema>;

/** One step of the cumulative ladder: `fromDays`..`toDays` (inclusive; null = and above) → level + sanction. */
export const ladderStepSchema = z.object({
  fromDays: z.number().int(),
  toDays: z.number().int().nullable(),
  level: z.enum(DISCIPLINE_LEVELS),
  /** Sanction type code from `sanctionTypes`. */
  sanction: codeSchema,
  legalBasis: articleBasisSchema,
});
export type LadderStep = z.infer<typeof ladderStepSchema>;

/**
 * The consecutive-TK rule: `days` TK working days in a row (non-working days between them do not break the run)
 * → a sanction and, for PNS, the salary stop from the following month (PP 94/2021 Pasal 15 ayat (2)).
 */
export const consecutiveRuleSchema = z.object({
  days: z.number().int(),
  level: z.enum(DISCIPLINE_LEVELS),
  sanction: codeSchema,
  /** Whether reaching the run stops the salary from the following month without waiting for the SK. */
  salaryStop: z.boolean(),
  legalBasis: articleBasisSchema,
});
export type ConsecutiveRule = z.infer<typeof consecutiveRuleSchema>;

/** A ladder for one or more employee types (PNS also covers CPNS; PPPK has its own). */
export const ladderSchema = z.object({
  id: codeSchema,
  name: z.string().min(1),
  employeeTypes: z
    .array(z.enum(DISCIPLINE_EMPLOYEE_TYPES))
    .min(1, 'Tangga harus berlaku untuk minimal satu jenis pegawai'),
  steps: z.array(ladderStepSchema).min(1, 'Tangga harus memiliki minimal satu tingkat'),
  consecutive: consecutiveRuleSchema.nullable(),
  legalBasis: legalBasisSchema,
});
export type DisciplineLadder = z.infer<typeof ladderSchema>;

/** Working days (hari kerja, HK) or calendar days. */
export const DEADLINE_UNITS = ['workingDays', 'calendarDays'] as const;
export type DeadlineUnit = (typeof DEADLINE_UNITS)[number];

/** A period of `count` days in `unit`, counted from the day after the starting event. */
export const deadlineSchema = z.object({
  count: z.number().int(),
  unit: z.enum(DEADLINE_UNITS),
  legalBasis: legalBasisSchema,
});
export type DeadlineRule = z.infer<typeof deadlineSchema>;

/**
 * How the first summons period binds the examination date:
 * - `minimumNotice`: the letter is sent at the latest `count` HK before the examination
 *   (examination on or after letter + count HK; PP 94/2021 Pasal 26 ayat (2) "paling lambat 7 hari kerja sebelum
 *   tanggal pemeriksaan", consistent with the PerBKN 6/2022 annex example 5 → 17 Oct 2022);
 * - `maximumInterval`: the examination is at most `count` HK after the letter (the reading in regulations.md §1.7).
 */
export const SUMMONS_MODES = ['minimumNotice', 'maximumInterval'] as const;
export type SummonsMode = (typeof SUMMONS_MODES)[number];

/**
 * Where the count toward the effective date starts:
 * - `dayAfterReceipt`: the first working day after the day of receipt is day 1;
 * - `receiptDay`: the day of receipt is day 1 when it is a working day.
 */
export const COUNT_FROM = ['dayAfterReceipt', 'receiptDay'] as const;
export type CountFrom = (typeof COUNT_FROM)[number];

/**
 * How the SK hukuman disiplin reached the employee:
 * - `langsung`: handed over in person at the delivery he was summoned to (PP 94/2021 Pasal 37 ayat (3));
 * - `pos`: sent to his last known address because he did not attend the delivery
 *   (Peraturan BKN 6/2022 Pasal 49 ayat (8)).
 * Source: regulations.md §1.7 (PENYAMPAIAN).
 */
export const DELIVERY_METHODS = ['langsung', 'pos'] as const;
export type DeliveryMethod = (typeof DELIVERY_METHODS)[number];

const countFromSchema = z.enum(COUNT_FROM, {
  error:
    'Cara hitung harus dayAfterReceipt (mulai hari berikutnya) atau receiptDay (hari diterima = hari ke-1)',
});

/**
 * The count-from convention of the effective date per delivery method. Per method because the two PerBKN 6/2022
 * annex examples only reconcile that way (our reading; see `effectiveDate` in deadlines.ts and regulations.md §1.7).
 */
export const countFromByDeliverySchema = z.object(
  {
    langsung: countFromSchema,
    pos: countFromSchema,
  } satisfies Record<DeliveryMethod, typeof countFromSchema>,
  {
    error: 'Cara hitung berlakunya keputusan harus diisi per cara penyampaian: { "langsung": …, "pos": … }',
  },
);
export type CountFromByDelivery = z.infer<typeof countFromByDeliverySchema>;

/** Process deadlines (regulations.md §1.7, §1.9). */
export const disciplineDeadlinesSchema = z.object({
  /** First summons letter ↔ examination date. */
  summons: deadlineSchema.extend({ mode: z.enum(SUMMONS_MODES) }),
  /** Second summons letter at the latest `count` after the examination date the employee missed. */
  secondSummons: deadlineSchema,
  /** Delivery of the SK at the latest `count` after it is signed. */
  delivery: deadlineSchema,
  /** Sending the SK to the last known address at the latest `count` after the missed delivery date. */
  posting: deadlineSchema,
  /**
   * The SK takes effect on day `count` after receipt, counted as `countFrom[delivery]` says for the way the SK
   * reached the employee (in person or sent to his address).
   */
  effective: deadlineSchema.extend({ countFrom: countFromByDeliverySchema }),
  /** Keberatan (objection): filing after receipt of the decision, and the decision on it after filing. */
  objection: z.object({ filing: deadlineSchema, decision: deadlineSchema }),
  /** Banding administratif (appeal to BPASN): filing after receipt, and the PPK response after filing. */
  appeal: z.object({ filing: deadlineSchema, response: deadlineSchema }),
});
export type DisciplineDeadlines = z.infer<typeof disciplineDeadlinesSchema>;

/** The discipline section of a rulebook. */
export const disciplineRulesSchema = effectivePeriodSchema.extend({
  /** Identifier of the regulation set, e.g. `PP94-2021`. Cases snapshot it (regulations.md §1.11). */
  regulationSet: z.string().min(1),
  description: z.string().optional(),
  /** Late + early minutes per day of TK: floor(total / minutes). */
  minutesPerDay: z.object({ minutes: z.number().int(), legalBasis: legalBasisSchema }),
  /**
   * Which day codes are TK (counted, and extend a run) and which are transparent to a run (non-working days:
   * they neither count nor break it). Every other code on a working day breaks the run.
   */
  absence: z.object({
    tkCodes: z.array(z.enum(DAY_CODES)).min(1, 'Minimal satu kode TK'),
    nonWorkingCodes: z.array(z.enum(DAY_CODES)),
    legalBasis: legalBasisSchema,
  }),
  sanctionTypes: z.array(sanctionTypeSchema).min(1, 'Katalog jenis hukuman disiplin kosong'),
  ladders: z.array(ladderSchema),
  deadlines: disciplineDeadlinesSchema,
  /** Authority matrix, examination, violation catalogue, tracks per employee type, salary stop (procedure-rules.ts). */
  procedure: procedureRulesSchema,
});
export type DisciplineRules = z.infer<typeof disciplineRulesSchema>;

/**
 * The ladder that applies to an employee type, or null when the rulebook has none (e.g. non-ASN).
 * Source: regulations.md §0.1 (CPNS follow the PNS rules), §2.1–2.3.
 */
export function findLadder(
  rules: DisciplineRules,
  employeeType: DisciplineEmployeeType,
): DisciplineLadder | null {
  return rules.ladders.find((l) => l.employeeTypes.includes(employeeType)) ?? null;
}

/** The sanction type with `code`, or null. Source: PP 94/2021 Pasal 8; regulations.md §1.2. */
export function findSanction(rules: DisciplineRules, code: string): SanctionType | null {
  return rules.sanctionTypes.find((s) => s.code === code) ?? null;
}

/**
 * Semantic checks of a parsed discipline section, with Indonesian messages for the BKD staff editing it:
 * ladder steps ascending, contiguous and non-overlapping from the first threshold; only the last step open-ended;
 * levels never decreasing (ringan < sedang < berat) and sanction severity strictly increasing along a ladder;
 * sanctions exist and match the step's level; each employee type in at most one ladder; minutes per day > 0;
 * every deadline positive; TK and non-working codes disjoint; interim substitutes exist and are active; the
 * effective-date count-from convention set for every delivery method (langsung, pos); the procedure block
 * (`validateProcedureRules`: authority and track sanctions in the catalogue and at the right level, one track per
 * employee type, unique violation codes, team roles).
 * Source: regulations.md §1.3 (ladder), §1.4 (450 minutes), §1.5–1.6 (authority, team), §1.7 (deadlines), §10.
 *
 * @param rules the parsed section
 * @param path dotted prefix for issue paths
 * @returns the problems found; empty when the section is consistent
 */
export function validateDisciplineRules(rules: DisciplineRules, path = 'discipline'): RuleIssue[] {
  const issues: RuleIssue[] = [];
  const add = (p: string, message: string): void => {
    issues.push({ path: `${path}.${p}`, message });
  };

  const { effectiveFrom, effectiveTo } = rules;
  if (effectiveTo !== null && effectiveTo < effectiveFrom) {
    add('effectiveTo', 'Tanggal akhir berlaku tidak boleh sebelum tanggal mulai berlaku');
  }

  if (rules.minutesPerDay.minutes <= 0) {
    add('minutesPerDay.minutes', 'Jumlah menit per hari harus lebih dari 0');
  }

  const tk = new Set(rules.absence.tkCodes);
  rules.absence.nonWorkingCodes.forEach((c, i) => {
    if (tk.has(c)) add(`absence.nonWorkingCodes[${i}]`, `Kode ${c} tidak boleh sekaligus TK dan hari libur`);
  });

  const byCode = new Map<string, SanctionType>();
  const ranks = new Map<number, string>();
  rules.sanctionTypes.forEach((s, i) => {
    if (byCode.has(s.code))
      add(`sanctionTypes[${i}].code`, `Kode hukuman ${s.code} tercantum lebih dari sekali`);
    byCode.set(s.code, s);
    const other = ranks.get(s.rank);
    if (other !== undefined && other !== s.code) {
      add(`sanctionTypes[${i}].rank`, `Urutan berat ${s.rank} dipakai oleh ${other} dan ${s.code}`);
    }
    ranks.set(s.rank, s.code);
    if (s.durationMonths !== null && s.durationMonths <= 0) {
      add(`sanctionTypes[${i}].durationMonths`, 'Lama hukuman harus lebih dari 0 bulan atau kosong');
    }
  });
  // Severity must agree with level: every ringan lighter than every sedang, every sedang lighter than every berat.
  rules.sanctionTypes.forEach((s, i) => {
    for (const o of rules.sanctionTypes) {
      if (levelRank(s.level) < levelRank(o.level) && s.rank >= o.rank) {
        add(
          `sanctionTypes[${i}].rank`,
          `Hukuman ${s.code} (${s.level}) tidak boleh lebih berat dari ${o.code} (${o.level})`,
        );
        break;
      }
    }
    if (s.interimSubstitute !== null) {
      const sub = byCode.get(s.interimSubstitute);
      if (sub === undefined) {
        add(
          `sanctionTypes[${i}].interimSubstitute`,
          `Hukuman pengganti ${s.interimSubstitute} tidak ada di katalog`,
        );
      } else if (sub.code === s.code || !sub.active) {
        add(
          `sanctionTypes[${i}].interimSubstitute`,
          `Hukuman pengganti ${sub.code} harus hukuman lain yang berlaku`,
        );
      }
    } else if (!s.active) {
      add(
        `sanctionTypes[${i}].interimSubstitute`,
        `Hukuman ${s.code} belum berlaku dan tidak memiliki pengganti`,
      );
    }
  });

  const checkSanction = (p: string, code: string, level: DisciplineLevel): SanctionType | null => {
    const s = byCode.get(code);
    if (s === undefined) {
      add(p, `Jenis hukuman ${code} tidak ada di katalog`);
      return null;
    }
    if (s.level !== level) add(p, `Jenis hukuman ${code} bertingkat ${s.level}, bukan ${level}`);
    return s;
  };

  const seenTypes = new Map<DisciplineEmployeeType, string>();
  rules.ladders.forEach((ladder, li) => {
    const lp = `ladders[${li}]`;
    ladder.employeeTypes.forEach((t, ti) => {
      const other = seenTypes.get(t);
      if (other !== undefined) {
        add(`${lp}.employeeTypes[${ti}]`, `Jenis pegawai ${t} sudah memiliki tangga ${other}`);
      }
      seenTypes.set(t, ladder.id);
    });

    let prev: LadderStep | null = null;
    let prevRank: number | null = null;
    ladder.steps.forEach((step, si) => {
      const sp = `${lp}.steps[${si}]`;
      if (step.fromDays < 1) add(`${sp}.fromDays`, 'Ambang awal harus minimal 1 hari');
      if (step.toDays !== null && step.toDays < step.fromDays) {
        add(`${sp}.toDays`, `Batas akhir (${step.toDays}) lebih kecil dari batas awal (${step.fromDays})`);
      }
      if (step.toDays === null && si !== ladder.steps.length - 1) {
        add(`${sp}.toDays`, 'Hanya tingkat terakhir yang boleh tanpa batas akhir');
      }
      if (prev !== null) {
        if (prev.toDays !== null && step.fromDays <= prev.toDays) {
          add(
            `${sp}.fromDays`,
            `Tingkat tumpang tindih: mulai ${step.fromDays} hari, tingkat sebelumnya sampai ${prev.toDays} hari`,
          );
        } else if (prev.toDays !== null && step.fromDays !== prev.toDays + 1) {
          add(
            `${sp}.fromDays`,
            `Ada celah: tingkat sebelumnya sampai ${prev.toDays} hari, tingkat ini mulai ${step.fromDays} hari`,
          );
        }
        if (step.fromDays <= prev.fromDays) add(`${sp}.fromDays`, 'Tingkat harus urut naik');
        if (levelRank(step.level) < levelRank(prev.level)) {
          add(
            `${sp}.level`,
            `Tingkat ${step.level} tidak boleh setelah ${prev.level} (urutan ringan < sedang < berat)`,
          );
        }
      }
      const s = checkSanction(`${sp}.sanction`, step.sanction, step.level);
      if (s !== null) {
        if (prevRank !== null && s.rank <= prevRank) {
          add(`${sp}.sanction`, `Hukuman ${s.code} harus lebih berat dari hukuman tingkat sebelumnya`);
        }
        prevRank = s.rank;
      }
      prev = step;
    });

    if (ladder.consecutive !== null) {
      if (ladder.consecutive.days <= 0)
        add(`${lp}.consecutive.days`, 'Jumlah hari berturut-turut harus lebih dari 0');
      checkSanction(`${lp}.consecutive.sanction`, ladder.consecutive.sanction, ladder.consecutive.level);
    }
  });

  const d = rules.deadlines;
  const checkDeadline = (p: string, rule: DeadlineRule): void => {
    if (rule.count <= 0) add(`deadlines.${p}.count`, 'Batas waktu harus lebih dari 0 hari');
  };
  checkDeadline('summons', d.summons);
  checkDeadline('secondSummons', d.secondSummons);
  checkDeadline('delivery', d.delivery);
  checkDeadline('posting', d.posting);
  checkDeadline('effective', d.effective);
  DELIVERY_METHODS.forEach((m) => {
    const c: unknown = d.effective.countFrom[m];
    if (!(COUNT_FROM as readonly unknown[]).includes(c)) {
      add(
        `deadlines.effective.countFrom.${m}`,
        `Cara hitung berlakunya keputusan untuk penyampaian ${m} harus dayAfterReceipt atau receiptDay`,
      );
    }
  });
  checkDeadline('objection.filing', d.objection.filing);
  checkDeadline('objection.decision', d.objection.decision);
  checkDeadline('appeal.filing', d.appeal.filing);
  checkDeadline('appeal.response', d.appeal.response);

  issues.push(...validateProcedureRules(rules, path));

  return issues;
}
