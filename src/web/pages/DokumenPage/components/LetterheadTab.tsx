import {
  Badge,
  Button,
  Card,
  Center,
  FileButton,
  Group,
  Image,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconDeviceFloppy, IconPhoto, IconPhotoUp, IconUpload } from '@tabler/icons-react';
import type { FormEvent } from 'react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import {
  useLetterheads,
  useSetLetterhead,
  useUploadLetterheadLogo,
  type Letterhead,
} from '../../../api/documents.ts';
import { useUnit, useUnitTree } from '../../../api/units.ts';
import type { UnitTreeNode } from '../../../api/types.ts';
import { ErrorState } from '../../../components/ErrorState.tsx';
import { useFieldErrors } from '../../../components/field-errors.ts';
import { LoadingState } from '../../../components/LoadingState.tsx';
import { useOnline } from '../../../components/OfflineBanner.tsx';
import { UnitSelect } from '../../../components/UnitSelect.tsx';
import { formatDateTime, formatFileSize } from '../../../lib/format.ts';
import { findUnitNode, shownAtFields } from './letter-number-preview.ts';
import { LetterheadPreview, type LetterheadLines } from './LetterheadPreview.tsx';

/** Largest logo the server takes (src/shared/api/documents.ts LOGO_MAX_BYTES; the server checks, this only tells). */
const LOGO_MAX_KB = 512;

/**
 * Logos uploaded in this session, by the sha256 the server stored them under (shown at once, without a round trip;
 * the stored one is the same picture without its metadata).
 */
const logoUrls = new Map<string, string>();

/** A stored logo's address (GET /api/documents/letterheads/logo; the hash keeps a changed logo from a stale cache). */
function logoUrl(owner: string | null, sha256: string): string {
  return (
    logoUrls.get(sha256) ??
    `/api/documents/letterheads/logo?${owner ? `unitId=${encodeURIComponent(owner)}&` : ''}v=${sha256}`
  );
}

const FIELDS = ['regionName', 'agencyName', 'address', 'contact'] as const;
type Field = (typeof FIELDS)[number];

const orNull = (v: string) => (v.trim() === '' ? null : v.trim());

/** The root above a unit in the scope-filtered tree (the tree's only root for the region's letterhead). */
function rootOf(tree: readonly UnitTreeNode[], unitId: string | null): UnitTreeNode | null {
  if (unitId === null) return tree.length === 1 ? tree[0]! : null;
  return tree.find((root) => findUnitNode([root], unitId)) ?? null;
}

/** "Kop surat": the region's letterhead (no unit) or a unit's, its logo and a live preview. */
export function LetterheadTab() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const unitId = params.get('unit');
  const letterheads = useLetterheads();
  const tree = useUnitTree();

  const setUnit = (next: string | null) =>
    setParams(
      (prev) => {
        const p = new URLSearchParams(prev);
        if (next) p.set('unit', next);
        else p.delete('unit');
        return p;
      },
      { replace: true },
    );

  const configured = letterheads.data?.items ?? [];
  return (
    <Stack gap="md">
      <Card withBorder radius="md" padding="sm">
        <Stack gap={6}>
          <UnitSelect
            label={t('documents.letterhead.unit')}
            placeholder={t('documents.letterhead.unitPlaceholder')}
            value={unitId}
            onChange={setUnit}
            data-testid="letterhead-unit"
          />
          <Text size="xs" c="dimmed">
            {t('documents.letterhead.unitHint')}
          </Text>
          {configured.length > 0 && (
            <Group gap={6} wrap="wrap" data-testid="letterhead-configured">
              <Text size="xs" c="dimmed">
                {t('documents.letterhead.configured')}
              </Text>
              {configured.map((l) => (
                <Badge
                  key={l.id}
                  component="button"
                  type="button"
                  variant={l.unitId === unitId ? 'filled' : 'light'}
                  radius="sm"
                  tt="none"
                  style={{ cursor: 'pointer' }}
                  onClick={() => setUnit(l.unitId)}
                >
                  {l.unitId === null ? t('documents.letterhead.region') : (l.unitName ?? '—')}
                </Badge>
              ))}
            </Group>
          )}
        </Stack>
      </Card>
      {letterheads.isPending ? (
        <LoadingState />
      ) : letterheads.isError ? (
        <ErrorState error={letterheads.error} onRetry={() => void letterheads.refetch()} />
      ) : (
        <LetterheadEditor
          key={unitId ?? 'region'}
          unitId={unitId}
          own={configured.find((l) => l.unitId === unitId) ?? null}
          region={configured.find((l) => l.unitId === null) ?? null}
          rootName={rootOf(tree.data ?? [], unitId)?.name ?? null}
        />
      )}
    </Stack>
  );
}

function LetterheadEditor({
  unitId,
  own,
  region,
  rootName,
}: {
  unitId: string | null;
  own: Letterhead | null;
  region: Letterhead | null;
  rootName: string | null;
}) {
  const { t } = useTranslation();
  const online = useOnline();
  const unit = useUnit(unitId);
  const save = useSetLetterhead();
  const fieldErrors = useFieldErrors<Field>();
  const [regionName, setRegionName] = useState(own?.regionName ?? '');
  const [agencyName, setAgencyName] = useState(own?.agencyName ?? '');
  const [address, setAddress] = useState(own?.address ?? '');
  const [contact, setContact] = useState(own?.contact ?? '');
  const isRegion = unitId === null;

  if (unitId !== null && unit.isError)
    return <ErrorState error={unit.error} onRetry={() => void unit.refetch()} />;

  // What each empty line falls back to when a letter is printed (document-service letterheadFor).
  const regionFallback = (isRegion ? null : region?.regionName) ?? rootName;
  const unitName = unit.data?.name ?? null;
  const unitAddress = unit.data?.address ?? null;
  const effectiveLogo = own?.logo ?? (isRegion ? null : region?.logo) ?? null;
  const lines: LetterheadLines = {
    regionName: orNull(regionName) ?? regionFallback ?? '',
    agencyName: isRegion ? null : (orNull(agencyName) ?? unitName ?? ''),
    address: isRegion ? null : (orNull(address) ?? unitAddress),
    contact: isRegion ? null : orNull(contact),
    logo: effectiveLogo ? { url: logoUrl(own?.logo ? unitId : null, effectiveLogo.sha256) } : null,
  };
  const fallback = (value: string | null | undefined) =>
    value ? t('documents.letterhead.fallback', { value }) : t('documents.letterhead.notPrinted');

  const submit = (event: FormEvent) => {
    event.preventDefault();
    fieldErrors.setErrors({});
    save.mutate(
      {
        unitId,
        regionName: orNull(regionName),
        // The region's letterhead prints only its name and logo; its other lines are kept as they are.
        agencyName: isRegion ? (own?.agencyName ?? null) : orNull(agencyName),
        address: isRegion ? (own?.address ?? null) : orNull(address),
        contact: isRegion ? (own?.contact ?? null) : orNull(contact),
      },
      {
        onSuccess: () => notifications.show({ color: 'teal', message: t('documents.letterhead.saved') }),
        onError: (error) => fieldErrors.fromError(error, FIELDS),
      },
    );
  };

  return (
    <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
      <Card withBorder radius="md" padding="md">
        <form onSubmit={submit} noValidate data-testid="letterhead-form" data-unit={unitId ?? 'region'}>
          <Stack gap="sm">
            <Group justify="space-between" gap="xs" wrap="wrap">
              <Title order={4}>
                {isRegion ? t('documents.letterhead.region') : (unitName ?? t('common.loading'))}
              </Title>
              {own && (
                <Text size="xs" c="dimmed">
                  {t('documents.updated', { time: formatDateTime(own.updatedAt) })}
                </Text>
              )}
            </Group>
            {save.error != null && !shownAtFields(save.error, FIELDS) && (
              <ErrorState error={save.error} compact />
            )}
            <TextInput
              label={t('documents.letterhead.regionName')}
              description={t('documents.letterhead.regionNameHint')}
              placeholder={fallback(regionFallback)}
              value={regionName}
              onChange={(e) => setRegionName(e.currentTarget.value)}
              error={fieldErrors.errors.regionName}
              maxLength={120}
            />
            {!isRegion && (
              <>
                <TextInput
                  label={t('documents.letterhead.agencyName')}
                  placeholder={fallback(unitName)}
                  value={agencyName}
                  onChange={(e) => setAgencyName(e.currentTarget.value)}
                  error={fieldErrors.errors.agencyName}
                  maxLength={160}
                />
                <TextInput
                  label={t('documents.letterhead.address')}
                  placeholder={fallback(unitAddress)}
                  value={address}
                  onChange={(e) => setAddress(e.currentTarget.value)}
                  error={fieldErrors.errors.address}
                  maxLength={240}
                />
                <TextInput
                  label={t('documents.letterhead.contact')}
                  description={t('documents.letterhead.contactHint')}
                  placeholder={t('documents.letterhead.contactPlaceholder')}
                  value={contact}
                  onChange={(e) => setContact(e.currentTarget.value)}
                  error={fieldErrors.errors.contact}
                  maxLength={240}
                />
              </>
            )}
            <Group justify="flex-end">
              <Button
                type="submit"
                leftSection={<IconDeviceFloppy size={16} />}
                loading={save.isPending}
                disabled={!online}
                data-testid="letterhead-save"
              >
                {t('documents.letterhead.save')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Card>
      <Stack gap="md">
        <LogoCard unitId={unitId} own={own} region={isRegion ? null : region} />
        <Stack gap={6}>
          <Text fw={600} size="sm">
            {t('documents.letterhead.preview')}
          </Text>
          <LetterheadPreview lines={lines} />
          <Text size="xs" c="dimmed">
            {t('documents.letterhead.previewHint')}
          </Text>
        </Stack>
      </Stack>
    </SimpleGrid>
  );
}

/** The letterhead's logo: the one stored (or the region's), a new one chosen and previewed, then uploaded. */
function LogoCard({
  unitId,
  own,
  region,
}: {
  unitId: string | null;
  own: Letterhead | null;
  region: Letterhead | null;
}) {
  const { t } = useTranslation();
  const online = useOnline();
  const upload = useUploadLetterheadLogo();
  const [chosen, setChosen] = useState<{ file: File; url: string } | null>(null);
  const file = chosen?.file ?? null;
  const chosenUrl = chosen?.url ?? null;
  // A chosen file's address is released when another is chosen or the card goes, unless it became a stored logo.
  useEffect(() => () => release(chosenUrl), [chosenUrl]);
  const choose = (next: File | null) => {
    upload.reset();
    setChosen(next ? { file: next, url: URL.createObjectURL(next) } : null);
  };

  const stored = own?.logo ?? null;
  const shownUrl = chosenUrl ?? (stored ? logoUrl(unitId, stored.sha256) : null);
  const status = file
    ? t('documents.letterhead.logoChosen', { name: file.name, size: formatFileSize(file.size) })
    : stored
      ? t('documents.letterhead.logoStored', { type: stored.type === 'image/png' ? 'PNG' : 'JPEG' })
      : region?.logo
        ? t('documents.letterhead.logoFromRegion')
        : t('documents.letterhead.logoNone');

  const send = () => {
    if (!file) return;
    upload.mutate(
      { unitId, file },
      {
        onSuccess: (saved) => {
          if (saved.logo && chosenUrl) logoUrls.set(saved.logo.sha256, chosenUrl);
          setChosen(null);
          notifications.show({ color: 'teal', message: t('documents.letterhead.logoUploaded') });
        },
      },
    );
  };

  return (
    <Card withBorder radius="md" padding="md" data-testid="letterhead-logo">
      <Stack gap="sm">
        <Text fw={600} size="sm">
          {t('documents.letterhead.logo')}
        </Text>
        <Group gap="md" wrap="nowrap" align="center">
          {shownUrl ? (
            <Image
              src={shownUrl}
              alt={t('documents.letterhead.logoAlt')}
              w={72}
              h={72}
              fit="contain"
              radius="sm"
              style={{ flex: 'none', border: '1px solid var(--mantine-color-default-border)' }}
              data-testid="letterhead-logo-image"
            />
          ) : (
            <EmptyLogo />
          )}
          <Stack gap={2} style={{ minWidth: 0 }}>
            <Text size="sm" style={{ overflowWrap: 'anywhere' }} data-testid="letterhead-logo-status">
              {status}
            </Text>
            <Text size="xs" c="dimmed">
              {t('documents.letterhead.logoHint', { max: LOGO_MAX_KB })}
            </Text>
          </Stack>
        </Group>
        {upload.error != null && <ErrorState error={upload.error} compact />}
        <Group justify="flex-end" gap="xs" wrap="wrap">
          <FileButton
            onChange={choose}
            accept="image/png,image/jpeg"
            inputProps={{ 'data-testid': 'letterhead-logo-input' } as Record<string, string>}
          >
            {(props) => (
              <Button {...props} variant="default" leftSection={<IconPhotoUp size={16} />}>
                {t('documents.letterhead.logoChoose')}
              </Button>
            )}
          </FileButton>
          <Button
            leftSection={<IconUpload size={16} />}
            onClick={send}
            disabled={!file || !online}
            loading={upload.isPending}
            data-testid="letterhead-logo-upload"
          >
            {t('documents.letterhead.logoUpload')}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}

/** Frees an object URL of a chosen file unless it stands for a stored logo now. */
function release(url: string | null) {
  if (url && ![...logoUrls.values()].includes(url)) URL.revokeObjectURL(url);
}

function EmptyLogo() {
  return (
    <Center
      w={72}
      h={72}
      style={{ flex: 'none', border: '1px dashed var(--mantine-color-gray-5)', borderRadius: 4 }}
    >
      <IconPhoto size={28} color="var(--mantine-color-gray-5)" />
    </Center>
  );
}
