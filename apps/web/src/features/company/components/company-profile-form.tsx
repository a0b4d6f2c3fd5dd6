import { updateCompanyRequestSchema } from '@gatehouse/contracts';
import { Button, Group, Loader, Paper, Stack, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState, type FormEvent } from 'react';
import { ApiRequestError } from '../../../lib/api-client';
import { fieldErrorsFrom } from '../../../lib/form-errors';
import { useCompany, useUpdateCompany } from '../api/company';

/** The form's labels, which its messages use. */
const LABELS = { name: 'Company name' };

export function CompanyProfileForm() {
  const { data: company, isPending } = useCompany();
  const update = useUpdateCompany();
  const [errors, setErrors] = useState<Record<string, string>>({});
  if (isPending || !company) return <Loader aria-label="Loading company" />;

  const onSubmit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const parsed = updateCompanyRequestSchema.safeParse({ name: new FormData(e.currentTarget).get('name') });
    if (!parsed.success) return setErrors(fieldErrorsFrom(parsed.error, LABELS));
    setErrors({});
    update.mutate(parsed.data, {
      onSuccess: () => notifications.show({ color: 'green', message: 'Company name saved' }),
      onError: (err) => setErrors(err instanceof ApiRequestError ? { name: err.fieldErrors(LABELS).name ?? err.message } : { name: 'Could not save. Try again.' }),
    });
  };

  return (
    <Paper withBorder p="lg" maw={520} component="form" onSubmit={onSubmit} noValidate>
      <Stack>
        <TextInput name="name" label="Company name" defaultValue={company.name} required error={errors.name} />
        <Group justify="flex-end">
          <Button type="submit" loading={update.isPending}>
            Save
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
