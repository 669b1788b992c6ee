/**
 * From a yearly accumulation to a disciplinary *indication*: the ladder step reached, the sanction it points to,
 * the next threshold and the salary-stop flag. An indication is never a decision: the direct superior verifies
 * "alasan yang sah" and the Pejabat yang Berwenang Menghukum decides.
 * Source: PP 94/2021 Pasal 8–11, 15; Peraturan BKN 6/2022 (annex examples on step-wise escalation);
 * PP 49/2018 Pasal 52–53 (PPPK); regulations.md §1.3, §1.8, §1.11, §2.1.
 */
import type { LegalBasis } from '../common/legal-basis.ts';
import type { LocalDate } from '../common/local-date.ts';
import type { DisciplineAccumulation } from './accumulate.ts';
import type {
  DisciplineEmployeeType,
  DisciplineLadder,
  DisciplineLevel,
  DisciplineRules,
  LadderStep,
  SanctionType,
} from './discipline-rules.ts';
import { findLadder, findSanction } from './discipline-rules.ts';
import { formatDateId } from '../common/date-text.ts';
import { monthAfter } from './format-id.ts';

/** A sanction already imposed this year for attendance: the ladder step (1-based) it corresponds to. */
export interface ImposedSanction {
  level: DisciplineLevel;
  /** 1-based index into the employee type's ladder steps. */
  step: number;
}

/** The sanction pointed to, and the form it takes while the sanction itself is not yet applicable. */
export interface IndicatedSanction {
  code: string;
  name: string;
  level: DisciplineLevel;
  durationMonths: number | null;
  /** The interim substitute applied instead (regulations.md §1.2), or null when the sanction itself applies. */
  appliedAs: { code: string; name: string; durationMonths: number | null } | null;
}

/** The next ladder step that would produce a heavier indication. */
export interface NextThreshold {
  /** Cumulative days at which it is reached. */
  atDays: number;
  /** Days still to go (atDays − totalDays). */
  inDays: number;
  step: number;
  level: DisciplineLevel;
  sanction: string;
}

/** Early warning on the consecutive-TK rule. */
export interface ConsecutiveWarning {
  atDays: number;
  currentDays: number;
  inDays: number;
}

/** A disciplinary indication for one employee-year. */
export interface DisciplineIndication {
  /** Always false: the system indicates, an official decides (regulations.md §1.11). */
  isFinalDecision: false;
  employeeType: DisciplineEmployeeType;
  ladderId: string | null;
  totalDays: number;
  /** Ladder step (1-based) newly indicated, or null when nothing new is indicated. */
  step: number | null;
  /** Whether the indication comes from the cumulative count or the consecutive-TK rule. */
  source: 'cumulative' | 'consecutive' | null;
  level: DisciplineLevel | null;
  sanction: IndicatedSanction | null;
  article: string | null;
  legalBasis: LegalBasis | null;
  /** Date the indicated threshold was reached (from the accumulation breakdown), or null. */
  reachedOn: LocalDate | null;
  /** Ladder step matching `totalDays` regardless of sanctions already imposed, or null below the first step. */
  cumulativeStep: number | null;
  nextThreshold: NextThreshold | null;
  consecutive: ConsecutiveWarning | null;
  /** The consecutive-TK run was reached and the rule stops the salary (PP 94/2021 Pasal 15 ayat (2)). */
  salaryStop: boolean;
  /** First month (`YYYY-MM`) of the salary stop, or null. */
  salaryStopFromMonth: string | null;
  /** Explanation in Bahasa Indonesia. */
  reasons: string[];
}

interface Candidate {
  source: 'cumulative' | 'consecutive';
  stepIndex: number | null;
  level: DisciplineLevel;
  sanction: SanctionType;
  legalBasis: LegalBasis & { article: string };
  reachedOn: LocalDate | null;
}

const DISCLAIMER =
  'Ini indikasi, bukan keputusan: atasan langsung memverifikasi alasan yang sah dan Pejabat yang Berwenang Menghukum yang memutuskan.';

function requireSanction(rules: DisciplineRules, code: string): SanctionType {
  const s = findSanction(rules, code);
  if (s === null) throw new Error(`Jenis hukuman ${code} tidak ada di katalog (rulebook belum divalidasi)`);
  return s;
}

function stepIndexFor(steps: readonly LadderStep[], totalDays: number): number | null {
  for (let i = steps.length - 1; i >= 0; i--) {
    const s = steps[i] as LadderStep;
    if (totalDays >= s.fromDays && (s.toDays === null || totalDays <= s.toDays)) return i;
  }
  return null;
}

function describeSanction(rules: DisciplineRules, s: SanctionType): IndicatedSanction {
  const sub = !s.active && s.interimSubstitute !== null ? findSanction(rules, s.interimSubstitute) : null;
  return {
    code: s.code,
    name: s.name,
    level: s.level,
    durationMonths: s.durationMonths,
    appliedAs: sub === null ? null : { code: sub.code, name: sub.name, durationMonths: sub.durationMonths },
  };
}

function rangeText(step: LadderStep): string {
  if (step.toDays === null) return `${step.fromDays} hari atau lebih`;
  return step.toDays === step.fromDays ? `${step.fromDays} hari` : `${step.fromDays}–${step.toDays} hari`;
}

function basisText(b: LegalBasis): string {
  return b.article === undefined ? b.regulation : `${b.regulation} ${b.article}`;
}

function noLadder(acc: DisciplineAccumulation, employeeType: DisciplineEmployeeType): DisciplineIndication {
  return {
    isFinalDecision: false,
    employeeType,
    ladderId: null,
    totalDays: acc.totalDays,
    step: null,
    source: null,
    level: null,
    sanction: null,
    article: null,
    legalBasis: null,
    reachedOn: null,
    cumulativeStep: null,
    nextThreshold: null,
    consecutive: null,
    salaryStop: false,
    salaryStopFromMonth: null,
    reasons: [
      `Rulebook tidak memuat tangga hukuman disiplin untuk jenis pegawai ${employeeType}; ` +
        'disiplinnya diatur perjanjian kerja / peraturan internal (regulations.md §2.2–2.3).',
      DISCLAIMER,
    ],
  };
}

/**
 * Reads the employee type's ladder with an accumulation and returns the indication:
 * - the step whose range contains `totalDays` (cumulative, Jan–Dec; PP 94/2021 Pasal 9–11 and 15 ayat (1));
 * - the consecutive-TK rule when a run reached its threshold (PP 94/2021 Pasal 11 ayat (2) huruf d angka 4 and
 *   Pasal 15 ayat (2) for PNS; regional rule for PPPK, regulations.md §2.1); the heavier of the two is indicated;
 * - step-wise escalation within the year (PerBKN 6/2022 annex): when `alreadyImposed` holds a step whose sanction is
 *   as heavy or heavier, nothing new is indicated; only a heavier step gives a new indication. The recidivism
 *   aggravation does not apply to attendance (PerBKN 6/2022 Pasal 46 ayat (7), regulations.md §1.3);
 * - `nextThreshold`: the first step above both the current and the imposed one ("next threshold in N days",
 *   regulations.md §1.11), and a warning on the consecutive run;
 * - `salaryStop`: the run reached the threshold and the rule stops the salary, from the month after.
 *
 * @param accumulation the yearly count from `accumulateDiscipline`
 * @param rules the discipline section the accumulation was computed with (validated)
 * @param employeeType selects the ladder (PNS also covers CPNS; PPPK separate)
 * @param alreadyImposed attendance sanctions already imposed in the same year, as ladder steps
 * @returns the indication (never a decision)
 * @throws when a ladder cites a sanction missing from the catalogue (the rulebook was not validated)
 */
export function indicateDiscipline(
  accumulation: DisciplineAccumulation,
  rules: DisciplineRules,
  employeeType: DisciplineEmployeeType,
  alreadyImposed: readonly ImposedSanction[] = [],
): DisciplineIndication {
  const ladder: DisciplineLadder | null = findLadder(rules, employeeType);
  if (ladder === null) return noLadder(accumulation, employeeType);

  const { steps } = ladder;
  const total = accumulation.totalDays;
  const reasons: string[] = [
    `Jumlah kumulatif tahun ${accumulation.year}: ${total} hari (TK ${accumulation.tkDays} hari + ` +
      `${accumulation.minutesAsDays} hari dari keterlambatan/pulang sebelum waktunya).`,
  ];

  // Sanctions already imposed this year.
  let imposedRank = -Infinity;
  let imposedIndex = -1;
  for (const imp of alreadyImposed) {
    const step = steps[imp.step - 1];
    if (step === undefined) {
      reasons.push(
        `Hukuman yang sudah dijatuhkan pada tingkat ${imp.step} diabaikan: tingkat itu tidak ada di tangga ${ladder.id}.`,
      );
      continue;
    }
    if (step.level !== imp.level) {
      reasons.push(`Catatan: tingkat ${imp.step} bertingkat ${step.level}, tercatat ${imp.level}.`);
    }
    const rank = requireSanction(rules, step.sanction).rank;
    if (rank > imposedRank) {
      imposedRank = rank;
      imposedIndex = imp.step - 1;
    }
  }

  // Candidate from the cumulative count.
  const candidates: Candidate[] = [];
  const cumulativeIndex = stepIndexFor(steps, total);
  if (cumulativeIndex === null) {
    const first = steps[0] as LadderStep;
    reasons.push(
      `Belum mencapai ambang pertama (${first.fromDays} hari): pembinaan oleh atasan langsung, tanpa hukuman disiplin.`,
    );
  } else {
    const step = steps[cumulativeIndex] as LadderStep;
    const sanction = requireSanction(rules, step.sanction);
    const reached = accumulation.breakdown.find((c) => c.runningTotalDays >= step.fromDays);
    candidates.push({
      source: 'cumulative',
      stepIndex: cumulativeIndex,
      level: step.level,
      sanction,
      legalBasis: step.legalBasis,
      reachedOn: reached?.date ?? null,
    });
    reasons.push(
      `${total} hari masuk rentang ${rangeText(step)}: hukuman disiplin ${step.level} berupa ${sanction.name} ` +
        `(${basisText(step.legalBasis)}).`,
    );
  }

  // Candidate from the consecutive-TK rule.
  const rule = ladder.consecutive;
  let salaryStop = false;
  let salaryStopFromMonth: string | null = null;
  let consecutive: ConsecutiveWarning | null = null;
  if (rule !== null) {
    const reachedOn = accumulation.consecutiveReachedOn;
    const currentDays = accumulation.currentStreak?.days ?? 0;
    consecutive = { atDays: rule.days, currentDays, inDays: Math.max(0, rule.days - currentDays) };
    if (reachedOn !== null) {
      const sanction = requireSanction(rules, rule.sanction);
      const sameStep = steps.findIndex((s) => s.sanction === rule.sanction);
      candidates.push({
        source: 'consecutive',
        stepIndex: sameStep === -1 ? null : sameStep,
        level: rule.level,
        sanction,
        legalBasis: rule.legalBasis,
        reachedOn,
      });
      reasons.push(
        `TK ${rule.days} hari kerja berturut-turut tercapai pada ${formatDateId(reachedOn)}: hukuman disiplin ` +
          `${rule.level} berupa ${sanction.name} (${basisText(rule.legalBasis)}).`,
      );
      if (rule.salaryStop) {
        salaryStop = true;
        salaryStopFromMonth = monthAfter(reachedOn);
        reasons.push(
          `Gaji dihentikan mulai bulan ${salaryStopFromMonth} tanpa menunggu keputusan hukuman disiplin; ` +
            'dibayarkan kembali bila pemeriksaan membuktikan kurang dari ' +
            `${rule.days} hari (${basisText(rule.legalBasis)}).`,
        );
      }
    } else if (currentDays > 0) {
      reasons.push(
        `TK berturut-turut saat ini ${currentDays} hari kerja; ambang ${rule.days} hari tercapai dalam ${consecutive.inDays} hari kerja lagi.`,
      );
    }
  }

  // The heavier candidate.
  let best: Candidate | null = null;
  for (const c of candidates) {
    if (best === null || c.sanction.rank > best.sanction.rank) best = c;
  }

  let indicated: Candidate | null = best;
  if (best !== null && best.sanction.rank <= imposedRank) {
    const imposedStep = steps[imposedIndex] as LadderStep;
    reasons.push(
      `Sudah dijatuhi hukuman tingkat ${imposedIndex + 1} (${imposedStep.sanction}) tahun ini; ` +
        'indikasi baru hanya bila ambang tingkat yang lebih berat terlampaui.',
    );
    indicated = null;
  }

  // Next threshold: the first step heavier than both the indication and what was imposed, above today's count.
  const baselineRank = Math.max(imposedRank, best?.sanction.rank ?? -Infinity);
  let nextThreshold: NextThreshold | null = null;
  for (let i = 0; i < steps.length; i++) {
    const s = steps[i] as LadderStep;
    if (s.fromDays <= total) continue;
    if (requireSanction(rules, s.sanction).rank <= baselineRank) continue;
    nextThreshold = {
      atDays: s.fromDays,
      inDays: s.fromDays - total,
      step: i + 1,
      level: s.level,
      sanction: s.sanction,
    };
    break;
  }
  if (nextThreshold !== null) {
    reasons.push(
      `Ambang berikutnya: ${nextThreshold.atDays} hari (${nextThreshold.level}, ${nextThreshold.sanction}), ` +
        `${nextThreshold.inDays} hari lagi.`,
    );
  }
  reasons.push(DISCLAIMER);

  return {
    isFinalDecision: false,
    employeeType,
    ladderId: ladder.id,
    totalDays: total,
    step: indicated === null || indicated.stepIndex === null ? null : indicated.stepIndex + 1,
    source: indicated?.source ?? null,
    level: indicated?.level ?? null,
    sanction: indicated === null ? null : describeSanction(rules, indicated.sanction),
    article: indicated?.legalBasis.article ?? null,
    legalBasis: indicated?.legalBasis ?? null,
    reachedOn: indicated?.reachedOn ?? null,
    cumulativeStep: cumulativeIndex === null ? null : cumulativeIndex + 1,
    nextThreshold,
    consecutive,
    salaryStop,
    salaryStopFromMonth,
    reasons,
  };
}
