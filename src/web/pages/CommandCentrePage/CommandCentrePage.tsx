import { Alert, Button, Group, Select, SimpleGrid, Stack, Text } from '@mantine/core';
import { IconCloudOff, IconDownload, IconFileTypePdf } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import {
  commandCentreBriefingUrl,
  commandCentreExportUrl,
  useCommandCentre,
} from '../../api/command-centre.ts';
import { currentMonth, recentMonths } from '../../api/recap.ts';
import { ErrorState } from '../../components/ErrorState.tsx';
import { LoadingState } from '../../components/LoadingState.tsx';
import { useOnline } from '../../components/OfflineBanner.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { useMonthLabel } from '../RekapPage/recap-ui.tsx';
import {
  ComplaintsTile,
  DisciplineTile,
  InspectionsTile,
  KinerjaTile,
  LowestTile,
  MapTile,
  TodayTile,
  TppTile,
  TrendTile,
} from './tiles.tsx';

/**
 * Ruang Kendali (issue 18 point 5; docs/command-centre.md): the leaders' one page — today's attendance per OPD with a
 * map of the units, the monthly trend, the OPDs with the lowest compliance, inspections, complaints, discipline
 * cases, e-Kinerja verification and TPP deductions, each tile linking to its list; the per-OPD table as XLSX/CSV
 * and the monthly briefing as PDF. The server limits everything to the caller's scope (a head of OPD: their OPD).
 * Filters in the address (`unit`, `bulan`), so a view can be shared.
 */
export function CommandCentrePage() {
  const { t } = useTranslation();
  const monthLabel = useMonthLabel();
  const online = useOnline();
  const [params, setParams] = useSearchParams();
  const unitId = params.get('unit') ?? undefined;
  const month = params.get('bulan') ?? undefined;
  const query = { unitId, month };
  const cc = useCommandCentre(query);
  const set = (k: string, v: string | null) => {
    const next = new URLSearchParams(params);
    if (v) next.set(k, v);
    else next.delete(k);
    setParams(next, { replace: true });
  };
  const data = cc.data;

  return (
    <Stack gap="md" data-testid="command-centre">
      <PageHeader
        title={t('commandCentre.title')}
        subtitle={data ? t('commandCentre.subtitle', { scope: data.scope.unitName }) : undefined}
      />
      {!online && (
        <Alert color="yellow" icon={<IconCloudOff size={18} />} data-testid="cc-offline">
          {t('commandCentre.offline')}
        </Alert>
      )}
      {data && (
        <Group gap="sm" align="flex-end" wrap="wrap">
          {data.scope.units.length > 1 && (
            <Select
              label={t('commandCentre.unit')}
              placeholder={t('commandCentre.allUnits')}
              data={data.scope.units.map((u) => ({ value: u.id, label: u.name }))}
              value={unitId ?? null}
              onChange={(v) => set('unit', v)}
              clearable
              searchable
              w={{ base: '100%', xs: 260 }}
              data-testid="cc-unit"
            />
          )}
          <Select
            label={t('commandCentre.month')}
            data={recentMonths(currentMonth()).map((m) => ({ value: m, label: monthLabel(m) }))}
            value={data.month}
            onChange={(v) => set('bulan', v)}
            allowDeselect={false}
            w={{ base: '100%', xs: 200 }}
            data-testid="cc-month"
          />
          <Group gap="xs" wrap="wrap">
            <Button
              component="a"
              href={commandCentreExportUrl('xlsx', query)}
              variant="default"
              leftSection={<IconDownload size={16} />}
              data-testid="cc-export-xlsx"
            >
              {t('commandCentre.exportXlsx')}
            </Button>
            <Button
              component="a"
              href={commandCentreExportUrl('csv', query)}
              variant="default"
              leftSection={<IconDownload size={16} />}
            >
              {t('commandCentre.exportCsv')}
            </Button>
            <Button
              component="a"
              href={commandCentreBriefingUrl(query)}
              variant="light"
              leftSection={<IconFileTypePdf size={16} />}
              data-testid="cc-briefing"
            >
              {t('commandCentre.briefing')}
            </Button>
          </Group>
        </Group>
      )}
      {cc.isPending ? (
        <LoadingState />
      ) : cc.isError && !data ? (
        <ErrorState error={cc.error} onRetry={() => void cc.refetch()} />
      ) : data ? (
        <>
          <Text size="xs" c="dimmed">
            {t('commandCentre.updated', { time: formatDateTime(data.generatedAt) })}
          </Text>
          <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
            <TodayTile cc={data} />
            <MapTile cc={data} />
            <TrendTile cc={data} />
            <LowestTile cc={data} />
            <InspectionsTile cc={data} />
            <ComplaintsTile cc={data} />
            <DisciplineTile cc={data} />
            <KinerjaTile cc={data} />
            <TppTile cc={data} />
          </SimpleGrid>
        </>
      ) : null}
    </Stack>
  );
}
