import type { PreviewConnectorRequest, PreviewConnectorResponse } from '@gatehouse/contracts';
import { useMutation } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { connectorPath } from './connector-keys';

/** Renders an operation of the saved settings on the server; nothing is sent downstream and nothing changes. */
export const previewConnector = ({ id, ...body }: PreviewConnectorRequest & { id: string }) =>
  api<PreviewConnectorResponse>(`${connectorPath(id)}/preview`, { body });

export const usePreviewConnector = () => useMutation({ mutationFn: previewConnector });
