import { Tabs } from '@mantine/core';
import { IconListNumbers, IconTemplate } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { PageHeader } from '../../components/PageHeader.tsx';
import { LetterheadTab } from './components/LetterheadTab.tsx';
import { SchemesTab } from './components/SchemesTab.tsx';

const TABS = ['kop', 'penomoran'] as const;
type Tab = (typeof TABS)[number];

/**
 * /pengaturan/dokumen: BKD (and the super admin) set what official letters carry (issue 14 point 4): the letterhead
 * of the region and of each unit (names, address, contact, logo) and the letter-number schemes per unit and letter
 * type. The server checks the role and the unit scope of every change and says why it refuses one.
 */
export function DokumenPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const tab: Tab = (TABS as readonly string[]).includes(params.get('tab') ?? '')
    ? (params.get('tab') as Tab)
    : 'kop';
  return (
    <>
      <PageHeader title={t('documents.title')} subtitle={t('documents.subtitle')} />
      <Tabs
        value={tab}
        onChange={(value) => setParams(value && value !== 'kop' ? { tab: value } : {}, { replace: true })}
        keepMounted={false}
      >
        <Tabs.List mb="md">
          <Tabs.Tab value="kop" leftSection={<IconTemplate size={16} />} data-testid="documents-tab-kop">
            {t('documents.tabs.letterhead')}
          </Tabs.Tab>
          <Tabs.Tab
            value="penomoran"
            leftSection={<IconListNumbers size={16} />}
            data-testid="documents-tab-penomoran"
          >
            {t('documents.tabs.numbering')}
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="kop">
          <LetterheadTab />
        </Tabs.Panel>
        <Tabs.Panel value="penomoran">
          <SchemesTab />
        </Tabs.Panel>
      </Tabs>
    </>
  );
}
