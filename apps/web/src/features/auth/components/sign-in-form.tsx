import { loginRequestSchema } from '@gatehouse/contracts';
import { Alert, Anchor, Button, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { Link, useLocation, useNavigate } from 'react-router';
import { ApiRequestError } from '../../../lib/api-client';
import { fieldErrorsFrom } from '../../../lib/form-errors';
import { useSignIn } from '../api/sign-in';

/** The form's labels, which its messages use. */
const LABELS = { email: 'Email', password: 'Password' };
import { afterSignIn } from '../utils/return-path';

export function SignInForm() {
  const navigate = useNavigate();
  const { search } = useLocation();
  const signIn = useSignIn();
  const [errors, setErrors] = useState<Record<string, string>>({});

  const onSubmit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const parsed = loginRequestSchema.safeParse({ email: form.get('email'), password: form.get('password') });
    if (!parsed.success) return setErrors(fieldErrorsFrom(parsed.error, LABELS));
    setErrors({});
    signIn.mutate(parsed.data, { onSuccess: () => navigate(afterSignIn(search, window.location.origin), { replace: true }) });
  };

  const serverError = signIn.error instanceof ApiRequestError ? signIn.error.message : signIn.error ? 'Could not reach the server. Check your connection and try again.' : null;

  return (
    <Paper withBorder shadow="sm" p="xl" radius="md" w={400} component="form" onSubmit={onSubmit} noValidate aria-labelledby="sign-in-title">
      <Stack>
        <Title order={2} id="sign-in-title">
          Sign in to Gatehouse
        </Title>
        {serverError && (
          <Alert color="red" role="alert">
            {serverError}
          </Alert>
        )}
        <TextInput name="email" label="Email" type="email" autoComplete="email" required error={errors.email} />
        <PasswordInput name="password" label="Password" autoComplete="current-password" required error={errors.password} />
        <Button type="submit" loading={signIn.isPending}>
          Sign in
        </Button>
        <Text size="sm">
          New to Gatehouse?{' '}
          <Anchor component={Link} to="/sign-up">
            Create an account
          </Anchor>
        </Text>
      </Stack>
    </Paper>
  );
}
