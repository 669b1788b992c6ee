import { buildCalendar, type Calendar } from '../calendar/calendar.ts';
import type { IndonesianTimeZone } from '../common/zoned-time.ts';
import type { Rulebook } from '../rulebook/rulebook.ts';
import { compileAttendanceRules, type CompiledAttendanceRules } from './classify-day.ts';

/**
 * The views of a rulebook that classifying many employee-days needs again and again, each built once per
 * rulebook version (held weakly, so a replaced version is dropped): the compiled attendance rules, a unit's
 * calendar in its zone, the NIPs with a schedule override of their own.
 */
export function createRuleViews() {
  const compiled = new WeakMap<Rulebook, CompiledAttendanceRules>();
  const calendars = new WeakMap<Rulebook, Map<string, Calendar>>();
  const overrideNips = new WeakMap<Rulebook, Set<string>>();
  return {
    attendanceRulesOf(rules: Rulebook): CompiledAttendanceRules {
      let c = compiled.get(rules);
      if (!c) compiled.set(rules, (c = compileAttendanceRules(rules.attendance)));
      return c;
    },
    calendarOf(rules: Rulebook, unitCode: string, zone: IndonesianTimeZone): Calendar {
      let byUnit = calendars.get(rules);
      if (!byUnit) calendars.set(rules, (byUnit = new Map()));
      const key = `${unitCode}|${zone}`;
      let cal = byUnit.get(key);
      if (!cal) byUnit.set(key, (cal = buildCalendar(rules.calendar, { unitCode, zone })));
      return cal;
    },
    nipsWithOverride(rules: Rulebook): ReadonlySet<string> {
      let s = overrideNips.get(rules);
      if (!s) overrideNips.set(rules, (s = new Set(rules.schedule.employeeOverrides.map((o) => o.nip))));
      return s;
    },
  };
}
