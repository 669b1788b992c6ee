/**
 * Deadlines of the disciplinary process, computed on the unit's working-day calendar (hari kerja, HK):
 * summons, second summons, delivery and posting of the SK, its effective date, and the upaya administratif windows.
 * Every function takes the calendar as an `IsWorkingDay` predicate and returns the date with an explanation.
 * Source: PP 94/2021 Pasal 26, 37, 38; Peraturan BKN 6/2022 Pasal 49 ayat (8), Pasal 50 ayat (1) and annex;
 * PP 79/2021; regulations.md §1.7, §1.9.
 */
import type { LegalBasis } from '../common/legal-basis.ts';
import type { LocalDate } from '../common/local-date.ts';
import { addDays } from '../common/local-date.ts';
import type { IsWorkingDay } from '../calendar/working-days.ts';
import { addWorkingDays } from '../calendar/working-days.ts';
import type { DeadlineRule, DeadlineUnit, DeliveryMethod, DisciplineRules } from './discipline-rules.ts';
import { formatDateId } from '../common/date-text.ts';

/**
 * A computed deadline. `bound` says how the date binds the act:
 * `onOrBefore` = at the latest on `date`; `onOrAfter` = not before `date`; `exact` = on `date` (effective date).
 */
export interface DeadlineResult {
  date: LocalDate;
  bound: 'onOrBefore' | 'onOrAfter' | 'exact';
  /** The event the count starts from. */
  from: LocalDate;
  count: number;
  unit: DeadlineUnit;
  /** Explanation in Bahasa Indonesia. */
  explanation: string;
  legalBasis: LegalBasis;
}

function unitText(unit: DeadlineUnit): string {
  return unit === 'workingDays' ? 'hari kerja' : 'hari kalender';
}

/** `from` plus `count` days in `unit`, counting from the day after `from`. */
function addPeriod(
  isWorkingDay: IsWorkingDay,
  from: LocalDate,
  count: number,
  unit: DeadlineUnit,
): LocalDate {
  return unit === 'workingDays' ? addWorkingDays(isWorkingDay, from, count) : addDays(from, count);
}

function basisText(b: LegalBasis): string {
  return b.article === undefined ? b.regulation : `${b.regulation} ${b.article}`;
}

function simpleDeadline(
  isWorkingDay: IsWorkingDay,
  from: LocalDate,
  rule: DeadlineRule,
  bound: 'onOrBefore' | 'onOrAfter',
  describe: (date: string, period: string) => string,
): DeadlineResult {
  const date = addPeriod(isWorkingDay, from, rule.count, rule.unit);
  const period = `${rule.count} ${unitText(rule.unit)}`;
  return {
    date,
    bound,
    from,
    count: rule.count,
    unit: rule.unit,
    explanation: `${describe(formatDateId(date), period)} (${basisText(rule.legalBasis)}).`,
    legalBasis: rule.legalBasis,
  };
}

/**
 * The examination date bound set by a first summons letter dated `letterDate`.
 * With `mode = minimumNotice` (national default) the letter must be sent at the latest 7 HK before the examination,
 * so the examination is on or after letter + 7 HK; with `maximumInterval` the examination is at the latest
 * letter + 7 HK. Source: PP 94/2021 Pasal 26 ayat (2); PerBKN 6/2022 annex (letter 5 Oct 2022, examination
 * 17 Oct 2022); regulations.md §1.7.
 *
 * @param letterDate date of the summons letter
 * @param rules discipline section (deadlines.summons)
 * @param isWorkingDay the unit's calendar
 */
export function summonsDeadline(
  letterDate: LocalDate,
  rules: DisciplineRules,
  isWorkingDay: IsWorkingDay,
): DeadlineResult {
  const rule = rules.deadlines.summons;
  if (rule.mode === 'minimumNotice') {
    return simpleDeadline(
      isWorkingDay,
      letterDate,
      rule,
      'onOrAfter',
      (d, p) =>
        `Surat panggilan tanggal ${formatDateId(letterDate)} dikirim paling lambat ${p} sebelum pemeriksaan: pemeriksaan paling cepat ${d}`,
    );
  }
  return simpleDeadline(
    isWorkingDay,
    letterDate,
    rule,
    'onOrBefore',
    (d, p) =>
      `Jarak surat panggilan tanggal ${formatDateId(letterDate)} dengan pemeriksaan paling lama ${p}: pemeriksaan paling lambat ${d}`,
  );
}

/**
 * The latest date of the second summons letter when the employee missed the examination of the first summons.
 * If the employee misses the second one too, the PyBM decides on the available evidence without examination.
 * Source: PP 94/2021 Pasal 26 ayat (3)–(4); regulations.md §1.7.
 *
 * @param missedExamDate the examination date of the first summons the employee did not attend
 */
export function secondSummons(
  missedExamDate: LocalDate,
  rules: DisciplineRules,
  isWorkingDay: IsWorkingDay,
): DeadlineResult {
  return simpleDeadline(
    isWorkingDay,
    missedExamDate,
    rules.deadlines.secondSummons,
    'onOrBefore',
    (d, p) =>
      `Tidak hadir pada pemeriksaan ${formatDateId(missedExamDate)}: panggilan kedua paling lambat ${p} sesudahnya, yaitu ${d}`,
  );
}

/**
 * The latest date to deliver the SK hukuman disiplin after it is signed.
 * Source: PP 94/2021 Pasal 37 ayat (3); regulations.md §1.7.
 *
 * @param signedDate date the SK was signed (ditetapkan)
 */
export function deliveryDeadline(
  signedDate: LocalDate,
  rules: DisciplineRules,
  isWorkingDay: IsWorkingDay,
): DeadlineResult {
  return simpleDeadline(
    isWorkingDay,
    signedDate,
    rules.deadlines.delivery,
    'onOrBefore',
    (d, p) =>
      `Keputusan ditetapkan ${formatDateId(signedDate)}: disampaikan paling lambat ${p} sejak ditetapkan, yaitu ${d}`,
  );
}

/**
 * The latest date to send the SK to the employee's last known address when he did not attend its delivery.
 * Source: Peraturan BKN 6/2022 Pasal 49 ayat (8); regulations.md §1.7.
 *
 * @param missedDeliveryDate the delivery date the employee did not attend
 */
export function postingDeadline(
  missedDeliveryDate: LocalDate,
  rules: DisciplineRules,
  isWorkingDay: IsWorkingDay,
): DeadlineResult {
  return simpleDeadline(
    isWorkingDay,
    missedDeliveryDate,
    rules.deadlines.posting,
    'onOrBefore',
    (d, p) =>
      `Tidak hadir saat penyampaian ${formatDateId(missedDeliveryDate)}: keputusan dikirim ke alamat terakhir paling lambat ${p} sesudahnya, yaitu ${d}`,
  );
}

/**
 * The date the SK hukuman disiplin takes effect: "hari ke-15 sejak diterima" (PP 94/2021 Pasal 38;
 * Peraturan BKN 6/2022 Pasal 50 ayat (1)), i.e. the `count`-th working day after receipt, where the day the count
 * starts from depends on how the SK reached the employee, per `deadlines.effective.countFrom[delivery]`:
 * - `dayAfterReceipt`: the first working day after the day of receipt is day 1;
 * - `receiptDay`: the day of receipt is day 1 when it is a working day (else the next working day is).
 *
 * National default: `langsung` (handed over in person at the delivery, PP 94/2021 Pasal 37 ayat (3)) →
 * `dayAfterReceipt`, reproducing the PerBKN 6/2022 annex example received 8 Feb 2022 → 2 Mar 2022; `pos` (sent to
 * the last known address because the employee did not attend the delivery, Peraturan BKN 6/2022 Pasal 49 ayat (8))
 * → `receiptDay`, reproducing the annex example received 14 Feb 2022 → 8 Mar 2022.
 * The per-method convention is OUR READING, not a rule stated in the regulation: neither PP 94/2021 Pasal 38 nor
 * PerBKN 6/2022 Pasal 50 ayat (1) distinguishes delivery methods. It is the simplest rule that reconciles the two
 * annex examples on the 2022 holiday calendar (no single convention reproduces both; see deadlines.test.ts and
 * regulations.md §1.7, "Effective-date arithmetic"). Both conventions are rulebook data so a region can change them.
 * When an upaya administratif is filed, the SK takes effect per its decision instead.
 * Source: PP 94/2021 Pasal 38; Peraturan BKN 6/2022 Pasal 49 ayat (8), Pasal 50 ayat (1) and annex;
 * regulations.md §1.7.
 *
 * @param receivedDate date the employee received the SK (in person, or at his address when sent)
 * @param rules discipline section (deadlines.effective)
 * @param isWorkingDay the unit's calendar
 * @param delivery how the SK was delivered: `langsung` (in person, the default) or `pos` (sent to his address)
 */
export function effectiveDate(
  receivedDate: LocalDate,
  rules: DisciplineRules,
  isWorkingDay: IsWorkingDay,
  delivery: DeliveryMethod = 'langsung',
): DeadlineResult {
  const rule = rules.deadlines.effective;
  const countFrom = rule.countFrom[delivery];
  const countsReceipt =
    countFrom === 'receiptDay' && (rule.unit === 'calendarDays' || isWorkingDay(receivedDate));
  const date = countsReceipt
    ? addPeriod(isWorkingDay, receivedDate, rule.count - 1, rule.unit)
    : addPeriod(isWorkingDay, receivedDate, rule.count, rule.unit);
  const received =
    delivery === 'langsung'
      ? `diterima langsung ${formatDateId(receivedDate)}`
      : `dikirim ke alamat dan diterima ${formatDateId(receivedDate)}`;
  const how = countsReceipt
    ? `hari diterima (${formatDateId(receivedDate)}) dihitung hari ke-1`
    : `hitungan mulai hari ${rule.unit === 'workingDays' ? 'kerja ' : ''}berikutnya setelah diterima (${formatDateId(receivedDate)})`;
  return {
    date,
    bound: 'exact',
    from: receivedDate,
    count: rule.count,
    unit: rule.unit,
    explanation:
      `Keputusan ${received}; berlaku pada ${unitText(rule.unit)} ke-${rule.count} sejak diterima; ${how}: ` +
      `berlaku ${formatDateId(date)}, kecuali diajukan upaya administratif (${basisText(rule.legalBasis)}).`,
    legalBasis: rule.legalBasis,
  };
}

/** Kind of upaya administratif. Source: PP 79/2021; regulations.md §1.9. */
export type AppealKind = 'keberatan' | 'banding';

/** The filing window of an upaya administratif and, once filed, the deadline for the answer. */
export interface AppealWindow {
  kind: AppealKind;
  /** Last day to file, counted from receipt of the decision. */
  filing: DeadlineResult;
  /** Deadline for the decision on a keberatan / the PPK's response to a banding; null until `filedDate` is known. */
  answer: DeadlineResult | null;
}

/**
 * The upaya administratif window against a decision received on `receivedDate`:
 * keberatan (objection, decisions other than dismissal) or banding administratif to BPASN (dismissal of a PNS /
 * termination of a PPPK). Banding: filed ≤ 14 HK, PPK responds ≤ 21 HK [C1]; keberatan periods are not confirmed
 * [INF] and come from the rulebook.
 * Source: PP 79/2021 (upaya administratif dan BPASN); regulations.md §1.9, §11 item 3.
 *
 * @param receivedDate date the decision was received
 * @param kind keberatan or banding
 * @param filedDate date the objection/appeal was filed, when known
 */
export function appealWindow(
  receivedDate: LocalDate,
  kind: AppealKind,
  rules: DisciplineRules,
  isWorkingDay: IsWorkingDay,
  filedDate: LocalDate | null = null,
): AppealWindow {
  const d = rules.deadlines;
  const label = kind === 'keberatan' ? 'Keberatan' : 'Banding administratif';
  const filingRule = kind === 'keberatan' ? d.objection.filing : d.appeal.filing;
  const answerRule = kind === 'keberatan' ? d.objection.decision : d.appeal.response;
  const filing = simpleDeadline(
    isWorkingDay,
    receivedDate,
    filingRule,
    'onOrBefore',
    (date, p) =>
      `${label} diajukan paling lambat ${p} sejak keputusan diterima ${formatDateId(receivedDate)}, yaitu ${date}`,
  );
  const answer =
    filedDate === null
      ? null
      : simpleDeadline(isWorkingDay, filedDate, answerRule, 'onOrBefore', (date, p) =>
          kind === 'keberatan'
            ? `Keberatan diajukan ${formatDateId(filedDate)}: diputus paling lambat ${p} sesudahnya, yaitu ${date}`
            : `Banding diajukan ${formatDateId(filedDate)}: PPK menanggapi paling lambat ${p} sesudahnya, yaitu ${date}; ` +
              'tanpa tanggapan BPASN memutus berdasarkan bukti yang ada',
        );
  return { kind, filing, answer };
}
