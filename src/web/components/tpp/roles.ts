import type { Role } from '../../../shared/api/access.ts';

/** Who reads TPP runs and inputs in scope (server: tpp.read). */
export const TPP_READERS: readonly Role[] = ['ADMIN_OPD', 'BKD', 'INSPEKTORAT', 'PIMPINAN', 'SUPER_ADMIN'];
/** Who computes runs, checks and publishes them, records pay data and exclusions (server: tpp.run). */
export const TPP_RUNNERS: readonly Role[] = ['ADMIN_OPD', 'BKD', 'SUPER_ADMIN'];
/** Who sets tariff tables and pagu, approves and locks runs as BKD (server: tpp.manage). */
export const TPP_MANAGERS: readonly Role[] = ['BKD', 'SUPER_ADMIN'];
/** Who opens the runs and the data pages (Proses TPP, data gaji, pengecualian): readers and runners. */
export const TPP_DATA_VIEWERS: readonly Role[] = [...new Set([...TPP_READERS, ...TPP_RUNNERS])];
