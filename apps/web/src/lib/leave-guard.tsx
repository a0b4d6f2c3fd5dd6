import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useCallback, useEffect, useRef, type ReactNode } from 'react';
import { useBlocker, type BlockerFunction } from 'react-router';

export interface LeaveGuardOptions {
  /** Whether there is something leaving would lose. */
  when: boolean;
  /** What leaving loses, named: "Your changes to Directory (name, logo) will be lost." */
  message: string;
  /** Paths that stay on the same form (its own tabs), which are never asked about. */
  stays?: (pathname: string) => boolean;
}

/**
 * Asks "Leave without saving?" before in-app navigation (links, breadcrumbs, back button) takes
 * the admin away from unsaved work, and lets the browser ask before a reload or closing the tab.
 * Render `dialog`; call `allowNextNavigation()` just before a navigation that is the save itself
 * (after Finish, after a delete), so it is not asked about.
 */
export function useLeaveGuard({ when, message, stays }: LeaveGuardOptions): { dialog: ReactNode; allowNextNavigation: () => void } {
  const allowed = useRef(false);
  const shouldBlock = useCallback<BlockerFunction>(
    ({ currentLocation, nextLocation }) =>
      when && !allowed.current && currentLocation.pathname !== nextLocation.pathname && !(stays?.(nextLocation.pathname) ?? false),
    [when, stays],
  );
  const blocker = useBlocker(shouldBlock);

  useEffect(() => {
    if (!when) return;
    // Listening only while there is something to lose keeps the page eligible for the back/forward cache.
    const onBeforeUnload = (e: BeforeUnloadEvent) => {
      if (allowed.current) return;
      e.preventDefault();
      // Older browsers show the prompt only when returnValue is set.
      e.returnValue = '';
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => window.removeEventListener('beforeunload', onBeforeUnload);
  }, [when]);

  const blocked = blocker.state === 'blocked';
  const dialog = (
    <Modal opened={blocked} onClose={() => blocker.reset?.()} title="Leave without saving?" centered zIndex={400}>
      <Stack>
        <Text size="sm">{message}</Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={() => blocker.reset?.()} data-autofocus>
            Stay on this page
          </Button>
          <Button color="red" onClick={() => blocker.proceed?.()}>
            Leave without saving
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
  const allowNextNavigation = useCallback(() => {
    allowed.current = true;
  }, []);
  return { dialog, allowNextNavigation };
}
