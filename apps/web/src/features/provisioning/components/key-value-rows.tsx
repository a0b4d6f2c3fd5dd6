import { ActionIcon, Button, Group, Input, Stack, Text, TextInput } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import type { KeyValueRow } from '../utils/mapping-form';

type Props = {
  /** Group label: "Query parameters", "Headers". */
  label: string;
  /** Singular noun for the row controls: "parameter", "header". */
  noun: string;
  rows: KeyValueRow[];
  onChange: (rows: KeyValueRow[]) => void;
  /** Messages by row name, and under `''` for the group. */
  messages: Record<string, string[]>;
  description?: string;
  valuePlaceholder?: string;
};

/** Name → template rows (query parameters, headers). */
export function KeyValueRows({ label, noun, rows, onChange, messages, description, valuePlaceholder }: Props) {
  const set = (index: number, patch: Partial<KeyValueRow>) => onChange(rows.map((r, i) => (i === index ? { ...r, ...patch } : r)));
  return (
    <Input.Wrapper label={label} description={description} error={messages['']?.join(' ')} labelElement="div">
      <Stack gap={6} mt={6}>
        {rows.length === 0 && (
          <Text size="sm" c="dimmed">
            None.
          </Text>
        )}
        {rows.map((row, index) => {
          const error = messages[row.key]?.join(' ');
          return (
            <Group key={index} gap="xs" align="flex-start" wrap="nowrap">
              <TextInput aria-label={`${label}: name ${index + 1}`} placeholder="Name" value={row.key} onChange={(e) => set(index, { key: e.currentTarget.value })} w="35%" error={!!error} />
              <TextInput
                aria-label={`${label}: value ${index + 1}`}
                placeholder={valuePlaceholder}
                value={row.value}
                onChange={(e) => set(index, { value: e.currentTarget.value })}
                style={{ flex: 1 }}
                error={error}
                styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
              />
              <ActionIcon variant="subtle" color="gray" size="lg" aria-label={`Remove ${noun} ${row.key || index + 1}`} onClick={() => onChange(rows.filter((_, i) => i !== index))}>
                <IconTrash size={16} aria-hidden />
              </ActionIcon>
            </Group>
          );
        })}
        <div>
          <Button variant="subtle" size="compact-sm" leftSection={<IconPlus size={14} aria-hidden />} onClick={() => onChange([...rows, { key: '', value: '' }])}>
            Add {noun}
          </Button>
        </div>
      </Stack>
    </Input.Wrapper>
  );
}
