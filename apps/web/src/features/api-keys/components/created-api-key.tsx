import type { CreatedApiKeyResponse } from '@gatehouse/contracts';
import { Alert, Button, Code, CopyButton, Group, PasswordInput, Stack, Text, VisuallyHidden } from '@mantine/core';
import { IconAlertTriangle, IconCheck, IconCopy } from '@tabler/icons-react';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { formatDate } from '../utils/format';

/** What closing costs, in the words of the user guide. */
export const KEY_SHOWN_ONCE =
  "Copy and securely store your API key immediately. You won't be able to view it again after closing this dialog. If you lose your key, you'll need to create a new one.";

/**
 * Step two of the create dialog: the one and only showing of the new key. `confirming` asks
 * "Have you copied the key?" before the dialog closes (the parent decides when to ask).
 * `children` come below the key: what else holds it, such as a filled-in curl example.
 */
export function CreatedApiKey(props: {
  apiKey: CreatedApiKeyResponse;
  onCopied: () => void;
  confirming: boolean;
  onKeepOpen: () => void;
  onCloseAnyway: () => void;
  onDone: () => void;
  children?: ReactNode;
}) {
  const { apiKey, confirming } = props;
  const [visible, setVisible] = useState(false);
  const back = useRef<HTMLButtonElement>(null);
  // The question takes the focus, so Enter or Escape answers it rather than closing unseen.
  useEffect(() => {
    if (confirming) back.current?.focus();
  }, [confirming]);
  return (
    <Stack>
      <Text size="sm">
        <strong>{apiKey.name}</strong> is ready and works until {formatDate(apiKey.expiresAt)}. Send it in the <Code>x-api-key</Code> header of
        each request to the evidence ingest endpoints.
      </Text>
      <Alert color="yellow" variant="light" icon={<IconAlertTriangle size={18} aria-hidden />}>
        {KEY_SHOWN_ONCE}
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
                onClick={() => {
                  copy();
                  props.onCopied();
                }}
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
      {props.children}
      {confirming ? (
        <Alert color="red" variant="light" role="alertdialog" aria-labelledby="key-close-question" aria-describedby="key-close-detail" title={<span id="key-close-question">Have you copied the key?</span>}>
          <Stack gap="sm">
            <Text size="sm" id="key-close-detail">
              It has not been copied with the Copy button. After closing you won't be able to view it again; if you lose it, you'll need to create a new one.
            </Text>
            <Group justify="flex-end">
              <Button variant="default" onClick={props.onKeepOpen} ref={back}>
                Back to the key
              </Button>
              <Button color="red" onClick={props.onCloseAnyway}>
                Close without copying
              </Button>
            </Group>
          </Stack>
        </Alert>
      ) : (
        <Group justify="flex-end" mt="sm">
          <Button onClick={props.onDone}>Done</Button>
        </Group>
      )}
    </Stack>
  );
}

