import type { IntegrationContext, IntegrationDetail } from '@gatehouse/contracts';
import type { ReactNode } from 'react';

// Pieces of other features that integration pages show. Features do not import each other:
// the route passes these in (see app/routes/integrations.tsx).

/** The monitoring selection UI (wizard step 2 and "Edit Monitoring"). */
export type RenderMonitoringPicker = (props: { value: string[]; onChange: (ids: string[]) => void }) => ReactNode;

/** A monitoring's detail view, shown when one is clicked on the Monitoring tab. */
export type RenderMonitoringDetails = (props: { monitoringId: string; onClose: () => void }) => ReactNode;

/** Extension points of the details page for data submitted to the integration (ingest). */
export interface IntegrationDataSlots {
  /** Shown on each context card of the Overview: the latest submission's status. */
  renderContextSyncStatus?: (props: { integration: IntegrationDetail; context: IntegrationContext }) => ReactNode;
  /** When given, the page gets a "Data" tab (records and submission history) with this content. */
  renderDataTab?: (props: { integration: IntegrationDetail }) => ReactNode;
}
