import { ActionIcon, Badge, Group, Text, TextInput, Tooltip, Tree, useTree } from '@mantine/core';
import type { TreeNodeData } from '@mantine/core';
import { IconChevronDown, IconChevronRight, IconFold, IconFoldDown, IconSearch } from '@tabler/icons-react';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { UnitTreeNode } from '../../../api/types.ts';
import { ZoneBadge } from '../../../components/ZoneBadge.tsx';

function matches(node: UnitTreeNode, q: string): boolean {
  return node.name.toLowerCase().includes(q) || node.code.toLowerCase().includes(q);
}

/** Keeps nodes that match and the ancestors of nodes that match. */
function filterTree(nodes: UnitTreeNode[], q: string): UnitTreeNode[] {
  if (!q) return nodes;
  const out: UnitTreeNode[] = [];
  for (const node of nodes) {
    const children = filterTree(node.children, q);
    if (matches(node, q) || children.length > 0)
      out.push({ ...node, children: matches(node, q) ? node.children : children });
  }
  return out;
}

function toData(nodes: UnitTreeNode[]): TreeNodeData[] {
  return nodes.map((node) => ({
    value: node.id,
    label: node.name,
    nodeProps: { unit: node },
    children: node.children.length > 0 ? toData(node.children) : undefined,
  }));
}

function allValues(nodes: UnitTreeNode[]): string[] {
  return nodes.flatMap((node) => [node.id, ...allValues(node.children)]);
}

interface UnitTreeProps {
  roots: UnitTreeNode[];
  selectedId: string | null;
  onSelect: (id: string) => void;
}

/** The unit tree: expand/collapse, employee counts, and the WIB/WITA/WIT badge per unit. */
export function UnitTree({ roots, selectedId, onSelect }: UnitTreeProps) {
  const { t } = useTranslation();
  const [filter, setFilter] = useState('');
  const q = filter.trim().toLowerCase();
  const filtered = useMemo(() => filterTree(roots, q), [roots, q]);
  const data = useMemo(() => toData(filtered), [filtered]);
  const tree = useTree({
    initialExpandedState: Object.fromEntries(roots.map((r) => [r.id, true])),
    initialSelectedState: selectedId ? [selectedId] : [],
  });

  useEffect(() => {
    if (q) tree.setExpandedState(Object.fromEntries(allValues(filtered).map((v) => [v, true])));
    // Re-expand only when the filter text changes.
  }, [q]);

  useEffect(() => {
    if (selectedId) tree.setSelectedState([selectedId]);
  }, [selectedId]);

  return (
    <>
      <Group gap="xs" mb="sm" wrap="nowrap">
        <TextInput
          flex={1}
          size="sm"
          placeholder={t('org.filterTree')}
          aria-label={t('org.filterTree')}
          leftSection={<IconSearch size={14} />}
          value={filter}
          onChange={(e) => setFilter(e.currentTarget.value)}
        />
        <Tooltip label={t('org.expandAll')}>
          <ActionIcon
            variant="default"
            size="lg"
            aria-label={t('org.expandAll')}
            onClick={() =>
              tree.setExpandedState(Object.fromEntries(allValues(filtered).map((v) => [v, true])))
            }
          >
            <IconFoldDown size={16} />
          </ActionIcon>
        </Tooltip>
        <Tooltip label={t('org.collapseAll')}>
          <ActionIcon
            variant="default"
            size="lg"
            aria-label={t('org.collapseAll')}
            onClick={() => tree.collapseAllNodes()}
          >
            <IconFold size={16} />
          </ActionIcon>
        </Tooltip>
      </Group>
      <Tree
        data={data}
        tree={tree}
        levelOffset={18}
        expandOnClick={false}
        selectOnClick={false}
        aria-label={t('org.tree')}
        data-testid="unit-tree"
        renderNode={({ node, expanded, hasChildren, selected, elementProps, tree: controller }) => {
          const unit = (node.nodeProps as { unit: UnitTreeNode }).unit;
          return (
            <Group
              {...elementProps}
              gap={6}
              wrap="nowrap"
              py={5}
              px={6}
              onClick={() => onSelect(unit.id)}
              style={{
                ...elementProps.style,
                borderRadius: 'var(--mantine-radius-sm)',
                background: selected ? 'var(--mantine-color-teal-light)' : undefined,
              }}
            >
              {hasChildren ? (
                <ActionIcon
                  size="sm"
                  variant="subtle"
                  color="gray"
                  aria-label={`${expanded ? t('org.collapseAll') : t('org.expandAll')}: ${unit.name}`}
                  aria-expanded={expanded}
                  onClick={(event) => {
                    event.stopPropagation();
                    controller.toggleExpanded(node.value);
                  }}
                >
                  {expanded ? <IconChevronDown size={14} /> : <IconChevronRight size={14} />}
                </ActionIcon>
              ) : (
                <span style={{ width: 22, flex: 'none' }} />
              )}
              <Text
                size="sm"
                fw={selected ? 600 : 400}
                truncate="end"
                style={{ flex: 1, minWidth: 0 }}
                title={`${unit.name} (${unit.code})`}
              >
                {unit.name}
              </Text>
              <Badge
                size="xs"
                variant="outline"
                color="gray"
                title={t('org.employeeCount', { count: unit.employeeCount })}
              >
                {unit.employeeCount.toLocaleString('id-ID')}
              </Badge>
              <ZoneBadge timeZone={unit.timeZone} />
            </Group>
          );
        }}
      />
    </>
  );
}
