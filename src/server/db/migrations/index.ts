import type { Migration } from 'kysely/migration';
import * as m1500 from './202611231500_create-units.ts';
import * as m1501 from './202611231501_create-offices.ts';
import * as m1502 from './202611231502_create-positions.ts';
import * as m1503 from './202611231503_create-employees.ts';
import * as m1504 from './202611231504_create-placements.ts';
import * as m1505 from './202611231505_create-acting-assignments.ts';
import * as m1506 from './202611231506_create-users.ts';
import * as m1507 from './202611231507_create-role-grants.ts';
import * as m1508 from './202611231508_create-sessions.ts';
import * as m1509 from './202611231509_create-audit-log.ts';
import * as m1510 from './202611231510_protect-audit-log.ts';
import * as m1511 from './202611231511_create-import-jobs.ts';
import * as m1512 from './202611231512_create-rulebook-versions.ts';
import * as m301000 from './202611301000_create-audit-head.ts';
import * as m301001 from './202611301001_advance-audit-head.ts';
import * as m301002 from './202611301002_protect-audit-head.ts';
import * as m301003 from './202611301003_block-audit-log-truncate.ts';
import * as m301100 from './202611301100_add-office-polygons.ts';
import * as m301101 from './202611301101_create-devices.ts';
import * as m301102 from './202611301102_create-photos.ts';
import * as m301103 from './202611301103_create-photo-views.ts';
import * as m301104 from './202611301104_create-work-locations.ts';
import * as m301105 from './202611301105_create-field-assignments.ts';
import * as m301106 from './202611301106_create-month-closings.ts';
import * as m301107 from './202611301107_create-apel-schedules.ts';
import * as m301108 from './202611301108_create-apel-sessions.ts';
import * as m301109 from './202611301109_create-kiosk-sessions.ts';
import * as m301110 from './202611301110_create-punches.ts';
import * as m301111 from './202611301111_protect-punches.ts';
import * as m301112 from './202611301112_create-punch-reviews.ts';
import * as m301113 from './202611301113_create-terminal-users.ts';
import * as m301114 from './202611301114_index-latest-punch.ts';
import * as m301200 from './202611301200_create-day-statuses.ts';
import * as m301201 from './202611301201_create-status-queue.ts';
import * as m010100 from './202612010100_create-leave-requests.ts';
import * as m010101 from './202612010101_create-leave-decisions.ts';
import * as m010102 from './202612010102_create-leave-opening-balances.ts';
import * as m010200 from './202612010200_create-request-files.ts';
import * as m010201 from './202612010201_create-permits.ts';
import * as m010202 from './202612010202_create-corrections.ts';
import * as m010203 from './202612010203_create-request-file-views.ts';
import * as m010300 from './202612010300_create-monthly-recaps.ts';
import * as m010301 from './202612010301_create-recap-closings.ts';
import * as m010302 from './202612010302_index-apel-punches.ts';
import * as m010400 from './202612010400_create-status-adjustments.ts';
import * as m010401 from './202612010401_index-status-queue.ts';
import * as m010402 from './202612010402_day-statuses-derived.ts';
import * as m010403 from './202612010403_create-status-fills.ts';
import * as m010500 from './202612010500_create-shift-rosters.ts';
import * as m010600 from './202612010600_day-statuses-by-month.ts';
import * as m010601 from './202612010601_monthly-recaps-derived.ts';
import * as m010602 from './202612010602_punches-employee-day-covering.ts';
import * as m051200 from './202612051200_create-jobs.ts';
import * as m051300 from './202612051300_create-login-throttles.ts';
import * as m051301 from './202612051301_clear-login-throttles-on-unlock.ts';
import * as m051302 from './202612051302_clear-demo-flag-of-changed-passwords.ts';
import * as m051400 from './202612051400_index-organisation-wide-grants.ts';
import * as m060100 from './202612060100_add-units-attendance-start.ts';
import * as m060110 from './202612060110_add-recap-closings-waivers.ts';
import * as m060111 from './202612060111_allow-adjustments-to-no-data.ts';
import * as m060120 from './202612060120_add-permits-lateness.ts';
import * as m060121 from './202612060121_add-corrections-lateness.ts';
import * as m060200 from './202612060200_index-punches-by-time.ts';
import * as m060201 from './202612060201_create-review-queue.ts';
import * as m060202 from './202612060202_index-status-months-days.ts';
import * as m060300 from './202612060300_index-anomalous-punches.ts';
import * as m060400 from './202612060400_create-notifications.ts';
import * as m060401 from './202612060401_create-push-subscriptions.ts';
import * as m060402 from './202612060402_create-notification-runs.ts';
import * as m070300 from './202612070300_create-attachments.ts';
import * as m070301 from './202612070301_move-request-and-leave-files-to-attachments.ts';
import * as m070302 from './202612070302_create-attachment-views.ts';
import * as m071400 from './202612071400_create-letterheads.ts';
import * as m071401 from './202612071401_create-letter-number-schemes.ts';
import * as m071402 from './202612071402_create-letter-number-counters.ts';
import * as m081500 from './202612081500_create-skp.ts';
import * as m081501 from './202612081501_create-skp-rhk.ts';
import * as m081502 from './202612081502_create-skp-indicators.ts';
import * as m081503 from './202612081503_create-daily-reports.ts';
import * as m081504 from './202612081504_create-kinerja-feedback.ts';
import * as m081505 from './202612081505_create-rhk-evidence.ts';
import * as m081506 from './202612081506_create-unit-performance.ts';
import * as m081507 from './202612081507_create-evaluations.ts';
import * as m081508 from './202612081508_create-evaluation-peer-feedback.ts';
import * as m081509 from './202612081509_create-evaluation-objections.ts';
import * as m081510 from './202612081510_create-kinerja-monthly.ts';
import * as m081511 from './202612081511_create-kinerja-adjustments.ts';
import * as m091600 from './202612091600_create-discipline-cases.ts';
import * as m091601 from './202612091601_create-discipline-indications.ts';
import * as m091602 from './202612091602_create-discipline-case-violations.ts';
import * as m091603 from './202612091603_create-discipline-case-events.ts';
import * as m091604 from './202612091604_create-discipline-team-members.ts';
import * as m091605 from './202612091605_create-discipline-summons.ts';
import * as m091606 from './202612091606_create-discipline-examinations.ts';
import * as m091607 from './202612091607_create-discipline-sanctions.ts';
import * as m091608 from './202612091608_create-discipline-appeals.ts';
import * as m091609 from './202612091609_create-discipline-salary-stops.ts';
import * as m091610 from './202612091610_create-discipline-documents.ts';
import * as m091611 from './202612091611_create-discipline-pyb-designations.ts';
import * as m101500 from './202612101500_create-tpp-tariffs.ts';
import * as m101501 from './202612101501_create-tpp-budgets.ts';
import * as m101502 from './202612101502_create-employee-pay.ts';
import * as m101503 from './202612101503_create-tpp-exclusion-records.ts';
import * as m101504 from './202612101504_create-tpp-runs.ts';
import * as m101505 from './202612101505_create-tpp-run-lines.ts';
import * as m101506 from './202612101506_create-tpp-run-events.ts';
import * as m101507 from './202612101507_create-tpp-objections.ts';
import * as m101508 from './202612101508_create-tpp-corrections.ts';
import * as m111110 from './202612111110_create-tpp-treasurers.ts';
import * as m120100 from './202612120100_status-months-made-up-late.ts';
import * as m120200 from './202612120200_tpp-run-lines-exact-snapshot.ts';
import * as m120300 from './202612120300_tpp-run-lines-breakdown-text.ts';
import * as m202612120301 from './202612120301_create-inspections.ts';
import * as m202612120302 from './202612120302_create-complaints.ts';
import * as m202612120320 from './202612120320_create-complaint-events.ts';
import * as m202612120321 from './202612120321_create-complaint-photos.ts';
import * as m202612120303 from './202612120303_create-election-watch.ts';
import * as m202612120340 from './202612120340_create-election-watch-acks.ts';
import * as m202612120341 from './202612120341_create-election-watch-escalations.ts';
import * as m202612120342 from './202612120342_create-neutrality-reports.ts';
import * as m202612120304 from './202612120304_create-teladan.ts';
import * as m202612120360 from './202612120360_create-teladan-nominations.ts';
import * as m202612120361 from './202612120361_create-teladan-reviews.ts';
import * as m202612120305 from './202612120305_create-inspection-checklist.ts';
import * as m202612120306 from './202612120306_create-inspection-roster.ts';
import * as m202612120307 from './202612120307_create-inspection-marks.ts';
import * as m202612120308 from './202612120308_create-inspection-findings.ts';
import * as m202612120402 from './202612120402_create-competency-technicals.ts';
import * as m202612120403 from './202612120403_create-competency-position-levels.ts';
import * as m202612120404 from './202612120404_create-competency-assessments.ts';
import * as m202612120405 from './202612120405_create-competency-trainings.ts';
import * as m202612120406 from './202612120406_create-competency-training-budgets.ts';
import * as m202612120407 from './202612120407_create-competency-training-records.ts';
import * as m202612120408 from './202612120408_create-competency-change-projects.ts';
import * as m202612120409 from './202612120409_create-competency-change-project-assessors.ts';
import * as m202612120410 from './202612120410_create-competency-change-project-ratings.ts';
import * as m202612200101 from './202612200101_add-job-leases.ts';

/** The ordered registry of migrations (Kysely sorts by name; names start with a sortable timestamp). */
export const migrations: Record<string, Migration> = {
  '202611231500_create-units': m1500,
  '202611231501_create-offices': m1501,
  '202611231502_create-positions': m1502,
  '202611231503_create-employees': m1503,
  '202611231504_create-placements': m1504,
  '202611231505_create-acting-assignments': m1505,
  '202611231506_create-users': m1506,
  '202611231507_create-role-grants': m1507,
  '202611231508_create-sessions': m1508,
  '202611231509_create-audit-log': m1509,
  '202611231510_protect-audit-log': m1510,
  '202611231511_create-import-jobs': m1511,
  '202611231512_create-rulebook-versions': m1512,
  '202611301000_create-audit-head': m301000,
  '202611301001_advance-audit-head': m301001,
  '202611301002_protect-audit-head': m301002,
  '202611301003_block-audit-log-truncate': m301003,
  '202611301100_add-office-polygons': m301100,
  '202611301101_create-devices': m301101,
  '202611301102_create-photos': m301102,
  '202611301103_create-photo-views': m301103,
  '202611301104_create-work-locations': m301104,
  '202611301105_create-field-assignments': m301105,
  '202611301106_create-month-closings': m301106,
  '202611301107_create-apel-schedules': m301107,
  '202611301108_create-apel-sessions': m301108,
  '202611301109_create-kiosk-sessions': m301109,
  '202611301110_create-punches': m301110,
  '202611301111_protect-punches': m301111,
  '202611301112_create-punch-reviews': m301112,
  '202611301113_create-terminal-users': m301113,
  '202611301114_index-latest-punch': m301114,
  '202611301200_create-day-statuses': m301200,
  '202611301201_create-status-queue': m301201,
  '202612010100_create-leave-requests': m010100,
  '202612010101_create-leave-decisions': m010101,
  '202612010102_create-leave-opening-balances': m010102,
  '202612010200_create-request-files': m010200,
  '202612010201_create-permits': m010201,
  '202612010202_create-corrections': m010202,
  '202612010203_create-request-file-views': m010203,
  '202612010300_create-monthly-recaps': m010300,
  '202612010301_create-recap-closings': m010301,
  '202612010302_index-apel-punches': m010302,
  '202612010400_create-status-adjustments': m010400,
  '202612010401_index-status-queue': m010401,
  '202612010402_day-statuses-derived': m010402,
  '202612010403_create-status-fills': m010403,
  '202612010500_create-shift-rosters': m010500,
  '202612010600_day-statuses-by-month': m010600,
  '202612010601_monthly-recaps-derived': m010601,
  '202612010602_punches-employee-day-covering': m010602,
  '202612051200_create-jobs': m051200,
  '202612051300_create-login-throttles': m051300,
  '202612051301_clear-login-throttles-on-unlock': m051301,
  '202612051302_clear-demo-flag-of-changed-passwords': m051302,
  '202612051400_index-organisation-wide-grants': m051400,
  '202612060100_add-units-attendance-start': m060100,
  '202612060110_add-recap-closings-waivers': m060110,
  '202612060111_allow-adjustments-to-no-data': m060111,
  '202612060120_add-permits-lateness': m060120,
  '202612060121_add-corrections-lateness': m060121,
  '202612060200_index-punches-by-time': m060200,
  '202612060201_create-review-queue': m060201,
  '202612060202_index-status-months-days': m060202,
  '202612060300_index-anomalous-punches': m060300,
  '202612060400_create-notifications': m060400,
  '202612060401_create-push-subscriptions': m060401,
  '202612060402_create-notification-runs': m060402,
  '202612070300_create-attachments': m070300,
  '202612070301_move-request-and-leave-files-to-attachments': m070301,
  '202612070302_create-attachment-views': m070302,
  '202612071400_create-letterheads': m071400,
  '202612071401_create-letter-number-schemes': m071401,
  '202612071402_create-letter-number-counters': m071402,
  '202612081500_create-skp': m081500,
  '202612081501_create-skp-rhk': m081501,
  '202612081502_create-skp-indicators': m081502,
  '202612081503_create-daily-reports': m081503,
  '202612081504_create-kinerja-feedback': m081504,
  '202612081505_create-rhk-evidence': m081505,
  '202612081506_create-unit-performance': m081506,
  '202612081507_create-evaluations': m081507,
  '202612081508_create-evaluation-peer-feedback': m081508,
  '202612081509_create-evaluation-objections': m081509,
  '202612081510_create-kinerja-monthly': m081510,
  '202612081511_create-kinerja-adjustments': m081511,
  '202612091600_create-discipline-cases': m091600,
  '202612091601_create-discipline-indications': m091601,
  '202612091602_create-discipline-case-violations': m091602,
  '202612091603_create-discipline-case-events': m091603,
  '202612091604_create-discipline-team-members': m091604,
  '202612091605_create-discipline-summons': m091605,
  '202612091606_create-discipline-examinations': m091606,
  '202612091607_create-discipline-sanctions': m091607,
  '202612091608_create-discipline-appeals': m091608,
  '202612091609_create-discipline-salary-stops': m091609,
  '202612091610_create-discipline-documents': m091610,
  '202612091611_create-discipline-pyb-designations': m091611,
  '202612101500_create-tpp-tariffs': m101500,
  '202612101501_create-tpp-budgets': m101501,
  '202612101502_create-employee-pay': m101502,
  '202612101503_create-tpp-exclusion-records': m101503,
  '202612101504_create-tpp-runs': m101504,
  '202612101505_create-tpp-run-lines': m101505,
  '202612101506_create-tpp-run-events': m101506,
  '202612101507_create-tpp-objections': m101507,
  '202612101508_create-tpp-corrections': m101508,
  '202612111110_create-tpp-treasurers': m111110,
  '202612120100_status-months-made-up-late': m120100,
  '202612120200_tpp-run-lines-exact-snapshot': m120200,
  '202612120300_tpp-run-lines-breakdown-text': m120300,
  '202612120301_create-inspections': m202612120301,
  '202612120302_create-complaints': m202612120302,
  '202612120320_create-complaint-events': m202612120320,
  '202612120321_create-complaint-photos': m202612120321,
  '202612120303_create-election-watch': m202612120303,
  '202612120340_create-election-watch-acks': m202612120340,
  '202612120341_create-election-watch-escalations': m202612120341,
  '202612120342_create-neutrality-reports': m202612120342,
  '202612120304_create-teladan': m202612120304,
  '202612120360_create-teladan-nominations': m202612120360,
  '202612120361_create-teladan-reviews': m202612120361,
  '202612120305_create-inspection-checklist': m202612120305,
  '202612120306_create-inspection-roster': m202612120306,
  '202612120307_create-inspection-marks': m202612120307,
  '202612120308_create-inspection-findings': m202612120308,
  '202612120402_create-competency-technicals': m202612120402,
  '202612120403_create-competency-position-levels': m202612120403,
  '202612120404_create-competency-assessments': m202612120404,
  '202612120405_create-competency-trainings': m202612120405,
  '202612120406_create-competency-training-budgets': m202612120406,
  '202612120407_create-competency-training-records': m202612120407,
  '202612120408_create-competency-change-projects': m202612120408,
  '202612120409_create-competency-change-project-assessors': m202612120409,
  '202612120410_create-competency-change-project-ratings': m202612120410,
  '202612200101_add-job-leases': m202612200101,
};
