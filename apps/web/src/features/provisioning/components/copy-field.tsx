import { ActionIcon, CopyButton, Group, PasswordInput, TextInput, Tooltip, VisuallyHidden } from '@mantine/core';
import { IconCheck, IconCopy } from '@tabler/icons-react';
import { useState } from 'react';

type Props = { label: string; value: string; description?: string; secret?: boolean };

/** A read-only value with a copy button; a secret one stays hidden until its eye toggle is pressed. */
export function CopyField({ label, value, description, secret = false }: Props) {
  const [visible, setVisible] = useState(false);
  const copy = (
    <CopyButton value={value} timeout={2000}>
      {({ copied, copy }) => (
        <>
          <Tooltip label={copied ? 'Copied' : 'Copy'} withArrow>
            <ActionIcon variant="subtle" color={copied ? 'teal' : 'gray'} onClick={copy} aria-label={`Copy ${label}`}>
              {copied ? <IconCheck size={16} aria-hidden /> : <IconCopy size={16} aria-hidden />}
            </ActionIcon>
          </Tooltip>
          <VisuallyHidden role="status">{copied ? `${label} copied to the clipboard` : ''}</VisuallyHidden>
        </>
      )}
    </CopyButton>
  );
  const common = {
    label,
    description,
    value,
    readOnly: true,
    onFocus: (e: React.FocusEvent<HTMLInputElement>) => e.currentTarget.select(),
    styles: { input: { fontFamily: 'var(--mantine-font-family-monospace)' } },
  };
  if (!secret) return <TextInput {...common} rightSection={copy} rightSectionWidth={40} />;
  return (
    <Group align="flex-end" gap={4} wrap="nowrap">
      <PasswordInput
        {...common}
        visible={visible}
        onVisibilityChange={setVisible}
        visibilityToggleFocusable
        visibilityToggleButtonProps={{ 'aria-label': visible ? `Hide ${label}` : `Show ${label}`, 'aria-pressed': undefined }}
        style={{ flex: 1 }}
      />
      <div style={{ paddingBottom: 4 }}>{copy}</div>
    </Group>
  );
}
