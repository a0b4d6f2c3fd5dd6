import { Center, Loader } from '@mantine/core';
import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { useMe } from '../features/auth/api/get-me';
import { afterSignIn, signInPathFor } from '../features/auth/utils/return-path';

/** Pages behind sign-in; the API still checks every request, this only picks the page. */
export function RequireAuth({ children }: { children: ReactNode }) {
  const { data: me, isPending } = useMe();
  const location = useLocation();
  if (isPending) {
    return (
      <Center h="100vh">
        <Loader aria-label="Loading" />
      </Center>
    );
  }
  // Sign-in comes back here (docs/web.md).
  if (!me) return <Navigate to={signInPathFor(location)} replace />;
  return <>{children}</>;
}

export function RedirectIfSignedIn({ children }: { children: ReactNode }) {
  const { data: me, isPending } = useMe();
  const { search } = useLocation();
  if (isPending) return null;
  if (me) return <Navigate to={afterSignIn(search, window.location.origin)} replace />;
  return <>{children}</>;
}
