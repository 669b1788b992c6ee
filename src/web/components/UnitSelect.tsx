import { TreeSelect } from '@mantine/core';
import type { TreeNodeData } from '@mantine/core';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useUnitTree } from '../api/units.ts';
import type { UnitTreeNode } from '../api/types.ts';

function toTreeData(nodes: UnitTreeNode[]): TreeNodeData[] {
  return nodes.map((node) => ({
    value: node.id,
    label: `${node.name} (${node.code})`,
    children: node.children.length > 0 ? toTreeData(node.children) : undefined,
  }));
}

interface UnitSelectProps {
  value: string | null;
  onChange: (unitId: string | null) => void;
  label?: string;
  placeholder?: string;
  error?: string;
  required?: boolean;
  clearable?: boolean;
  disabled?: boolean;
  w?: number | string;
  'data-testid'?: string;
}

/** Picks a unit from the scope-filtered tree (/api/units/tree), searchable by name or code. */
export function UnitSelect({
  value,
  onChange,
  label,
  placeholder,
  error,
  required,
  clearable = true,
  disabled,
  w,
  ...rest
}: UnitSelectProps) {
  const { t } = useTranslation();
  const tree = useUnitTree();
  const data = useMemo(() => toTreeData(tree.data ?? []), [tree.data]);
  return (
    <TreeSelect
      // Re-mount once the tree arrives, so a value set before it loaded shows its name, not its id.
      key={data.length === 0 ? 'empty' : 'loaded'}
      data={data}
      value={value}
      onChange={(next) => onChange(next)}
      label={label}
      aria-label={label ? undefined : (placeholder ?? t('employees.unit'))}
      placeholder={tree.isLoading ? t('common.loading') : placeholder}
      error={error ?? (tree.isError ? t('states.errorTitle') : undefined)}
      required={required}
      clearable={clearable}
      disabled={disabled || tree.isLoading}
      searchable
      defaultExpandedValues={data.map((node) => node.value)}
      nothingFoundMessage="—"
      maxDropdownHeight={320}
      w={w}
      comboboxProps={{ withinPortal: true }}
      data-testid={rest['data-testid']}
    />
  );
}
