import { ITEMS_KEY, allowedResponseFieldKeys, isListOperation, requiredResponseFieldKeys, type CapabilityKey } from '@gatehouse/mapping';
import { Checkbox, Group, Input, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { responseFieldRows } from '../utils/mapping-form';

type Props = {
  operation: CapabilityKey;
  fields: Record<string, string>;
  onChange: (fields: Record<string, string>) => void;
  /** Messages by response field key, and under `''` for response_fields as a whole. */
  messages: Record<string, string[]>;
  /** Adds a button (the example-response picker) beside the label. */
  action?: React.ReactNode;
};

/** response_fields: one path per field the operation reads; empty means not mapped. */
export function ResponseFieldsEditor({ operation, fields, onChange, messages, action }: Props) {
  const allowed = allowedResponseFieldKeys(operation);
  const required = requiredResponseFieldKeys(operation);
  const list = isListOperation(operation);
  const set = (key: string, path: string | undefined) => {
    const next = { ...fields };
    if (path === undefined) delete next[key];
    else next[key] = path;
    onChange(next);
  };

  if (allowed.length === 0) {
    return (
      <Input.Wrapper label="Response fields" error={messages['']?.join(' ')} labelElement="div">
        <Text size="sm" c="dimmed">
          {operation} does not read the response body, so it maps no response fields.
        </Text>
      </Input.Wrapper>
    );
  }
  const description = list
    ? 'items is the path to the JSON array; the other paths are relative to one element of it.'
    : 'Full paths from the root of the success body: dots for JSON (data.user.id), slashes for XML (user/id).';

  return (
    <Input.Wrapper
      label={
        <Group gap="xs" component="span">
          <span>Response fields</span>
          {action}
        </Group>
      }
      description={description}
      error={messages['']?.join(' ')}
      labelElement="div"
    >
      <SimpleGrid cols={{ base: 1, sm: 2 }} mt={6} spacing="sm" verticalSpacing="xs">
        {responseFieldRows(operation, fields).map((key) => {
          const known = allowed.includes(key);
          const error = messages[key]?.join(' ');
          if (key === ITEMS_KEY) {
            const whole = fields[key] === '';
            return (
              <Stack key={key} gap={4}>
                <TextInput
                  label={key}
                  withAsterisk
                  value={fields[key] ?? ''}
                  placeholder={whole ? 'the whole body' : 'data.users'}
                  disabled={whole}
                  onChange={(e) => set(key, e.currentTarget.value === '' ? undefined : e.currentTarget.value)}
                  error={error}
                  data-field={`response_fields.${key}`}
                  styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
                />
                <Checkbox size="xs" label="The body itself is the array" checked={whole} onChange={(e) => set(key, e.currentTarget.checked ? '' : undefined)} />
              </Stack>
            );
          }
          return (
            <TextInput
              key={key}
              label={known ? key : `${key} (not allowed)`}
              withAsterisk={required.includes(key)}
              value={fields[key] ?? ''}
              placeholder={key === 'id' ? 'e.g. data.id' : 'not mapped'}
              onChange={(e) => set(key, e.currentTarget.value === '' ? undefined : e.currentTarget.value)}
              error={error}
              data-field={`response_fields.${key}`}
              styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
            />
          );
        })}
      </SimpleGrid>
    </Input.Wrapper>
  );
}
