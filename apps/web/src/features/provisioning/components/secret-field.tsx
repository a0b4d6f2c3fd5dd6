import { Badge, Button, Group, Input, PasswordInput, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconLock } from '@tabler/icons-react';
import { useState } from 'react';
import { ApiRequestError } from '../../../lib/api-client';
import { useSetConnectorSecret } from '../api/set-connector-secret';

type Props = { connectorId: string; hasSecret: boolean; label: string; error?: string };

/**
 * Write-only secret: typed and saved on its own, never shown again. Once stored, only "Secret
 * set" and a way to replace it are offered.
 */
export function SecretField({ connectorId, hasSecret, label, error }: Props) {
  const [replacing, setReplacing] = useState(false);
  const [value, setValue] = useState('');
  const save = useSetConnectorSecret();
  const failure = save.error instanceof ApiRequestError ? (save.error.fieldErrors().api_token ?? save.error.message) : save.error ? 'Could not reach the server. Try again.' : undefined;

  const submit = () =>
    save.mutate(
      { id: connectorId, api_token: value },
      {
        onSuccess: () => {
          setValue('');
          setReplacing(false);
          notifications.show({ color: 'green', title: 'Secret saved', message: 'It is stored encrypted and will not be shown again.' });
        },
      },
    );

  if (hasSecret && !replacing) {
    return (
      <Input.Wrapper label={label} description="Stored encrypted; it is never shown again." error={error} labelElement="div">
        <Group gap="sm" mt={6}>
          <Badge color="teal" variant="light" leftSection={<IconLock size={12} aria-hidden />}>
            Secret set
          </Badge>
          <Button variant="default" size="xs" onClick={() => setReplacing(true)} aria-label={`Replace ${label.toLowerCase()}`}>
            Replace
          </Button>
        </Group>
      </Input.Wrapper>
    );
  }
  return (
    <Stack gap={6}>
      <Group align="flex-end" gap="xs" wrap="nowrap">
        <PasswordInput
          label={label}
          description={hasSecret ? 'The new secret replaces the stored one when you save it.' : 'Not set yet. Stored encrypted, never shown again.'}
          value={value}
          onChange={(e) => {
            setValue(e.currentTarget.value);
            save.reset();
          }}
          autoComplete="new-password"
          error={failure ?? error}
          style={{ flex: 1 }}
        />
        <Button onClick={submit} disabled={value === ''} loading={save.isPending}>
          Save secret
        </Button>
        {replacing && (
          <Button
            variant="default"
            onClick={() => {
              setReplacing(false);
              setValue('');
              save.reset();
            }}
          >
            Cancel
          </Button>
        )}
      </Group>
      {!hasSecret && (
        <Text size="xs" c="dimmed">
          The secret is saved on its own, right away; the other settings are saved with Save changes.
        </Text>
      )}
    </Stack>
  );
}
