import { ATTENDANCE_ACCESS } from './access/attendance.ts';
import { scopeSuite } from './scope-harness.ts';

// Attendance (punches, reviews, phones, locations, kiosks, apel, terminals) and rosters.
scopeSuite('attendance', ATTENDANCE_ACCESS);
