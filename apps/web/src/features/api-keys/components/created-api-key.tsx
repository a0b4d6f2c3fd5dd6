import type { CreatedApiKeyResponse } from '@gatehouse/contracts';
import { Alert, Button, Code, CopyButton, Group, PasswordInput, Stack, Text, VisuallyHidden } from '@mantine/core';
import { IconAlertTriangle, IconCheck, IconCopy } from '@tabler/icons-react';
import { useState } from 'react';
import { formatDate } from '../utils/format';

/** Step two of the create dialog: the one and only showing of the new key. */
export function CreatedApiKey({ apiKey, onDone }: { apiKey: CreatedApiKeyResponse; onDone: () => void }) {
  const [visible, setVisible] = useState(false);
  return (
    <Stack>
      <Text size="sm">
        <strong>{apiKey.name}</strong> is ready and works until {formatDate(apiKey.expiresAt)}. Send it in the <Code>x-api-key</Code> header of
        each request to the evidence ingest endpoints.
      </Text>
      <Alert color="yellow" variant="light" icon={<IconAlertTriangle size={18} aria-hidden />}>
        Copy and store this key now. You won't be able to view it again after closing this dialog.
      </Alert>
      <Group align="flex-end" gap="xs" wrap="nowrap">
        <PasswordInput
          label="API key"
          readOnly
          value={apiKey.key}
          visible={visible}
          onVisibilityChange={setVisible}
          visibilityToggleFocusable
          // The label says what a press does, so the pressed state would only repeat it.
          visibilityToggleButtonProps={{ 'aria-label': visible ? 'Hide API key' : 'Show API key', 'aria-pressed': undefined }}
          onFocus={(e) => e.currentTarget.select()}
          styles={{ innerInput: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
          style={{ flex: 1 }}
        />
        <CopyButton value={apiKey.key} timeout={2000}>
          {({ copied, copy }) => (
            <>
              <Button
                onClick={copy}
                aria-label="Copy API key"
                color={copied ? 'teal' : undefined}
                variant={copied ? 'light' : 'filled'}
                leftSection={copied ? <IconCheck size={16} aria-hidden /> : <IconCopy size={16} aria-hidden />}
                w={110}
              >
                {copied ? 'Copied' : 'Copy'}
              </Button>
              {/* Tells screen reader users the copy worked; the button's name stays "Copy API key". */}
              <VisuallyHidden role="status">{copied ? 'API key copied to the clipboard' : ''}</VisuallyHidden>
            </>
          )}
        </CopyButton>
      </Group>
      <Group justify="flex-end" mt="sm">
        <Button onClick={onDone}>Done</Button>
      </Group>
    </Stack>
  );
}

