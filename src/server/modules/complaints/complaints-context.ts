import type { Clock } from '../../clock.ts';
import type { Config } from '../../config.ts';
import type { Db } from '../../db/database.ts';
import type { AttachmentService } from '../../files/attachment-service.ts';
import { localDateAt } from '../../../core/org/relations.ts';
import type { IndonesianTimeZone } from '../../../core/common/zoned-time.ts';
import { PERMISSIONS } from '../../auth/authz.ts';
import type { AuditService } from '../audit/audit-service.ts';
import type { DisciplineService } from '../discipline/discipline-service.ts';
import type { NotificationService } from '../notifications/notification-service.ts';
import type { ComplaintsRepo } from './complaints-repo.ts';

export interface ComplaintsDeps {
  db: Db;
  repo: ComplaintsRepo;
  audit: AuditService;
  clock: Clock;
  config: Pick<Config, 'complaints' | 'importLimits'>;
  files: AttachmentService;
  notifications: NotificationService;
  /** Looked up when a case is opened (built before this module, passed lazily like the other modules do). */
  discipline: () => Pick<DisciplineService, 'cases'>;
}

/** What the sections of the complaints module share: their dependencies and the notifications they send. */
export function createComplaintsContext(deps: ComplaintsDeps) {
  const { repo, notifications, clock } = deps;

  /** Today in a unit's zone. */
  const todayIn = (zone: string) => localDateAt(clock.now().getTime(), zone as IndonesianTimeZone);

  /** BKD's complaint handlers over the unit named get an inbox entry: a complaint waits to be routed. */
  async function notifyManagers(trx: Db, id: string, unitPath: string, title: string, unitName: string) {
    const users = await repo.holders(PERMISSIONS['complaints.manage'], unitPath, trx);
    await notifications.notify(trx, {
      userIds: users.map((u) => u.userId),
      kind: 'complaint.waiting',
      title,
      body: `Pengaduan tentang ${unitName} menunggu diteruskan ke OPD yang bertanggung jawab.`,
      link: `/pengaduan?id=${id}`,
      entity: { type: 'complaint', id },
    });
  }

  /** The OPD's handlers get an inbox entry: a complaint routed to them waits for their answer (never the one reported). */
  async function notifyHandlers(
    trx: Db,
    c: { id: string; title: string; reportedEmployeeId: string | null },
    unitPath: string,
    dueText: string,
    exceptUserIds: string[],
  ) {
    const users = await repo.holders(['ADMIN_OPD'], unitPath, trx);
    await notifications.notify(trx, {
      userIds: users.map((u) => u.userId),
      kind: 'complaint.routed',
      title: `Pengaduan untuk dijawab: ${c.title}`,
      body: `BKD meneruskan pengaduan masyarakat ke unit Anda; jawab paling lambat ${dueText}.`,
      link: `/pengaduan?id=${c.id}`,
      entity: { type: 'complaint', id: c.id },
      exceptUserIds,
      exceptEmployeeIds: c.reportedEmployeeId ? [c.reportedEmployeeId] : [],
      once: false,
    });
  }

  return { ...deps, todayIn, notifyManagers, notifyHandlers };
}
export type ComplaintsContext = ReturnType<typeof createComplaintsContext>;
