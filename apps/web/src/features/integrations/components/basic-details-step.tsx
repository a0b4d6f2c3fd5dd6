import { INTEGRATION_DESCRIPTION_MAX_LENGTH, INTEGRATION_NAME_MAX_LENGTH } from '@gatehouse/contracts';
import { Stack, Textarea, TextInput } from '@mantine/core';
import type { IntegrationWizard } from '../hooks/use-integration-wizard';
import { LogoDropzone } from './logo-dropzone';

/** Step 1: name (mandatory), description and logo. */
export function BasicDetailsStep({ wizard }: { wizard: IntegrationWizard }) {
  const { draft, update, errors } = wizard;
  return (
    <Stack maw={640}>
      <TextInput
        label="Integration Name"
        placeholder="e.g. In-house HR System"
        required
        maxLength={INTEGRATION_NAME_MAX_LENGTH}
        value={draft.name}
        onChange={(e) => update({ name: e.currentTarget.value })}
        error={errors.name}
        data-autofocus
      />
      <Textarea
        label="Integration Description"
        placeholder="What does this integration send, and from which system?"
        autosize
        minRows={3}
        maxLength={INTEGRATION_DESCRIPTION_MAX_LENGTH}
        value={draft.description}
        onChange={(e) => update({ description: e.currentTarget.value })}
        error={errors.description}
      />
      <LogoDropzone value={draft.logo} onChange={(logo) => update({ logo })} error={errors.logo} />
    </Stack>
  );
}
