/**
 * The leave (cuti) section of a rulebook: which leave types each employee type has, eligibility, entitlement,
 * required attachments, and the annual-leave carry-over caps.
 * Source: PP 11/2017 as amended by PP 17/2020 Pasal 309–341 (PNS); Peraturan BKN 24/2017 as amended by 7/2021;
 * PP 49/2018 Pasal 77 and Peraturan BKN 7/2022 (PPPK); regulations.md §3.4, §4.1, §4.2.
 */
import { z } from 'zod';
import { legalBasisSchema, localDateSchema } from '../common/legal-basis.ts';
import type { RuleIssue } from '../common/rule-issue.ts';
import { LEAVE_CODES, type LeaveCode } from '../attendance/status-codes.ts';

import { EMPLOYEE_TYPES, type EmployeeType } from '../people/employee-types.ts';

export { EMPLOYEE_TYPES, type EmployeeType };

/** Leave types a request can be made for (cuti bersama is set by Keppres, not requested). */
export const REQUESTABLE_LEAVE_CODES = LEAVE_CODES.filter((c) => c !== 'CBER');

export const durationUnitSchema = z.enum(['workingDays', 'calendarDays', 'months', 'years']);
export type DurationUnit = z.infer<typeof durationUnitSchema>;

export const durationSchema = z.object({
  amount: z.number().positive('Lama cuti harus lebih dari nol'),
  unit: durationUnitSchema,
});
export type Duration = z.infer<typeof durationSchema>;

/** A document that must be attached when the leave is longer than a threshold (any one of `documents`). */
export const attachmentRequirementSchema = z.object({
  /** Required when the leave is longer than this (e.g. 1 day → doctor's note; 14 days → government doctor). */
  whenLongerThan: durationSchema,
  /** Any one of these documents satisfies the requirement. */
  documents: z.array(z.string().min(1)).min(1),
  label: z.string().min(1),
  legalBasis: legalBasisSchema,
});
export type AttachmentRequirement = z.infer<typeof attachmentRequirementSchema>;

/** One leave type for some employee types. */
export const leaveTypeRuleSchema = z.object({
  code: z.enum(LEAVE_CODES),
  name: z.string().min(1),
  employeeTypes: z.array(z.enum(EMPLOYEE_TYPES)).min(1, 'Jenis pegawai wajib diisi'),
  /** Minimum continuous service before the leave can be taken; 0 = from the first day. */
  minServiceYears: z.number().min(0),
  /** Exceptions to the service rule, in words (e.g. first hajj for cuti besar). */
  serviceExceptions: z.array(z.string()).default([]),
  /** Longest leave per request / per event (annual leave: per year). */
  maxDuration: durationSchema,
  /**
   * Optional extension beyond `maxDuration`, on a condition (e.g. Tim Penguji Kesehatan): either for at most
   * `duration`, or (PPPK, work accident) until the work agreement ends (`untilContractEnd`). Exactly one of the two.
   * Source: PP 11/2017 (CS +6 months); PP 49/2018 Pasal 77 / Peraturan BKN 7/2022 (PPPK CS after a work accident:
   * until the contract ends); regulations.md §4.1, §4.2.
   */
  extension: z
    .object({
      duration: durationSchema.optional(),
      untilContractEnd: z.boolean().default(false),
      condition: z.string().min(1),
    })
    .optional(),
  /** Maximum number of times over the career (cuti melahirkan: births 1–3). */
  maxOccurrences: z.number().int().positive().optional(),
  /** Whether the leave is paid (`full`, `none`). */
  pay: z.enum(['full', 'none']),
  attachments: z.array(attachmentRequirementSchema).default([]),
  /** Special cases with their own maximum (e.g. miscarriage: 1.5 months of cuti sakit). */
  variants: z
    .array(z.object({ key: z.string().min(1), name: z.string().min(1), maxDuration: durationSchema }))
    .default([]),
  note: z.string().optional(),
  legalBasis: legalBasisSchema,
});
export type LeaveTypeRule = z.infer<typeof leaveTypeRuleSchema>;

/** Annual leave (cuti tahunan) for some employee types. */
export const annualLeaveRuleSchema = z.object({
  employeeTypes: z.array(z.enum(EMPLOYEE_TYPES)).min(1),
  /** Continuous service required before annual leave (1 year, PNS and CPNS alike). */
  minServiceYears: z.number().min(0),
  /** Fresh entitlement per year, in working days (12 HK). */
  entitlementDays: z.number().int().positive(),
  /** Total available (including the current year) after one year of unused days (18 HK). */
  maxWithOneYearCarry: z.number().int().positive(),
  /** Total available (including the current year) after two or more years of unused days (24 HK). */
  maxWithTwoYearsCarry: z.number().int().positive(),
  /** Smallest request in working days (1 day). */
  minDaysPerRequest: z.number().int().positive(),
  /** Extra calendar days for travel when taken in a hard-to-reach place (PNS 12, PPPK 6). */
  hardToReachExtraCalendarDays: z.number().int().min(0),
  legalBasis: legalBasisSchema,
});
export type AnnualLeaveRule = z.infer<typeof annualLeaveRuleSchema>;

/**
 * Who grants a leave (PyBMC, pejabat yang berwenang memberikan cuti): `OPD_HEAD` = the holder (or Plt/Plh) of the
 * head position of the employee's OPD (the top unit under the region), as delegate of the PPK; `BKD` = the
 * personnel agency acting for the PPK (any user with the BKD role over the employee's unit).
 * Source: PP 11/2017 jo. PP 17/2020 (PPK may delegate granting leave except CLTN [INF]); Peraturan BKN 24/2017;
 * regulations.md §0.1 (PyBMC), §4.1 [REG].
 */
export const LEAVE_APPROVERS = ['OPD_HEAD', 'BKD'] as const;
export type LeaveApprover = (typeof LEAVE_APPROVERS)[number];

/** The leave-granting official per leave type, with a default for types not listed. [REG] */
export const leaveApprovalSchema = z.object({
  default: z.enum(LEAVE_APPROVERS),
  byType: z.partialRecord(z.enum(LEAVE_CODES), z.enum(LEAVE_APPROVERS)).default({}),
  legalBasis: legalBasisSchema,
});
export type LeaveApproval = z.infer<typeof leaveApprovalSchema>;

/** National default when a rulebook has no `approval`: Kepala OPD grants, CLTN through BKD (for the PPK). */
export const DEFAULT_LEAVE_APPROVAL: LeaveApproval = {
  default: 'OPD_HEAD',
  byType: { CLTN: 'BKD' },
  legalBasis: {
    regulation: 'PP 11/2017 jo. PP 17/2020',
    note: 'PyBMC = PPK atau pejabat yang didelegasikan; CLTN tidak didelegasikan [INF]; regulations.md §0.1, §4.1',
  },
};

/**
 * The PyBMC kind for a leave type. Source: PP 11/2017 jo. PP 17/2020 (PyBMC); regulations.md §0.1, §4.1 [REG].
 */
export function approverFor(rules: LeaveRules, type: LeaveCode): LeaveApprover {
  const a = rules.approval ?? DEFAULT_LEAVE_APPROVAL;
  return a.byType[type] ?? a.default;
}

export const leaveRulesSchema = z.object({
  effectiveFrom: localDateSchema,
  effectiveTo: localDateSchema.nullable(),
  legalBasis: legalBasisSchema,
  note: z.string().optional(),
  annual: z.array(annualLeaveRuleSchema).min(1),
  cutiBersama: z.object({
    /** PP 11/2017 Pasal 333: cuti bersama does not reduce the annual-leave entitlement. */
    reducesAnnualLeave: z.boolean(),
    /** PP 11/2017 Pasal 333: employees who had to work during cuti bersama get those days added. */
    workedDaysAddedToAnnualLeave: z.boolean(),
    legalBasis: legalBasisSchema,
  }),
  /** Taking cuti besar removes the annual leave of that year (PP 11/2017; regulations.md §4.1). */
  cutiBesarCancelsAnnualLeaveOfYear: z.object({ value: z.boolean(), legalBasis: legalBasisSchema }),
  types: z.array(leaveTypeRuleSchema),
  /** Who grants each leave type (PyBMC) [REG]; absent = DEFAULT_LEAVE_APPROVAL. */
  approval: leaveApprovalSchema.optional(),
});
export type LeaveRules = z.infer<typeof leaveRulesSchema>;

/**
 * Checks a parsed leave section for consistency the schema cannot express. Messages in Bahasa Indonesia.
 * Source: PP 11/2017 Pasal 312–313 (12 → 18 → 24 HK), Pasal 333 (cuti bersama); PP 49/2018 Pasal 77;
 * regulations.md §4.1–4.2.
 *
 * @param rules the parsed section
 * @param path JSON path prefix for the issues
 * @returns the problems found; empty when the section is usable
 */
export function validateLeaveRules(rules: LeaveRules, path = 'leave'): RuleIssue[] {
  const issues: RuleIssue[] = [];
  const add = (p: string, message: string) => issues.push({ path: `${path}.${p}`, message });

  if (rules.effectiveTo !== null && rules.effectiveTo < rules.effectiveFrom) {
    add(
      'effectiveTo',
      `Tanggal akhir berlaku ${rules.effectiveTo} sebelum tanggal mulai ${rules.effectiveFrom}`,
    );
  }

  const annualTypes = new Set<EmployeeType>();
  rules.annual.forEach((a, i) => {
    const p = `annual[${i}]`;
    for (const t of a.employeeTypes) {
      if (annualTypes.has(t)) add(`${p}.employeeTypes`, `Cuti tahunan untuk ${t} diatur lebih dari sekali`);
      annualTypes.add(t);
    }
    if (a.maxWithOneYearCarry < a.entitlementDays) {
      add(
        `${p}.maxWithOneYearCarry`,
        `Batas dengan sisa 1 tahun (${a.maxWithOneYearCarry} HK) lebih kecil dari hak tahunan (${a.entitlementDays} HK)`,
      );
    }
    if (a.maxWithTwoYearsCarry < a.maxWithOneYearCarry) {
      add(
        `${p}.maxWithTwoYearsCarry`,
        `Batas dengan sisa 2 tahun (${a.maxWithTwoYearsCarry} HK) lebih kecil dari batas sisa 1 tahun (${a.maxWithOneYearCarry} HK)`,
      );
    }
    if (a.minDaysPerRequest > a.entitlementDays) {
      add(`${p}.minDaysPerRequest`, 'Minimal hari per permohonan melebihi hak cuti tahunan');
    }
  });

  if (rules.cutiBersama.reducesAnnualLeave && rules.cutiBersama.workedDaysAddedToAnnualLeave) {
    add(
      'cutiBersama',
      'Cuti bersama tidak mungkin sekaligus mengurangi hak cuti tahunan dan ditambahkan bila tetap bekerja',
    );
  }

  const seen = new Set<string>();
  rules.types.forEach((t, i) => {
    const p = `types[${i}]`;
    if (t.code === 'CT')
      add(`${p}.code`, 'Cuti tahunan diatur di bagian "annual", bukan di daftar jenis cuti');
    for (const e of t.employeeTypes) {
      const key = `${t.code}/${e}`;
      if (seen.has(key)) add(`${p}.employeeTypes`, `Cuti ${t.code} untuk ${e} diatur lebih dari sekali`);
      seen.add(key);
    }
    if (t.extension && (t.extension.duration !== undefined) === t.extension.untilContractEnd) {
      add(
        `${p}.extension`,
        'Perpanjangan cuti harus berupa lama perpanjangan (duration) atau sampai berakhirnya masa perjanjian kerja (untilContractEnd), salah satu saja',
      );
    }
    let prev: AttachmentRequirement | undefined;
    t.attachments.forEach((a, j) => {
      if (a.whenLongerThan.unit !== 'calendarDays' && a.whenLongerThan.unit !== 'workingDays') {
        add(`${p}.attachments[${j}].whenLongerThan.unit`, 'Syarat lampiran dihitung dalam hari');
      }
      if (prev && a.whenLongerThan.amount <= prev.whenLongerThan.amount) {
        add(`${p}.attachments[${j}].whenLongerThan`, 'Syarat lampiran harus berurutan dari yang terpendek');
      }
      prev = a;
    });
  });

  return issues;
}
