import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Divider,
  Group,
  Image,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Textarea,
  Timeline,
  Title,
} from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { ComplaintDetail as Detail } from '../../../shared/api/complaints.ts';
import {
  complaintPhotoUrl,
  useAnswerComplaint,
  useComplaint,
  useOpenComplaintCase,
  useRejectComplaint,
  useRouteComplaint,
} from '../../api/complaints.ts';
import { DateField } from '../DateField.tsx';
import { EmployeeSelect } from '../EmployeeSelect.tsx';
import { ErrorState } from '../ErrorState.tsx';
import { LoadingState } from '../LoadingState.tsx';
import { UnitSelect } from '../UnitSelect.tsx';
import { formatDate, formatDateTime } from '../../lib/format.ts';

const STATUS_COLORS = { DITERIMA: 'gray', DITERUSKAN: 'blue', DIJAWAB: 'green', DITOLAK: 'orange' } as const;

/** A labelled value (plain text: whatever a citizen wrote is shown literally, never as markup). */
function Field({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <Stack gap={0}>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }} component="div">
        {children}
      </Text>
    </Stack>
  );
}

/** One complaint for an official: its content, the reporter (only for handling officials), the steps allowed. */
export function ComplaintDetail({ id }: { id: string }) {
  const { t } = useTranslation();
  const q = useComplaint(id);
  if (q.isPending) return <LoadingState />;
  if (q.isError) return <ErrorState error={q.error} onRetry={() => void q.refetch()} />;
  const c = q.data;
  return (
    <Stack data-testid="complaint-detail">
      <Group gap="xs">
        <Text fw={600}>{c.number}</Text>
        <Badge color={STATUS_COLORS[c.status]}>{t(`complaints.statuses.${c.status}`)}</Badge>
        <Badge variant="light">{t(`complaints.categories.${c.category}`)}</Badge>
        {c.overdue && <Badge color="red">{t('complaints.list.overdue')}</Badge>}
      </Group>
      <Title order={4} style={{ overflowWrap: 'anywhere' }}>
        {c.title}
      </Title>
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <Field label={t('complaints.list.unit')}>{c.unitName}</Field>
        <Field label={t('complaints.list.handlingUnit')}>{c.handlingUnitName ?? '—'}</Field>
        <Field label={t('complaints.list.received')}>{formatDate(c.receivedAt)}</Field>
        <Field label={t('complaints.list.due')}>{formatDate(c.dueOn)}</Field>
        {c.incidentDate && (
          <Field label={t('complaints.detail.incidentDate')}>{formatDate(c.incidentDate)}</Field>
        )}
        {c.latitude !== null && c.longitude !== null && (
          <Field label={t('complaints.detail.location')}>
            <Anchor
              href={`https://www.openstreetmap.org/?mlat=${c.latitude}&mlon=${c.longitude}#map=17/${c.latitude}/${c.longitude}`}
              target="_blank"
              rel="noreferrer"
            >
              {c.latitude}, {c.longitude}
            </Anchor>
          </Field>
        )}
        {c.reportedName && <Field label={t('complaints.detail.reportedName')}>{c.reportedName}</Field>}
        {c.reportedEmployeeName && (
          <Field label={t('complaints.detail.reportedEmployee')}>{c.reportedEmployeeName}</Field>
        )}
      </SimpleGrid>
      <Field label={t('complaints.detail.description')}>{c.description}</Field>
      {c.identityVisible ? (
        <Field label={t('complaints.detail.reporter')}>
          <span data-testid="reporter">
            {[c.reporter?.name, c.reporter?.contact].filter(Boolean).join(' · ') ||
              t('complaints.detail.anonymous')}
          </span>
        </Field>
      ) : (
        <Alert color="gray">{t('complaints.detail.reporterHidden')}</Alert>
      )}
      {c.photos.length > 0 && (
        <SimpleGrid cols={{ base: 2, sm: 3 }}>
          {c.photos.map((p) => (
            <Image
              key={p.id}
              src={complaintPhotoUrl(c.id, p.id)}
              alt={t('complaints.detail.photos')}
              radius="sm"
            />
          ))}
        </SimpleGrid>
      )}
      {c.answer && (
        <Card withBorder>
          <Field label={t('complaints.detail.answer')}>{c.answer}</Field>
        </Card>
      )}
      <Group gap="xs">
        {c.disciplineCaseId && (
          <Button component={Link} to={`/disiplin/kasus/${c.disciplineCaseId}`} variant="light" size="xs">
            {t('complaints.detail.viewCase')}
          </Button>
        )}
        {(c.can.route || c.can.answer || c.can.openCase) && (
          <Button
            component={Link}
            to={`/sidak?baru=1&unitId=${c.handlingUnitId ?? c.unitId}&complaintId=${c.id}`}
            variant="light"
            size="xs"
          >
            {t('complaints.detail.planInspection')}
          </Button>
        )}
      </Group>
      {c.can.route && <RouteForm c={c} />}
      {c.can.reject && <RejectForm c={c} />}
      {c.can.answer && <AnswerForm c={c} />}
      {c.can.openCase && <OpenCaseForm c={c} />}
      <Divider label={t('complaints.detail.history')} />
      <Timeline bulletSize={12} lineWidth={2}>
        {c.events.map((e, i) => (
          <Timeline.Item key={i} title={t(`complaints.statuses.${e.toStatus as Detail['status']}`)}>
            <Text size="xs" c="dimmed">
              {formatDateTime(e.at)} · {e.actorName ?? ''}
            </Text>
            {e.note && (
              <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
                {e.note}
              </Text>
            )}
          </Timeline.Item>
        ))}
      </Timeline>
    </Stack>
  );
}

function RouteForm({ c }: { c: Detail }) {
  const { t } = useTranslation();
  const m = useRouteComplaint();
  const [unit, setUnit] = useState<string | null>(c.handlingUnitId ?? c.unitId);
  const [employee, setEmployee] = useState<string | null>(c.reportedEmployeeId);
  const [note, setNote] = useState('');
  return (
    <Card withBorder>
      <Stack gap="xs">
        <Text fw={600}>{t('complaints.detail.routeTitle')}</Text>
        <UnitSelect label={t('complaints.detail.handlingUnit')} value={unit} onChange={setUnit} required />
        <EmployeeSelect
          label={t('complaints.detail.reportedEmployeeId')}
          value={employee}
          onChange={setEmployee}
          initialLabel={c.reportedEmployeeName}
        />
        <Textarea
          label={t('complaints.detail.note')}
          value={note}
          onChange={(e) => setNote(e.currentTarget.value)}
        />
        {m.isError && <ErrorState error={m.error} compact />}
        <Button
          loading={m.isPending}
          disabled={!unit}
          onClick={() =>
            m.mutate({
              id: c.id,
              body: { handlingUnitId: unit!, reportedEmployeeId: employee, ...(note.trim() ? { note } : {}) },
            })
          }
        >
          {t('complaints.detail.route')}
        </Button>
      </Stack>
    </Card>
  );
}

function RejectForm({ c }: { c: Detail }) {
  const { t } = useTranslation();
  const m = useRejectComplaint();
  const [reason, setReason] = useState('');
  return (
    <Card withBorder>
      <Stack gap="xs">
        <Text fw={600}>{t('complaints.detail.rejectTitle')}</Text>
        <Textarea
          label={t('complaints.detail.reason')}
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
        />
        {m.isError && <ErrorState error={m.error} compact />}
        <Button
          color="orange"
          variant="light"
          loading={m.isPending}
          onClick={() => m.mutate({ id: c.id, body: { reason } })}
        >
          {t('complaints.detail.reject')}
        </Button>
      </Stack>
    </Card>
  );
}

function AnswerForm({ c }: { c: Detail }) {
  const { t } = useTranslation();
  const m = useAnswerComplaint();
  const [answer, setAnswer] = useState('');
  const [note, setNote] = useState('');
  return (
    <Card withBorder>
      <Stack gap="xs">
        <Text fw={600}>{t('complaints.detail.answerTitle')}</Text>
        <Textarea
          label={t('complaints.detail.answerLabel')}
          autosize
          minRows={3}
          value={answer}
          onChange={(e) => setAnswer(e.currentTarget.value)}
        />
        <Textarea
          label={t('complaints.detail.note')}
          value={note}
          onChange={(e) => setNote(e.currentTarget.value)}
        />
        {m.isError && <ErrorState error={m.error} compact />}
        <Button
          loading={m.isPending}
          onClick={() => m.mutate({ id: c.id, body: { answer, ...(note.trim() ? { note } : {}) } })}
        >
          {t('complaints.detail.send')}
        </Button>
      </Stack>
    </Card>
  );
}

function OpenCaseForm({ c }: { c: Detail }) {
  const { t } = useTranslation();
  const m = useOpenComplaintCase();
  const [open, setOpen] = useState(false);
  const [employee, setEmployee] = useState<string | null>(c.reportedEmployeeId);
  const [code, setCode] = useState(c.category === 'NETRALITAS' ? 'NETRALITAS_ETIKA' : '');
  const [date, setDate] = useState(c.incidentDate ?? '');
  const [level, setLevel] = useState<string | null>('ringan');
  const [description, setDescription] = useState(c.description.slice(0, 4000));
  if (!open)
    return (
      <Button variant="default" onClick={() => setOpen(true)}>
        {t('complaints.detail.openCase')}
      </Button>
    );
  return (
    <Card withBorder>
      <Stack gap="xs">
        <Text fw={600}>{t('complaints.detail.openCase')}</Text>
        <EmployeeSelect
          label={t('complaints.detail.reportedEmployee')}
          value={employee}
          onChange={setEmployee}
          initialLabel={c.reportedEmployeeName}
        />
        <TextInput
          label={t('complaints.detail.violationCode')}
          value={code}
          onChange={(e) => setCode(e.currentTarget.value.toUpperCase())}
        />
        <DateField label={t('complaints.detail.violationDate')} value={date} onChange={setDate} />
        <Select
          label={t('complaints.detail.expectedLevel')}
          data={(['ringan', 'sedang', 'berat'] as const).map((l) => ({
            value: l,
            label: t(`complaints.detail.levels.${l}`),
          }))}
          value={level}
          onChange={setLevel}
        />
        <Textarea
          label={t('complaints.detail.caseDescription')}
          autosize
          minRows={3}
          value={description}
          onChange={(e) => setDescription(e.currentTarget.value)}
        />
        {m.isError && <ErrorState error={m.error} compact />}
        <Button
          loading={m.isPending}
          disabled={!employee}
          onClick={() =>
            m.mutate({
              id: c.id,
              body: {
                employeeId: employee!,
                violationCode: code,
                violationDate: date,
                description,
                expectedLevel: (level ?? 'ringan') as 'ringan',
              },
            })
          }
        >
          {t('complaints.detail.openCase')}
        </Button>
      </Stack>
    </Card>
  );
}
