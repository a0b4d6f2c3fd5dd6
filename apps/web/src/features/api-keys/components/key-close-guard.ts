import { useState } from 'react';

/**
 * Closing a dialog that shows a new key loses the key for good: until it was copied, every way of
 * closing (Escape, the close button, Done) first asks "Have you copied the key?". `keyShown` says
 * whether the key is on screen yet.
 */
export function useKeyCloseGuard(keyShown: boolean, onClose: () => void) {
  const [copied, setCopied] = useState(false);
  const [confirming, setConfirming] = useState(false);
  return {
    confirming,
    markCopied: () => setCopied(true),
    keepOpen: () => setConfirming(false),
    requestClose: () => {
      if (!keyShown || copied) return onClose();
      // Escape while asking means "not yet": back to the key.
      setConfirming((asking) => !asking);
    },
    reset: () => {
      setCopied(false);
      setConfirming(false);
    },
  };
}
