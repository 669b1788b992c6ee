import { Badge, Button, Group, Menu, Select, SimpleGrid, Paper, Text } from '@mantine/core';
import { IconDownload } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { ExportFormat, RecapRow } from '../../api/recap.ts';
import { currentMonth, recentMonths } from '../../api/recap.ts';
import { MONTHS_ID } from '../../../core/common/date-text.ts';
import {
  EARLY_BAND_FIGURES,
  LATE_BAND_FIGURES,
  type EarlyBandFigure,
  type LateBandFigure,
} from '../../../core/recap/recap-figures.ts';

/** Colour of a day code (the legend and the calendar use the same). */
export function codeColor(code: string): string {
  if (code === 'H') return 'teal';
  if (code === 'TK') return 'red';
  if (code === 'LIBUR' || code === 'CBER') return 'gray';
  if (['I', 'S', 'DSP'].includes(code)) return 'yellow';
  if (['DL', 'TGL', 'TB', 'DIKLAT'].includes(code)) return 'indigo';
  return 'grape';
}

const MONTHS_EN = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

export function useMonthLabel() {
  const { i18n } = useTranslation();
  const names = i18n.language.startsWith('en') ? MONTHS_EN : MONTHS_ID;
  return (month: string) => `${names[Number(month.slice(5, 7)) - 1]} ${month.slice(0, 4)}`;
}

/** A labelled month picker over the last 13 months. */
export function MonthSelect({ value, onChange }: { value: string; onChange: (m: string) => void }) {
  const { t } = useTranslation();
  const label = useMonthLabel();
  return (
    <Select
      label={t('recap.month')}
      data={recentMonths(currentMonth()).map((m) => ({ value: m, label: label(m) }))}
      value={value}
      onChange={(v) => v && onChange(v)}
      allowDeselect={false}
      w={{ base: '100%', xs: 200 }}
      data-testid="recap-month"
    />
  );
}

/** A download menu (XLSX, PDF, CSV) of plain links: the browser sends the session cookie. */
export function DownloadMenu({ url, testId }: { url: (f: ExportFormat) => string; testId: string }) {
  const { t } = useTranslation();
  return (
    <Menu position="bottom-end">
      <Menu.Target>
        <Button variant="light" leftSection={<IconDownload size={16} />} data-testid={testId}>
          {t('recap.download')}
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Item component="a" href={url('xlsx')} download data-testid={`${testId}-xlsx`}>
          {t('recap.downloadXlsx')}
        </Menu.Item>
        <Menu.Item component="a" href={url('pdf')} download data-testid={`${testId}-pdf`}>
          {t('recap.downloadPdf')}
        </Menu.Item>
        <Menu.Item component="a" href={url('csv')} download data-testid={`${testId}-csv`}>
          {t('recap.downloadCsv')}
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}

/** Days per band, `TL1 0 · TL2 1 · …` (the bands of src/core/recap/recap-figures.ts). */
const bandCounts = (recap: RecapRow, bands: readonly (LateBandFigure | EarlyBandFigure)[]) =>
  bands.map((band) => `${band.toUpperCase()} ${recap[band]}`).join(' · ');

/** The figures of one employee-month as small stat cards. */
export function RecapSummary({ recap }: { recap: RecapRow }) {
  const { t } = useTranslation();
  const stats: [string, string, string?][] = [
    [t('recap.workingDays'), String(recap.workingDays)],
    [t('recap.present'), String(recap.codeCounts.H ?? 0)],
    [t('recap.onTime'), String(recap.onTimeDays)],
    [t('recap.tk'), String(recap.tkDays)],
    [t('recap.lateMinutes'), `${recap.lateMinutes} (${bandCounts(recap, LATE_BAND_FIGURES)})`],
    [t('recap.earlyMinutes'), `${recap.earlyMinutes} (${bandCounts(recap, EARLY_BAND_FIGURES)})`],
    [
      t('recap.tkEquivalent'),
      String(recap.tkEquivalentDays),
      t('recap.tkEquivalentHint', {
        minutes: recap.lateMinutes + recap.earlyMinutes,
        perDay: recap.minutesPerDay,
      }),
    ],
    [
      t('recap.apel'),
      recap.apelPercent === null ? '—' : `${recap.apelPercent}%`,
      t('recap.apelValue', { attended: recap.apelAttended, target: recap.apelTarget }),
    ],
    [t('recap.locations'), `WFO ${recap.wfoDays} · WFH ${recap.wfhDays} · WFA ${recap.wfaDays}`],
  ];
  return (
    <SimpleGrid cols={{ base: 2, sm: 3 }} spacing="xs" data-testid="recap-summary">
      {stats.map(([label, value, hint]) => (
        <Paper key={label} withBorder p="xs" radius="md">
          <Text size="xs" c="dimmed">
            {label}
          </Text>
          <Text fw={600}>{value}</Text>
          {hint && (
            <Text size="xs" c="dimmed">
              {hint}
            </Text>
          )}
        </Paper>
      ))}
    </SimpleGrid>
  );
}

/** The codes used in a month with their names. */
export function CodeLegend({ codes }: { codes: string[] }) {
  const { t } = useTranslation();
  return (
    <Group gap={6} aria-label={t('recap.legend')} data-testid="recap-legend">
      {codes.map((c) => (
        <Badge key={c} color={codeColor(c)} variant="light" radius="sm">
          {c} · {t(`recap.codeNames.${c}`, { defaultValue: c })}
        </Badge>
      ))}
    </Group>
  );
}
