import { updateIntegrationRequestSchema, type IntegrationDetail } from '@gatehouse/contracts';
import { Alert, Button, Group, Modal, Stack, Switch, Textarea, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { ApiRequestError } from '../../../lib/api-client';
import { fieldErrorsFrom } from '../../../lib/form-errors';
import { useUpdateIntegration } from '../api/update-integration';

/** Rename an integration, change its description or its strict setting; calls onSaved once the API accepted it. */
export function EditIntegrationModal({ integration, opened, onClose, onSaved }: { integration: IntegrationDetail; opened: boolean; onClose: () => void; onSaved: () => void }) {
  const update = useUpdateIntegration();
  const [errors, setErrors] = useState<Record<string, string>>({});

  const onSubmit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const parsed = updateIntegrationRequestSchema.safeParse({ name: form.get('name'), description: form.get('description'), strict: form.get('strict') === 'on' });
    if (!parsed.success) return setErrors(fieldErrorsFrom(parsed.error));
    setErrors({});
    update.mutate(
      { id: integration.id, ...parsed.data },
      {
        onSuccess: onSaved,
        onError: (err) => err instanceof ApiRequestError && setErrors(err.fieldErrors()),
      },
    );
  };
  const serverError = update.error && !Object.keys(errors).length ? (update.error instanceof ApiRequestError ? update.error.message : 'Could not reach the server. Try again.') : null;

  return (
    <Modal opened={opened} onClose={onClose} title="Edit integration" size="lg">
      <form onSubmit={onSubmit} noValidate>
        <Stack>
          {serverError && (
            <Alert color="red" role="alert">
              {serverError}
            </Alert>
          )}
          <TextInput name="name" label="Integration Name" defaultValue={integration.name} required error={errors.name} data-autofocus />
          <Textarea name="description" label="Integration Description" defaultValue={integration.description ?? ''} autosize minRows={3} error={errors.description} />
          <Switch
            name="strict"
            label="Strict"
            description="Refuse records with properties the schema does not define. When off, they are accepted and reported as warnings."
            defaultChecked={integration.strict}
            error={errors.strict}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={update.isPending}>
              Save
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
