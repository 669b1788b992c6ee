import {
  ActionIcon,
  Badge,
  Button,
  Card,
  Grid,
  Group,
  Stack,
  Table,
  Text,
  Title,
  Tooltip,
} from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import {
  IconBuildingPlus,
  IconEdit,
  IconMapPinPlus,
  IconSitemap,
  IconTrash,
  IconUsers,
} from '@tabler/icons-react';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { useMe } from '../../api/auth.ts';
import { useDeleteOffice, usePositions, useUnit, useUnitTree } from '../../api/units.ts';
import type { UnitTreeNode } from '../../api/types.ts';
import { EmptyState } from '../../components/EmptyState.tsx';
import { ErrorState } from '../../components/ErrorState.tsx';
import { LoadingState } from '../../components/LoadingState.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { ZoneBadge } from '../../components/ZoneBadge.tsx';
import { hasAnyRole, ORG_EDITORS } from '../../lib/roles.ts';
import { formatDate } from '../../lib/format.ts';
import { OfficeFormModal } from './components/OfficeFormModal.tsx';
import { UnitFormModal } from './components/UnitFormModal.tsx';
import { UnitTree } from './components/UnitTree.tsx';

function indexTree(
  nodes: UnitTreeNode[],
  parent: UnitTreeNode | null,
  map: Map<string, { node: UnitTreeNode; parent: UnitTreeNode | null }>,
) {
  for (const node of nodes) {
    map.set(node.id, { node, parent });
    indexTree(node.children, node, map);
  }
  return map;
}

function UnitDetail({
  unitId,
  canEdit,
  parentName,
}: {
  unitId: string;
  canEdit: boolean;
  parentName: string | null;
}) {
  const { t } = useTranslation();
  const unit = useUnit(unitId);
  const positions = usePositions(unitId);
  const deleteOffice = useDeleteOffice(unitId);
  const [editOpened, editModal] = useDisclosure(false);
  const [subOpened, subModal] = useDisclosure(false);
  const [officeOpened, officeModal] = useDisclosure(false);

  if (unit.isPending) return <LoadingState />;
  if (unit.isError) return <ErrorState error={unit.error} onRetry={() => void unit.refetch()} />;
  const u = unit.data;

  const handleDeleteOffice = (officeId: string, name: string) => {
    if (!window.confirm(t('org.confirmDeleteOffice', { name }))) return;
    deleteOffice.mutate(officeId, {
      onSuccess: () => notifications.show({ color: 'teal', message: t('org.officeDeleted') }),
      onError: (error) =>
        notifications.show({
          color: 'red',
          title: t('states.errorTitle'),
          message: error instanceof Error ? error.message : '',
        }),
    });
  };

  return (
    <Stack gap="md" data-testid="unit-detail">
      <Card padding="lg">
        <Group justify="space-between" align="flex-start" wrap="wrap" gap="sm">
          <Stack gap={4} style={{ minWidth: 0 }}>
            <Group gap={6}>
              <Badge variant="light">{t(`unitKinds.${u.kind}`)}</Badge>
              <ZoneBadge timeZone={u.timeZone} size="sm" />
            </Group>
            <Title order={3} fz={{ base: 'h4', sm: 'h3' }}>
              {u.name}
            </Title>
            <Text size="sm" c="dimmed">
              {t('org.code')}: {u.code}
              {parentName ? ` · ${t('org.parent')}: ${parentName}` : ''}
            </Text>
            {u.address && <Text size="sm">{u.address}</Text>}
            <Text size="sm" c="dimmed">
              {t('org.timeZone')}: {t(`timeZones.${u.timeZone}`)}
            </Text>
            <Text size="sm" c="dimmed" data-testid="unit-attendance-start">
              {t('org.attendanceStartShown', { date: formatDate(u.attendanceStart) })}
            </Text>
          </Stack>
          <Group gap="xs" wrap="wrap">
            <Button
              component={Link}
              to={`/pegawai?unitId=${u.id}`}
              variant="light"
              size="xs"
              leftSection={<IconUsers size={14} />}
            >
              {t('org.viewEmployees')}
            </Button>
            {canEdit && (
              <>
                <Button
                  variant="default"
                  size="xs"
                  leftSection={<IconEdit size={14} />}
                  onClick={editModal.open}
                >
                  {t('org.editUnit')}
                </Button>
                <Button
                  variant="default"
                  size="xs"
                  leftSection={<IconBuildingPlus size={14} />}
                  onClick={subModal.open}
                >
                  {t('org.addSubunit')}
                </Button>
              </>
            )}
          </Group>
        </Group>
      </Card>

      <Card padding="lg">
        <Group justify="space-between" mb="sm">
          <Title order={4}>{t('org.offices')}</Title>
          {canEdit && (
            <Button size="xs" leftSection={<IconMapPinPlus size={14} />} onClick={officeModal.open}>
              {t('org.addOffice')}
            </Button>
          )}
        </Group>
        {u.offices.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('org.noOffices')}
          </Text>
        ) : (
          <Table.ScrollContainer minWidth={420} type="native">
            <Table verticalSpacing="xs" data-testid="offices-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('org.officeName')}</Table.Th>
                  <Table.Th>{t('org.coordinates')}</Table.Th>
                  <Table.Th ta="right">{t('org.radius')}</Table.Th>
                  {canEdit && <Table.Th w={40} />}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {u.offices.map((office) => (
                  <Table.Tr key={office.id}>
                    <Table.Td>{office.name}</Table.Td>
                    <Table.Td ff="monospace" fz="sm">
                      {office.lat.toFixed(5)}, {office.lon.toFixed(5)}
                    </Table.Td>
                    <Table.Td ta="right">{office.radiusM.toLocaleString('id-ID')}</Table.Td>
                    {canEdit && (
                      <Table.Td>
                        <Tooltip label={t('org.deleteOffice')}>
                          <ActionIcon
                            variant="subtle"
                            color="red"
                            aria-label={`${t('org.deleteOffice')}: ${office.name}`}
                            loading={deleteOffice.isPending && deleteOffice.variables === office.id}
                            onClick={() => handleDeleteOffice(office.id, office.name)}
                          >
                            <IconTrash size={16} />
                          </ActionIcon>
                        </Tooltip>
                      </Table.Td>
                    )}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Card>

      <Card padding="lg">
        <Title order={4} mb="sm">
          {t('org.positions')}
        </Title>
        {positions.isPending ? (
          <LoadingState minHeight={80} />
        ) : positions.isError ? (
          <ErrorState error={positions.error} compact onRetry={() => void positions.refetch()} />
        ) : positions.data.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('org.noPositions')}
          </Text>
        ) : (
          <Table.ScrollContainer minWidth={420} type="native">
            <Table verticalSpacing="xs">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('org.code')}</Table.Th>
                  <Table.Th>{t('org.name')}</Table.Th>
                  <Table.Th ta="right">{t('org.kelas')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {positions.data.map((position) => (
                  <Table.Tr key={position.id}>
                    <Table.Td fz="sm" c="dimmed">
                      {position.code}
                    </Table.Td>
                    <Table.Td>
                      {position.name}{' '}
                      {position.isHead && (
                        <Badge size="xs" variant="light" color="indigo">
                          {t('org.head')}
                        </Badge>
                      )}
                    </Table.Td>
                    <Table.Td ta="right">{position.kelasJabatan}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Card>

      <UnitFormModal opened={editOpened} onClose={editModal.close} unit={u} />
      <UnitFormModal
        opened={subOpened}
        onClose={subModal.close}
        parentId={u.id}
        parentTimeZone={u.timeZone}
      />
      <OfficeFormModal unitId={u.id} opened={officeOpened} onClose={officeModal.close} />
    </Stack>
  );
}

export function OrganisationPage() {
  const { t } = useTranslation();
  const me = useMe();
  const tree = useUnitTree();
  const [params, setParams] = useSearchParams();
  const [addOpened, addModal] = useDisclosure(false);
  const canEdit = hasAnyRole(me.data, ORG_EDITORS);
  const index = useMemo(() => indexTree(tree.data ?? [], null, new Map()), [tree.data]);
  const selectedId = params.get('unit') ?? tree.data?.[0]?.id ?? null;
  const selected = selectedId ? index.get(selectedId) : undefined;

  const select = (id: string) => {
    setParams({ unit: id }, { replace: true });
    if (window.innerWidth < 992)
      document.getElementById('unit-detail-anchor')?.scrollIntoView({ behavior: 'smooth' });
  };

  return (
    <>
      <PageHeader
        title={t('org.title')}
        subtitle={t('org.subtitle')}
        actions={
          canEdit ? (
            <Button leftSection={<IconBuildingPlus size={16} />} onClick={addModal.open}>
              {t('org.addUnit')}
            </Button>
          ) : undefined
        }
      />
      {tree.isPending ? (
        <LoadingState />
      ) : tree.isError ? (
        <ErrorState error={tree.error} onRetry={() => void tree.refetch()} />
      ) : tree.data.length === 0 ? (
        <EmptyState icon={<IconSitemap size={28} />} description={t('org.emptyTree')} />
      ) : (
        <Grid gap="md">
          <Grid.Col span={{ base: 12, md: 5, lg: 4 }}>
            <Card padding="md">
              <Title order={4} mb="sm">
                {t('org.tree')}
              </Title>
              <UnitTree roots={tree.data} selectedId={selectedId} onSelect={select} />
            </Card>
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 7, lg: 8 }} id="unit-detail-anchor">
            {selectedId && selected ? (
              <UnitDetail
                key={selectedId}
                unitId={selectedId}
                canEdit={canEdit}
                parentName={selected.parent?.name ?? null}
              />
            ) : (
              <EmptyState description={t('org.selectUnit')} />
            )}
          </Grid.Col>
        </Grid>
      )}
      <UnitFormModal
        opened={addOpened}
        onClose={addModal.close}
        parentId={selected ? selected.node.id : null}
        parentTimeZone={selected?.node.timeZone}
        onSaved={(unit) => setParams({ unit: unit.id }, { replace: true })}
      />
    </>
  );
}
