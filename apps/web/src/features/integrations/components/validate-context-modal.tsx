import type { IntegrationContext } from '@gatehouse/contracts';
import { Alert, Button, Group, Loader, Modal, Progress, Stack, Tabs, Text, Textarea } from '@mantine/core';
import { Dropzone } from '@mantine/dropzone';
import '@mantine/dropzone/styles.css';
import { IconClipboardText, IconFileUpload } from '@tabler/icons-react';
import { useRef, useState } from 'react';
import { useContextValidation, type ValidationState } from '../hooks/use-context-validation';
import { pastedJsonFile } from '../utils/file-checks';
import { ValidationResult } from './validation-result';

const STEP_TEXT = { reading: 'Reading the file…', checking: 'Validating…', confirming: 'Validating… confirming with the server' } as const;

function Status({ state }: { state: ValidationState }) {
  switch (state.status) {
    case 'idle':
      return null;
    case 'refused':
      return (
        <Alert color="red" role="alert" title="This file cannot be validated">
          {state.problem}
        </Alert>
      );
    case 'running':
      return (
        <Stack gap={6} role="status" aria-live="polite">
          <Group gap="xs">
            <Loader size="xs" aria-hidden />
            <Text size="sm">
              {STEP_TEXT[state.step]} <Text span c="dimmed">({state.fileName})</Text>
            </Text>
          </Group>
          {state.showProgress && (
            <Progress
              value={state.step === 'reading' ? (state.progress ?? 0) : 100}
              animated={state.step !== 'reading'}
              striped={state.step !== 'reading'}
              aria-label={`Validation progress for ${state.fileName}`}
            />
          )}
        </Stack>
      );
    case 'done':
      return <ValidationResult result={state.result} fileName={state.fileName} note={state.note} />;
  }
}

/**
 * Upload a request-body JSON file, or paste its text, and see whether every record matches this
 * context's schema. Pasted text is wrapped in a file and checked exactly as an upload is.
 * `strict`: the integration refuses properties the schema does not define, so they are problems here too.
 */
export function ValidateContextModal({ context, strict, opened, onClose }: { context: IntegrationContext; strict: boolean; opened: boolean; onClose: () => void }) {
  const { state, validate, reset } = useContextValidation(context, strict);
  const openPicker = useRef<() => void>(null);
  const [pasted, setPasted] = useState('');
  const busy = state.status === 'running';
  const close = () => {
    reset();
    setPasted('');
    onClose();
  };

  return (
    <Modal opened={opened} onClose={close} title={`Validate ${context.name}`} size="xl">
      <Stack>
        <Text size="sm">
          Upload a JSON file, or paste its text, shaped like the request body for <code>{context.key}</code>: an object with a <code>data</code> array of records. Every record
          is checked against the schema; nothing is stored.{' '}
          {strict
            ? 'This integration is strict: a property the schema does not define makes the file invalid, as the push refuses it.'
            : 'Properties the schema does not define are reported as warnings; the push accepts them.'}
        </Text>
        <Tabs defaultValue="upload" keepMounted={false}>
          <Tabs.List>
            <Tabs.Tab value="upload" leftSection={<IconFileUpload size={14} aria-hidden />}>
              Upload a file
            </Tabs.Tab>
            <Tabs.Tab value="paste" leftSection={<IconClipboardText size={14} aria-hidden />}>
              Paste JSON
            </Tabs.Tab>
          </Tabs.List>
          <Tabs.Panel value="upload" pt="sm">
            <Dropzone
              openRef={openPicker}
              onDrop={(files) => files[0] && void validate(files[0])}
              onReject={(rejections) => rejections[0] && void validate(rejections[0].file)}
              accept={{ 'application/json': ['.json'] }}
              multiple={false}
              activateOnClick={false}
              loading={busy}
              inputProps={{ 'aria-label': `JSON file to validate against ${context.key}` }}
            >
              <Stack align="center" gap="xs" py="lg" style={{ pointerEvents: 'all' }}>
                <IconFileUpload size={36} stroke={1.5} color="var(--mantine-color-dimmed)" aria-hidden />
                <Text size="sm" c="dimmed">
                  Drop a .json file here, or
                </Text>
                <Button onClick={() => openPicker.current?.()} disabled={busy} leftSection={<IconFileUpload size={16} aria-hidden />}>
                  Upload to Validate
                </Button>
              </Stack>
            </Dropzone>
          </Tabs.Panel>
          <Tabs.Panel value="paste" pt="sm">
            <Stack gap="xs">
              <Textarea
                label={`JSON to validate against ${context.key}`}
                description='The request body as you would send it: {"data": [ ... ]}.'
                placeholder={'{"data": [ { ... } ]}'}
                autosize
                minRows={8}
                maxRows={16}
                spellCheck={false}
                value={pasted}
                onChange={(e) => setPasted(e.currentTarget.value)}
                styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
              />
              <Group justify="flex-end">
                <Button onClick={() => void validate(pastedJsonFile(pasted))} disabled={busy || pasted.trim() === ''} loading={busy}>
                  Validate pasted JSON
                </Button>
              </Group>
            </Stack>
          </Tabs.Panel>
        </Tabs>
        <Status state={state} />
        <Group justify="flex-end">
          <Button variant="default" onClick={close}>
            Close
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
