import { INTEGRATION_LOGO_MAX_BYTES, INTEGRATION_LOGO_MEDIA_TYPES } from '@gatehouse/contracts';
import { Button, Group, Image, Input, Paper, Stack, Text } from '@mantine/core';
import { Dropzone } from '@mantine/dropzone';
import '@mantine/dropzone/styles.css';
import { IconPhoto, IconTrash, IconUpload, IconX } from '@tabler/icons-react';
import { useEffect, useMemo, useState } from 'react';
import { formatBytes, logoFileProblem } from '../utils/file-checks';

export interface LogoDropzoneProps {
  value: File | null;
  onChange: (file: File | null) => void;
  error?: string;
  /** The saved logo's URL, shown (with its own Remove button) while no new file is chosen. */
  current?: string | null;
  onRemoveCurrent?: () => void;
  /** When the chosen file is uploaded. */
  hint?: string;
}

/** Picks a logo (PNG, JPEG or WebP, at most 1 MB) and previews it; nothing is uploaded here. */
export function LogoDropzone({ value, onChange, error, current, onRemoveCurrent, hint = 'It is uploaded when you click Finish.' }: LogoDropzoneProps) {
  const [rejected, setRejected] = useState<string | null>(null);
  const preview = useMemo(() => (value ? URL.createObjectURL(value) : null), [value]);
  useEffect(() => () => void (preview && URL.revokeObjectURL(preview)), [preview]);
  const problem = error ?? rejected;

  return (
    <Input.Wrapper label="Logo" description={`PNG, JPEG or WebP, up to ${formatBytes(INTEGRATION_LOGO_MAX_BYTES)}`} error={problem}>
      {value && preview ? (
        <Paper withBorder radius="md" p="sm" mt={6}>
          <Group justify="space-between">
            <Group>
              <Image src={preview} alt="Logo preview" w={56} h={56} fit="contain" radius="sm" />
              <Stack gap={0}>
                <Text size="sm" fw={500}>
                  {value.name}
                </Text>
                <Text size="xs" c="dimmed">
                  {formatBytes(value.size)}
                </Text>
              </Stack>
            </Group>
            <Button variant="subtle" color="red" leftSection={<IconTrash size={16} aria-hidden />} onClick={() => onChange(null)}>
              Remove logo
            </Button>
          </Group>
        </Paper>
      ) : (
        <>
          {current && (
            <Paper withBorder radius="md" p="sm" mt={6}>
              <Group justify="space-between">
                <Group>
                  <Image src={current} alt="Current logo" w={56} h={56} fit="contain" radius="sm" />
                  <Text size="sm" fw={500}>
                    Current logo
                  </Text>
                </Group>
                {onRemoveCurrent && (
                  <Button variant="subtle" color="red" leftSection={<IconTrash size={16} aria-hidden />} onClick={onRemoveCurrent}>
                    Remove logo
                  </Button>
                )}
              </Group>
            </Paper>
          )}
          <Dropzone
            mt={6}
            accept={[...INTEGRATION_LOGO_MEDIA_TYPES]}
            maxSize={INTEGRATION_LOGO_MAX_BYTES}
            multiple={false}
            onDrop={(files) => {
              setRejected(null);
              if (files[0]) onChange(files[0]);
            }}
            onReject={(rejections) => {
              const file = rejections[0]?.file;
              setRejected(file ? (logoFileProblem(file) ?? 'This file cannot be used as a logo.') : null);
            }}
            inputProps={{ 'aria-label': 'Logo file' }}
            aria-label="Upload a logo"
          >
            <Group justify="center" gap="md" mih={88} style={{ pointerEvents: 'none' }}>
              <Dropzone.Accept>
                <IconUpload size={32} stroke={1.5} aria-hidden />
              </Dropzone.Accept>
              <Dropzone.Reject>
                <IconX size={32} stroke={1.5} aria-hidden />
              </Dropzone.Reject>
              <Dropzone.Idle>
                <IconPhoto size={32} stroke={1.5} color="var(--mantine-color-dimmed)" aria-hidden />
              </Dropzone.Idle>
              <Stack gap={2}>
                <Text size="sm">{current ? 'Drag a new logo here or click to choose a file to replace it' : 'Drag a logo here or click to choose a file'}</Text>
                <Text size="xs" c="dimmed">
                  {hint}
                </Text>
              </Stack>
            </Group>
          </Dropzone>
        </>
      )}
    </Input.Wrapper>
  );
}
