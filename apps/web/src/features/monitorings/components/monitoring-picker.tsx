import { Alert, Badge, Button, Center, Checkbox, Grid, Group, Loader, NavLink, ScrollArea, Stack, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconSearch } from '@tabler/icons-react';
import { useId, useMemo, useState } from 'react';
import { useMonitoringCategories } from '../api/get-monitoring-categories';
import { useMonitorings } from '../api/get-monitorings';
import { selectedPerCategory, toggleSelection } from '../utils/selection';

export interface MonitoringPickerProps {
  /** Selected monitoring ids (catalog keys), in the order they were picked. */
  value: string[];
  onChange: (ids: string[]) => void;
}

/** Categories on the left, searchable monitorings as checkbox cards on the right. */
export function MonitoringPicker({ value, onChange }: MonitoringPickerProps) {
  const [category, setCategory] = useState<string | null>(null);
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 200);
  const categories = useMonitoringCategories();
  const all = useMonitorings();
  const shown = useMonitorings({ ...(category ? { category } : {}), ...(q ? { q } : {}) });
  const selected = useMemo(() => new Set(value), [value]);
  const perCategory = useMemo(() => selectedPerCategory(all.data ?? [], value), [all.data, value]);
  const idPrefix = useId();

  if (categories.isPending || shown.isPending) {
    return (
      <Center py="xl">
        <Loader aria-label="Loading monitorings" />
      </Center>
    );
  }
  if (categories.error || shown.error) {
    return (
      <Alert color="red" role="alert" title="Could not load the monitoring catalog">
        {(categories.error ?? shown.error)?.message}
      </Alert>
    );
  }
  const total = categories.data.reduce((n, c) => n + c.monitoringCount, 0);
  const countBadge = (count: number, picked: number) => (
    <Badge size="sm" variant={picked > 0 ? 'filled' : 'light'} color={picked > 0 ? 'blue' : 'gray'}>
      {picked > 0 ? `${picked}/${count}` : count}
    </Badge>
  );

  return (
    <Grid gap="lg">
      <Grid.Col span={{ base: 12, md: 4, lg: 3 }}>
        <nav aria-label="Monitoring categories">
          <ScrollArea.Autosize mah={520} type="auto">
            <NavLink component="button" type="button" label="All categories" active={category === null} aria-current={category === null || undefined} rightSection={countBadge(total, value.length)} onClick={() => setCategory(null)} />
            {categories.data.map((c) => (
              <NavLink
                key={c.key}
                component="button"
                type="button"
                label={c.name}
                active={category === c.key}
                aria-current={category === c.key || undefined}
                rightSection={countBadge(c.monitoringCount, perCategory.get(c.key) ?? 0)}
                onClick={() => setCategory(c.key)}
              />
            ))}
          </ScrollArea.Autosize>
        </nav>
      </Grid.Col>
      <Grid.Col span={{ base: 12, md: 8, lg: 9 }}>
        <Stack gap="sm">
          <Group justify="space-between" align="flex-end">
            <TextInput
              label="Search monitorings"
              placeholder="Search by name or description"
              leftSection={<IconSearch size={16} aria-hidden />}
              value={search}
              onChange={(e) => setSearch(e.currentTarget.value)}
              w={{ base: '100%', sm: 340 }}
            />
            <Group gap="xs">
              <Text size="sm" fw={600} aria-live="polite">
                {value.length} selected
              </Text>
              {value.length > 0 && (
                <Button variant="subtle" size="compact-sm" onClick={() => onChange([])}>
                  Clear selection
                </Button>
              )}
            </Group>
          </Group>
          <ScrollArea.Autosize mah={480} type="auto" offsetScrollbars>
            <Stack gap="xs" style={{ opacity: shown.isPlaceholderData ? 0.6 : 1 }} aria-busy={shown.isPlaceholderData}>
              {shown.data.length === 0 && (
                <Text size="sm" c="dimmed" py="md">
                  No monitorings match {q ? `"${q}"` : 'this category'}.
                </Text>
              )}
              {shown.data.map((m) => {
                const descriptionId = `${idPrefix}-${m.id}`;
                return (
                  <Checkbox.Card
                    key={m.id}
                    radius="md"
                    checked={selected.has(m.id)}
                    onChange={(checked) => onChange(toggleSelection(value, m.id, checked))}
                    aria-label={m.name}
                    aria-describedby={descriptionId}
                  >
                    <Group wrap="nowrap" align="flex-start" p="md">
                      <Checkbox.Indicator mt={2} />
                      <Stack gap={4}>
                        <Group gap="xs">
                          <Text fw={600}>{m.name}</Text>
                          {category === null && (
                            <Badge size="xs" variant="outline" color="gray">
                              {m.category.name}
                            </Badge>
                          )}
                        </Group>
                        <Text size="sm" c="dimmed" id={descriptionId}>
                          {m.description}
                        </Text>
                        <Text size="xs" c="dimmed">
                          Contexts: {m.contexts.map((ctx) => ctx.key).join(', ')}
                        </Text>
                      </Stack>
                    </Group>
                  </Checkbox.Card>
                );
              })}
            </Stack>
          </ScrollArea.Autosize>
        </Stack>
      </Grid.Col>
    </Grid>
  );
}
