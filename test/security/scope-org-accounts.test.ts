import { ORG_ACCOUNTS_ACCESS } from './access/org-accounts.ts';
import { scopeSuite } from './scope-harness.ts';

// Health, sign-in, organisation, audit, imports, documents, rulebooks, dashboard, accounts, notifications, jobs.
scopeSuite('organisation and accounts', ORG_ACCOUNTS_ACCESS);
