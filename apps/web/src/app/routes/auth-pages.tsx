import { Center } from '@mantine/core';
import { SignInForm } from '../../features/auth/components/sign-in-form';
import { SignUpForm } from '../../features/auth/components/sign-up-form';
import { RedirectIfSignedIn } from '../require-auth';

export function SignInPage() {
  return (
    <RedirectIfSignedIn>
      <Center mih="100vh" bg="gray.0">
        <SignInForm />
      </Center>
    </RedirectIfSignedIn>
  );
}

export function SignUpPage() {
  return (
    <RedirectIfSignedIn>
      <Center mih="100vh" bg="gray.0">
        <SignUpForm />
      </Center>
    </RedirectIfSignedIn>
  );
}
