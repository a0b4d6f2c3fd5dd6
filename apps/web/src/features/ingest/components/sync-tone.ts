import { IconAlertTriangle, IconCircleCheck, IconClockHour4, IconInbox } from '@tabler/icons-react';
import type { SyncTone } from '../utils/sync-summary';

/** How a push's outcome looks wherever it is shown: its Mantine colour and icon. */
export const SYNC_TONE_LOOK: Record<SyncTone, { color: 'teal' | 'gray' | 'red'; icon: typeof IconCircleCheck }> = {
  success: { color: 'teal', icon: IconCircleCheck },
  neutral: { color: 'gray', icon: IconInbox },
  error: { color: 'red', icon: IconAlertTriangle },
  none: { color: 'gray', icon: IconClockHour4 },
};
