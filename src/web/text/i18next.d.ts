import type { Messages } from './id.ts';

/**
 * Typed translation keys: `t('no.such.key')` fails `npm run typecheck`. The resources are the Indonesian strings'
 * shape (`Messages`, id.ts), which every language file has.
 */
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: Messages };
  }
}
