/** A problem found while validating rulebook data: where (a JSON path) and what, in plain words. */
export interface RuleIssue {
  /** Dotted path into the rulebook, e.g. `attendance.lateBands[2].fromMinute`. */
  path: string;
  /** Indonesian-first message for BKD staff editing the rulebook. */
  message: string;
}
