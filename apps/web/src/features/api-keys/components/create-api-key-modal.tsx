import type { CreatedApiKeyResponse } from '@gatehouse/contracts';
import { Modal } from '@mantine/core';
import { MODAL_STYLES } from './modal-styles';
import { useState } from 'react';
import { CreatedApiKey } from './created-api-key';
import { CreateApiKeyForm } from './create-api-key-form';

/**
 * "Create new API Key": the form, then the new key shown once. The key lives only in the body's
 * state, which unmounts with the dialog, so closing it loses the key for good.
 */
export function CreateApiKeyModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const [created, setCreated] = useState(false);
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      onExitTransitionEnd={() => setCreated(false)}
      title={created ? 'API key created' : 'Create new API Key'}
      // A stray click beside the dialog must not throw away a key the admin has not copied yet.
      closeOnClickOutside={!created}
      size="lg"
      styles={MODAL_STYLES}
    >
      <CreateApiKeyBody onCreated={() => setCreated(true)} onClose={onClose} />
    </Modal>
  );
}

function CreateApiKeyBody({ onCreated, onClose }: { onCreated: () => void; onClose: () => void }) {
  const [apiKey, setApiKey] = useState<CreatedApiKeyResponse | null>(null);
  if (apiKey) return <CreatedApiKey apiKey={apiKey} onDone={onClose} />;
  return (
    <CreateApiKeyForm
      onCreated={(key) => {
        setApiKey(key);
        onCreated();
      }}
      onCancel={onClose}
    />
  );
}
