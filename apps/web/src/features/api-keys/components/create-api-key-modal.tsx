import type { CreatedApiKeyResponse } from '@gatehouse/contracts';
import { Modal } from '@mantine/core';
import { MODAL_STYLES } from './modal-styles';
import { useState } from 'react';
import { CreatedApiKey } from './created-api-key';
import { CreateApiKeyForm } from './create-api-key-form';
import { useKeyCloseGuard } from './key-close-guard';

/**
 * "Create new API Key": the form, then the new key shown once. The key lives only in the body's
 * state, which unmounts with the dialog, so closing it loses the key for good: until the key was
 * copied, every way of closing (Escape, the close button, Done) first asks whether it was.
 */
export function CreateApiKeyModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const [created, setCreated] = useState(false);
  const guard = useKeyCloseGuard(created, onClose);
  return (
    <Modal
      opened={opened}
      onClose={guard.requestClose}
      onExitTransitionEnd={() => {
        setCreated(false);
        guard.reset();
      }}
      title={created ? 'API key created' : 'Create new API Key'}
      // A stray click beside the dialog must not throw away a key the admin has not copied yet.
      closeOnClickOutside={!created}
      size="lg"
      closeButtonProps={{ 'aria-label': 'Close' }}
      styles={MODAL_STYLES}
    >
      <CreateApiKeyBody
        onCreated={() => setCreated(true)}
        onCopied={guard.markCopied}
        confirming={guard.confirming}
        onKeepOpen={guard.keepOpen}
        onClose={onClose}
        onDone={guard.requestClose}
      />
    </Modal>
  );
}

function CreateApiKeyBody(props: {
  onCreated: () => void;
  onCopied: () => void;
  confirming: boolean;
  onKeepOpen: () => void;
  onClose: () => void;
  onDone: () => void;
}) {
  const [apiKey, setApiKey] = useState<CreatedApiKeyResponse | null>(null);
  if (apiKey) {
    return <CreatedApiKey apiKey={apiKey} onCopied={props.onCopied} confirming={props.confirming} onKeepOpen={props.onKeepOpen} onCloseAnyway={props.onClose} onDone={props.onDone} />;
  }
  return (
    <CreateApiKeyForm
      onCreated={(key) => {
        setApiKey(key);
        props.onCreated();
      }}
      onCancel={props.onClose}
    />
  );
}
