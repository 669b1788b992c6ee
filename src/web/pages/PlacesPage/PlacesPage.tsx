import { Tabs } from '@mantine/core';
import { IconBuilding, IconHome, IconRoute } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { PageHeader } from '../../components/PageHeader.tsx';
import { EmployeePlacesTab } from './components/EmployeePlacesTab.tsx';
import { OfficesTab } from './components/OfficesTab.tsx';

const TABS = ['kantor', 'wfh', 'dinas-luar'] as const;
type Tab = (typeof TABS)[number];

/** /presensi/lokasi: where people may punch from: office geofences, WFH/WFA locations, dinas luar. */
export function PlacesPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const tab: Tab = (TABS as readonly string[]).includes(params.get('tab') ?? '')
    ? (params.get('tab') as Tab)
    : 'kantor';
  return (
    <>
      <PageHeader title={t('places.title')} subtitle={t('places.subtitle')} />
      <Tabs
        value={tab}
        onChange={(value) => setParams(value && value !== 'kantor' ? { tab: value } : {}, { replace: true })}
        keepMounted={false}
      >
        <Tabs.List mb="md">
          <Tabs.Tab value="kantor" leftSection={<IconBuilding size={16} />}>
            {t('places.tabs.offices')}
          </Tabs.Tab>
          <Tabs.Tab value="wfh" leftSection={<IconHome size={16} />}>
            {t('places.tabs.work')}
          </Tabs.Tab>
          <Tabs.Tab value="dinas-luar" leftSection={<IconRoute size={16} />}>
            {t('places.tabs.field')}
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="kantor">
          <OfficesTab />
        </Tabs.Panel>
        <Tabs.Panel value="wfh">
          <EmployeePlacesTab kind="work" />
        </Tabs.Panel>
        <Tabs.Panel value="dinas-luar">
          <EmployeePlacesTab kind="field" />
        </Tabs.Panel>
      </Tabs>
    </>
  );
}
