import {
  Anchor,
  Avatar,
  Badge,
  Box,
  Button,
  Card,
  Group,
  SimpleGrid,
  Stack,
  Table,
  Tabs,
  Text,
  Timeline,
  Title,
} from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import {
  IconArrowLeft,
  IconArrowsExchange,
  IconEdit,
  IconHistory,
  IconId,
  IconUserShield,
  IconUsersGroup,
  IconKey,
  IconBeach,
} from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { useMe } from '../../api/auth.ts';
import { useEmployee } from '../../api/employees.ts';
import type { EmployeeDetail } from '../../api/types.ts';
import { EmptyState } from '../../components/EmptyState.tsx';
import { ErrorState } from '../../components/ErrorState.tsx';
import { LoadingState } from '../../components/LoadingState.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { formatDate, formatNip } from '../../lib/format.ts';
import {
  ACCOUNT_MANAGERS,
  GRANT_MANAGERS,
  hasAnyRole,
  LEAVE_BALANCE_MANAGERS,
  ORG_EDITORS,
  ORG_VIEWERS,
} from '../../lib/roles.ts';
import { AccountTab } from './components/AccountTab.tsx';
import { ActingFormModal } from './components/ActingFormModal.tsx';
import { EmployeeFormModal } from './components/EmployeeFormModal.tsx';
import { LeaveTab } from './components/LeaveTab.tsx';
import { PlacementFormModal } from './components/PlacementFormModal.tsx';
import { TeladanAwardsCard } from '../../components/teladan/TeladanAwardsCard.tsx';

function Field({ label, children, testId }: { label: string; children: ReactNode; testId?: string }) {
  return (
    <Stack gap={2} data-testid={testId}>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600} style={{ letterSpacing: 0.3 }}>
        {label}
      </Text>
      <Text size="sm" component="div">
        {children ?? '—'}
      </Text>
    </Stack>
  );
}

function PersonalTab({ e }: { e: EmployeeDetail }) {
  const { t } = useTranslation();
  return (
    <Card padding="lg">
      <SimpleGrid cols={{ base: 1, xs: 2, md: 3 }} spacing="lg" verticalSpacing="md">
        <Field label={t('employee.nip')} testId="employee-detail-nip">
          <Text ff="monospace" size="sm">
            {formatNip(e.nip)}
          </Text>
        </Field>
        <Field label={t('employee.type')}>{t(`employeeTypes.${e.employeeType}`)}</Field>
        <Field label={t('employee.golongan')}>{e.golongan ?? '—'}</Field>
        <Field label={t('employee.gender')}>
          {e.gender === 'L' ? t('employee.male') : t('employee.female')}
        </Field>
        <Field label={t('employee.birthDate')}>{formatDate(e.birthDate)}</Field>
        <Field label={t('employee.education')}>{e.education ?? '—'}</Field>
        <Field label={t('employee.unit')}>
          <Anchor component={Link} to={`/organisasi?unit=${e.unitId}`} size="sm">
            {e.unitName}
          </Anchor>
        </Field>
        <Field label={t('employee.position')}>{e.positionName ?? '—'}</Field>
        <Field label={t('employee.superior')}>
          {e.superiorId && e.superiorName ? (
            <Anchor component={Link} to={`/pegawai/${e.superiorId}`} size="sm">
              {e.superiorName}
            </Anchor>
          ) : (
            '—'
          )}
        </Field>
        <Field label={t('employee.activeFrom')}>{formatDate(e.activeFrom)}</Field>
        <Field label={t('employee.activeTo')}>{formatDate(e.activeTo)}</Field>
        <Field label={t('employee.internalId')}>{e.internalId ?? '—'}</Field>
        <Field label={t('employee.email')}>
          {e.email ? (
            <Anchor href={`mailto:${e.email}`} size="sm">
              {e.email}
            </Anchor>
          ) : (
            '—'
          )}
        </Field>
        <Field label={t('employee.phone')}>{e.phone ?? '—'}</Field>
      </SimpleGrid>
    </Card>
  );
}

function PlacementsTab({ e }: { e: EmployeeDetail }) {
  const { t } = useTranslation();
  if (e.placements.length === 0)
    return <EmptyState icon={<IconHistory size={28} />} description={t('employee.noPlacements')} />;
  const placements = [...e.placements].sort((a, b) => b.validFrom.localeCompare(a.validFrom));
  return (
    <Card padding="lg">
      <Timeline active={0} bulletSize={22} lineWidth={2} data-testid="placements-timeline">
        {placements.map((p) => (
          <Timeline.Item
            key={p.id}
            bullet={<IconArrowsExchange size={12} />}
            title={
              <Text fw={600} size="sm">
                {p.unitName}
              </Text>
            }
          >
            <Text size="sm">{p.positionName ?? '—'}</Text>
            <Text size="xs" c="dimmed">
              {formatDate(p.validFrom)} – {p.validTo ? formatDate(p.validTo) : t('employee.current')}
              {p.decree ? ` · ${t('employee.decree')}: ${p.decree}` : ''}
            </Text>
            {p.superiorName && (
              <Text size="xs" c="dimmed">
                {t('employee.superior')}: {p.superiorName}
              </Text>
            )}
          </Timeline.Item>
        ))}
      </Timeline>
    </Card>
  );
}

function ActingTab({ e }: { e: EmployeeDetail }) {
  const { t } = useTranslation();
  if (e.acting.length === 0)
    return <EmptyState icon={<IconUserShield size={28} />} description={t('employee.noActing')} />;
  return (
    <Card padding={0}>
      <Table.ScrollContainer minWidth={520} type="native">
        <Table verticalSpacing="sm" horizontalSpacing="md" data-testid="acting-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('employee.kind')}</Table.Th>
              <Table.Th>{t('employee.position')}</Table.Th>
              <Table.Th>{t('employee.validFrom')}</Table.Th>
              <Table.Th>{t('employee.validTo')}</Table.Th>
              <Table.Th>{t('employee.reason')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {e.acting.map((a) => (
              <Table.Tr key={a.id}>
                <Table.Td>
                  <Badge variant="light" color={a.kind === 'PLT' ? 'indigo' : 'cyan'}>
                    {a.kind === 'PLT' ? 'Plt' : 'Plh'}
                  </Badge>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{a.positionName}</Text>
                  <Text size="xs" c="dimmed">
                    {a.unitName}
                  </Text>
                </Table.Td>
                <Table.Td>{formatDate(a.validFrom)}</Table.Td>
                <Table.Td>{a.validTo ? formatDate(a.validTo) : '—'}</Table.Td>
                <Table.Td>{a.reason ?? '—'}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Card>
  );
}

export function EmployeeDetailPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const me = useMe();
  const employee = useEmployee(id);
  const [params, setParams] = useSearchParams();
  const [editOpened, editModal] = useDisclosure(false);
  const [transferOpened, transferModal] = useDisclosure(false);
  const [actingOpened, actingModal] = useDisclosure(false);
  const canEdit = hasAnyRole(me.data, ORG_EDITORS);
  const canList = hasAnyRole(me.data, ORG_VIEWERS);
  const canManageAccount = hasAnyRole(me.data, ACCOUNT_MANAGERS);
  const canManageLeave = hasAnyRole(me.data, LEAVE_BALANCE_MANAGERS);
  const tab = params.get('tab') ?? 'pribadi';

  const back = canList ? (
    <Anchor component={Link} to="/pegawai" size="sm">
      <Group gap={4}>
        <IconArrowLeft size={14} />
        {t('employee.backToList')}
      </Group>
    </Anchor>
  ) : undefined;

  if (employee.isPending) return <LoadingState minHeight={320} />;
  if (employee.isError) {
    return (
      <>
        <PageHeader title={t('nav.employees')} above={back} />
        <ErrorState error={employee.error} onRetry={() => void employee.refetch()} />
      </>
    );
  }
  const e = employee.data;
  const initials = e.name
    .split(/\s+/)
    .slice(0, 2)
    .map((w) => w[0]?.toUpperCase() ?? '')
    .join('');

  return (
    <>
      <PageHeader
        above={back}
        title={
          <Group gap="sm" wrap="nowrap">
            <Avatar color="teal" radius="xl" size="lg" visibleFrom="xs">
              {initials}
            </Avatar>
            <span data-testid="employee-name-heading">{e.fullName}</span>
          </Group>
        }
        subtitle={
          <Group gap={6} component="span" wrap="wrap">
            <Text span size="sm" ff="monospace">
              {formatNip(e.nip)}
            </Text>
            <Badge size="sm" variant="light">
              {t(`employeeTypes.${e.employeeType}`)}
            </Badge>
            <Badge size="sm" variant="dot" color={e.active ? 'teal' : 'gray'}>
              {e.active ? t('employees.statusActive') : t('employees.statusInactive')}
            </Badge>
          </Group>
        }
        actions={
          canEdit ? (
            <>
              <Button variant="default" leftSection={<IconEdit size={16} />} onClick={editModal.open}>
                {t('employee.edit')}
              </Button>
              <Button
                variant="default"
                leftSection={<IconArrowsExchange size={16} />}
                onClick={transferModal.open}
              >
                {t('employee.transfer')}
              </Button>
              <Button variant="default" leftSection={<IconUserShield size={16} />} onClick={actingModal.open}>
                {t('employee.addActing')}
              </Button>
            </>
          ) : undefined
        }
      />
      <Text size="sm" c="dimmed" mt={-8} mb="md">
        {e.positionName ? `${e.positionName} · ` : ''}
        {e.unitName}
      </Text>

      <Tabs
        value={tab}
        onChange={(value) => setParams(value && value !== 'pribadi' ? { tab: value } : {}, { replace: true })}
        keepMounted={false}
      >
        <Tabs.List mb="md">
          <Tabs.Tab value="pribadi" leftSection={<IconId size={16} />}>
            {t('employee.tabs.personal')}
          </Tabs.Tab>
          <Tabs.Tab value="penempatan" leftSection={<IconHistory size={16} />}>
            {t('employee.tabs.placements')}
          </Tabs.Tab>
          <Tabs.Tab value="plt-plh" leftSection={<IconUserShield size={16} />}>
            {t('employee.tabs.acting')}
          </Tabs.Tab>
          <Tabs.Tab
            value="bawahan"
            leftSection={<IconUsersGroup size={16} />}
            rightSection={
              <Badge size="xs" variant="filled" circle>
                {e.subordinateCount}
              </Badge>
            }
          >
            {t('employee.tabs.subordinates')}
          </Tabs.Tab>
          {canManageAccount && (
            <Tabs.Tab value="akun" leftSection={<IconKey size={16} />}>
              {t('employee.tabs.account')}
            </Tabs.Tab>
          )}
          {canManageLeave && (
            <Tabs.Tab value="cuti" leftSection={<IconBeach size={16} />}>
              {t('employee.tabs.leave')}
            </Tabs.Tab>
          )}
        </Tabs.List>
        <Tabs.Panel value="pribadi">
          <PersonalTab e={e} />
          <Box mt="md">
            <TeladanAwardsCard employeeId={e.id} hideEmpty />
          </Box>
        </Tabs.Panel>
        <Tabs.Panel value="penempatan">
          <PlacementsTab e={e} />
        </Tabs.Panel>
        <Tabs.Panel value="plt-plh">
          <ActingTab e={e} />
        </Tabs.Panel>
        <Tabs.Panel value="bawahan">
          <Card padding="lg">
            <Group justify="space-between" wrap="wrap">
              <Stack gap={0}>
                <Title order={3} data-testid="subordinate-count">
                  {e.subordinateCount.toLocaleString('id-ID')}
                </Title>
                <Text size="sm" c="dimmed">
                  {t('employee.subordinateCount', { count: e.subordinateCount })}
                </Text>
              </Stack>
              {canList && (
                <Button component={Link} to={`/pegawai?unitId=${e.unitId}`} variant="light">
                  {t('employee.viewSubordinates')}
                </Button>
              )}
            </Group>
          </Card>
        </Tabs.Panel>
        {canManageAccount && (
          <Tabs.Panel value="akun">
            <AccountTab employeeId={e.id} canGrant={hasAnyRole(me.data, GRANT_MANAGERS)} />
          </Tabs.Panel>
        )}
        {canManageLeave && (
          <Tabs.Panel value="cuti">
            <LeaveTab employeeId={e.id} />
          </Tabs.Panel>
        )}
      </Tabs>

      <EmployeeFormModal opened={editOpened} onClose={editModal.close} employee={e} />
      <PlacementFormModal opened={transferOpened} onClose={transferModal.close} employee={e} />
      <ActingFormModal opened={actingOpened} onClose={actingModal.close} employeeId={e.id} />
    </>
  );
}
