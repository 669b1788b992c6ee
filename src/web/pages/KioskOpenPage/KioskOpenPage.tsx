import { Button, Card, NumberInput, Select, Stack, Text, TextInput } from '@mantine/core';
import { IconQrcode } from '@tabler/icons-react';
import type { FormEvent } from 'react';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { useApelSessions, useOpenKiosk } from '../../api/attendance.ts';
import { useUnitTree } from '../../api/units.ts';
import type { UnitTreeNode } from '../../api/types.ts';
import { ErrorState } from '../../components/ErrorState.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { UnitSelect } from '../../components/UnitSelect.tsx';
import { defaultTimeZone, formatTime, localDateIn } from '../../lib/format.ts';

function findUnit(nodes: UnitTreeNode[], id: string | null): UnitTreeNode | null {
  if (!id) return null;
  for (const node of nodes) {
    if (node.id === id) return node;
    const found = findUnit(node.children, id);
    if (found) return found;
  }
  return null;
}

/** Kiosk address: id and token, plus what the screen shows (unit, label, zone), so it survives a reload. */
export function kioskPath(
  kiosk: { id: string; token: string; unitName: string; label: string },
  timeZone: string,
) {
  const query = new URLSearchParams({
    token: kiosk.token,
    unit: kiosk.unitName,
    label: kiosk.label,
    tz: timeZone,
  });
  return `/kiosk/${encodeURIComponent(kiosk.id)}?${query.toString()}`;
}

/** /presensi/kios: admin OPD opens a QR kiosk for a unit (optionally for today's apel) and goes to its screen. */
export function KioskOpenPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const tree = useUnitTree();
  const [unitId, setUnitId] = useState<string | null>(params.get('unitId'));
  const [apelSessionId, setApelSessionId] = useState<string | null>(params.get('apelSessionId'));
  const [label, setLabel] = useState(t('kiosk.defaultLabel'));
  const [hours, setHours] = useState<number | string>(12);
  const [unitError, setUnitError] = useState<string | null>(null);
  const open = useOpenKiosk();

  const unit = useMemo(() => findUnit(tree.data ?? [], unitId), [tree.data, unitId]);
  const timeZone = unit?.timeZone ?? defaultTimeZone();
  const date = localDateIn(Date.now(), timeZone);
  const sessions = useApelSessions(unitId, date);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!unitId) {
      setUnitError(t('common.required'));
      return;
    }
    setUnitError(null);
    open.mutate(
      {
        unitId,
        apelSessionId: apelSessionId ?? undefined,
        label: label.trim() || t('kiosk.defaultLabel'),
        hours: typeof hours === 'number' ? hours : 12,
      },
      { onSuccess: (kiosk) => void navigate(kioskPath(kiosk, timeZone)) },
    );
  };

  return (
    <Stack maw={560} mx="auto" gap="md">
      <PageHeader title={t('kiosk.openTitle')} subtitle={t('kiosk.openSubtitle')} />
      <Card withBorder radius="md">
        <form onSubmit={submit} noValidate>
          <Stack gap="sm">
            {open.error && <ErrorState error={open.error} compact />}
            <UnitSelect
              label={t('kiosk.unit')}
              placeholder={t('places.pickUnit')}
              value={unitId}
              onChange={(id) => {
                setUnitId(id);
                setApelSessionId(null);
              }}
              required
              error={unitError ?? undefined}
              data-testid="kiosk-unit-select"
            />
            <Select
              label={t('kiosk.apelSession')}
              placeholder={sessions.isFetching ? t('common.loading') : t('kiosk.noApel')}
              clearable
              disabled={!unitId}
              value={apelSessionId}
              onChange={setApelSessionId}
              data={(sessions.data ?? []).map((s) => ({
                value: s.id,
                label: `${s.title} (${formatTime(s.opensAt, timeZone)}–${formatTime(s.closesAt, timeZone, { zone: false })})`,
              }))}
              comboboxProps={{ withinPortal: true }}
            />
            <TextInput
              label={t('kiosk.label')}
              value={label}
              onChange={(e) => setLabel(e.currentTarget.value)}
              maxLength={100}
            />
            <NumberInput
              label={t('kiosk.hours')}
              min={1}
              max={24}
              allowDecimal={false}
              value={hours}
              onChange={setHours}
            />
            <Text size="xs" c="dimmed">
              {t('kiosk.openHint')}
            </Text>
            <Button
              type="submit"
              leftSection={<IconQrcode size={18} />}
              loading={open.isPending}
              data-testid="open-kiosk"
            >
              {t('kiosk.open')}
            </Button>
          </Stack>
        </form>
      </Card>
    </Stack>
  );
}
