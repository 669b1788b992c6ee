import {
  Alert,
  Anchor,
  Box,
  Button,
  Card,
  Code,
  Container,
  FileInput,
  Group,
  Select,
  Stack,
  Text,
  TextInput,
  Textarea,
  Title,
} from '@mantine/core';
import { IconCircleCheck, IconMapPin } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import {
  COMPLAINT_CATEGORIES,
  type ComplaintCategory,
  type ComplaintSubmitted,
} from '../../../shared/api/complaints.ts';
import { uploadComplaintPhoto, useComplaintForm, useSubmitComplaint } from '../../api/complaints.ts';
import { DateField } from '../../components/DateField.tsx';
import { ErrorState } from '../../components/ErrorState.tsx';
import { useDescribeError } from '../../components/error-text.ts';
import { useFieldErrors } from '../../components/field-errors.ts';
import { LoadingState } from '../../components/LoadingState.tsx';
import { formatFileSize } from '../../lib/format.ts';

type Field =
  | 'category'
  | 'unitId'
  | 'reportedName'
  | 'title'
  | 'description'
  | 'incidentDate'
  | 'reporterName'
  | 'reporterContact'
  | 'token';
const FIELDS: readonly Field[] = [
  'category',
  'unitId',
  'reportedName',
  'title',
  'description',
  'incidentDate',
  'reporterName',
  'reporterContact',
  'token',
];

/**
 * /lapor: the public complaint form (no account; issue 18 point 2). Units are picked from the public list (id and
 * name only); the hidden "website" field is the honeypot and the form token carries the time the form was opened
 * (docs/complaints.md). On success the tracking code is shown once, then the photos are sent with it.
 */
export function LaporPage() {
  const { t } = useTranslation();
  const describe = useDescribeError();
  const form = useComplaintForm();
  const submit = useSubmitComplaint();
  const { errors, fromError, clear } = useFieldErrors<Field>();
  const [category, setCategory] = useState<ComplaintCategory | null>(null);
  const [unitId, setUnitId] = useState<string | null>(null);
  const [reportedName, setReportedName] = useState('');
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [incidentDate, setIncidentDate] = useState('');
  const [location, setLocation] = useState<{ lat: number; lon: number } | null>(null);
  const [locationFailed, setLocationFailed] = useState(false);
  const [photos, setPhotos] = useState<File[]>([]);
  const [reporterName, setReporterName] = useState('');
  const [reporterContact, setReporterContact] = useState('');
  const [website, setWebsite] = useState('');
  const [done, setDone] = useState<ComplaintSubmitted | null>(null);
  const [photoResults, setPhotoResults] = useState<{ sent: number; failed: string[] }>({
    sent: 0,
    failed: [],
  });

  if (form.isPending)
    return (
      <Container size="sm" py="md">
        <LoadingState />
      </Container>
    );
  if (form.isError)
    return (
      <Container size="sm" py="md">
        <ErrorState error={form.error} onRetry={() => void form.refetch()} />
      </Container>
    );
  const f = form.data;

  const locate = () => {
    setLocationFailed(false);
    if (!('geolocation' in navigator)) return setLocationFailed(true);
    navigator.geolocation.getCurrentPosition(
      (p) => setLocation({ lat: +p.coords.latitude.toFixed(6), lon: +p.coords.longitude.toFixed(6) }),
      () => setLocationFailed(true),
      { enableHighAccuracy: true, timeout: 15_000 },
    );
  };

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    clear();
    try {
      const result = await submit.mutateAsync({
        token: f.token,
        website,
        category: category ?? ('' as ComplaintCategory),
        unitId: unitId ?? '',
        title,
        description,
        ...(reportedName.trim() ? { reportedName } : {}),
        ...(incidentDate ? { incidentDate } : {}),
        ...(location ? { latitude: location.lat, longitude: location.lon } : {}),
        ...(reporterName.trim() ? { reporterName } : {}),
        ...(reporterContact.trim() ? { reporterContact } : {}),
      });
      setDone(result);
      let sent = 0;
      const failed: string[] = [];
      for (const file of photos) {
        try {
          await uploadComplaintPhoto(result.trackingCode, file);
          sent++;
        } catch (err) {
          failed.push(
            t('complaints.public.photoFailed', {
              name: file.name,
              reason: describe(err).detail ?? describe(err).title,
            }),
          );
        }
      }
      setPhotoResults({ sent, failed });
    } catch (err) {
      fromError(err, FIELDS);
    }
  };

  if (done)
    return (
      <Container size="sm" py="md">
        <Stack>
          <Alert color="green" icon={<IconCircleCheck />} title={t('complaints.public.sent')}>
            <Stack gap="xs">
              <Text size="sm">{t('complaints.public.codeLabel')}</Text>
              <Code fz="xl" fw={700} data-testid="tracking-code" style={{ letterSpacing: 2 }}>
                {done.trackingCode}
              </Code>
              <Text size="sm">{t('complaints.public.codeHint')}</Text>
              {photoResults.sent > 0 && (
                <Text size="sm">{t('complaints.public.photosSent', { count: photoResults.sent })}</Text>
              )}
              {photoResults.failed.map((m) => (
                <Text size="sm" c="red" key={m}>
                  {m}
                </Text>
              ))}
            </Stack>
          </Alert>
          <Group>
            <Button component={Link} to={`/lapor/lacak?kode=${encodeURIComponent(done.trackingCode)}`}>
              {t('complaints.public.track')}
            </Button>
            <Button variant="default" onClick={() => window.location.reload()}>
              {t('complaints.public.newComplaint')}
            </Button>
          </Group>
        </Stack>
      </Container>
    );

  return (
    <Container size="sm" py="md">
      <form onSubmit={(e) => void onSubmit(e)} noValidate>
        <Stack>
          <Title order={2} fz="h3">
            {t('complaints.public.title')}
          </Title>
          <Text size="sm" c="dimmed">
            {t('complaints.public.intro')}
          </Text>
          <Anchor component={Link} to="/lapor/lacak" size="sm">
            {t('complaints.public.track')}
          </Anchor>
          <Select
            label={t('complaints.public.category')}
            required
            data={COMPLAINT_CATEGORIES.map((c) => ({ value: c, label: t(`complaints.categories.${c}`) }))}
            value={category}
            onChange={(v) => setCategory(v as ComplaintCategory | null)}
            error={errors.category}
          />
          <Select
            label={t('complaints.public.unit')}
            placeholder={t('complaints.public.unitPlaceholder')}
            required
            searchable
            data={f.units.map((u) => ({ value: u.id, label: u.name }))}
            value={unitId}
            onChange={setUnitId}
            error={errors.unitId}
            limit={50}
          />
          <TextInput
            label={t('complaints.public.reportedName')}
            value={reportedName}
            onChange={(e) => setReportedName(e.currentTarget.value)}
            error={errors.reportedName}
            maxLength={200}
          />
          <TextInput
            label={t('complaints.public.titleLabel')}
            required
            value={title}
            onChange={(e) => setTitle(e.currentTarget.value)}
            error={errors.title}
            maxLength={200}
          />
          <Textarea
            label={t('complaints.public.description')}
            description={t('complaints.public.descriptionHint')}
            required
            autosize
            minRows={4}
            value={description}
            onChange={(e) => setDescription(e.currentTarget.value)}
            error={errors.description}
            maxLength={4000}
          />
          <DateField
            label={t('complaints.public.incidentDate')}
            value={incidentDate}
            onChange={setIncidentDate}
            error={errors.incidentDate}
          />
          <Stack gap={4}>
            <Text size="sm" fw={500}>
              {t('complaints.public.location')}
            </Text>
            {location ? (
              <Group gap="xs">
                <Text size="sm">{t('complaints.public.locationSet', location)}</Text>
                <Button size="xs" variant="subtle" onClick={() => setLocation(null)}>
                  {t('complaints.public.clearLocation')}
                </Button>
              </Group>
            ) : (
              <Button
                variant="default"
                leftSection={<IconMapPin size={16} />}
                onClick={locate}
                w="fit-content"
              >
                {t('complaints.public.useLocation')}
              </Button>
            )}
            {locationFailed && (
              <Text size="sm" c="dimmed">
                {t('complaints.public.locationFailed')}
              </Text>
            )}
          </Stack>
          {f.maxPhotos > 0 && (
            <FileInput
              label={t('complaints.public.photos', {
                max: f.maxPhotos,
                size: formatFileSize(f.photoMaxBytes),
              })}
              multiple
              clearable
              accept="image/jpeg,image/png,image/webp"
              value={photos}
              onChange={(files) => setPhotos(files.slice(0, f.maxPhotos))}
              error={
                photos.length > f.maxPhotos
                  ? t('complaints.public.tooManyPhotos', { max: f.maxPhotos })
                  : undefined
              }
            />
          )}
          <Card withBorder>
            <Stack gap="xs">
              <Text size="sm" fw={500}>
                {t('complaints.public.reporter')}
              </Text>
              <TextInput
                label={t('complaints.public.reporterName')}
                value={reporterName}
                onChange={(e) => setReporterName(e.currentTarget.value)}
                error={errors.reporterName}
                maxLength={120}
                autoComplete="name"
              />
              <TextInput
                label={t('complaints.public.reporterContact')}
                value={reporterContact}
                onChange={(e) => setReporterContact(e.currentTarget.value)}
                error={errors.reporterContact}
                maxLength={120}
              />
            </Stack>
          </Card>
          {/* The honeypot: off-screen, skipped by keyboard and screen readers; a bot that fills it is refused. */}
          <Box
            aria-hidden
            style={{ position: 'absolute', left: -10_000, width: 1, height: 1, overflow: 'hidden' }}
          >
            <TextInput
              label={t('complaints.public.honeypot')}
              name="website"
              tabIndex={-1}
              autoComplete="off"
              value={website}
              onChange={(e) => setWebsite(e.currentTarget.value)}
            />
          </Box>
          {submit.isError && <ErrorState error={submit.error} compact hideIssues />}
          <Button type="submit" loading={submit.isPending} size="md">
            {t('complaints.public.submit')}
          </Button>
        </Stack>
      </form>
    </Container>
  );
}
