import type { IntegrationContext } from '@gatehouse/contracts';
import { Button, Group } from '@mantine/core';
import { IconDownload } from '@tabler/icons-react';
import { downloadJson } from '../../../lib/download';

/** File names of a context's downloads: `list_employees.schema.json`, `list_employees.sample.json`. */
export const schemaFileName = (contextKey: string) => `${contextKey}.schema.json`;
export const sampleFileName = (contextKey: string) => `${contextKey}.sample.json`;

/**
 * The context's record JSON Schema and a sample request body (`{"data": [...]}`, valid against
 * that schema) as files, to keep beside the code or to start a test file for Validate from.
 */
export function ContextDownloads({ context, show = ['schema', 'sample'] }: { context: Pick<IntegrationContext, 'key' | 'schema' | 'sampleRequestBody'>; show?: readonly ('schema' | 'sample')[] }) {
  return (
    <Group gap="xs">
      {show.includes('schema') && (
        <Button size="xs" variant="default" leftSection={<IconDownload size={14} aria-hidden />} onClick={() => downloadJson(schemaFileName(context.key), context.schema)}>
          Download schema (.json)
        </Button>
      )}
      {show.includes('sample') && (
        <Button
          size="xs"
          variant="default"
          leftSection={<IconDownload size={14} aria-hidden />}
          onClick={() => downloadJson(sampleFileName(context.key), context.sampleRequestBody)}
        >
          Download sample file
        </Button>
      )}
    </Group>
  );
}
