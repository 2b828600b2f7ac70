import { useEffect, useState } from 'react';
import type { TokenPurpose, TokenState } from '../../../shared/domain';
import { fetchLinkStatus } from './walletApi';

/** 'checking' until the server answers; null when it could not (the page then offers its form). */
export type LinkCheck = TokenState | 'checking' | null;

/**
 * Asks once, when the page opens, whether its link still works (docs/design.md, POST /wallet/token-status), so a
 * spent or expired link says so before the customer types anything. `skip` when the page already knows its
 * outcome (a reload after success).
 */
export function useLinkStatus(token: string, purpose: TokenPurpose, skip: boolean): LinkCheck {
  const [status, setStatus] = useState<LinkCheck>(skip ? null : 'checking');
  useEffect(() => {
    if (skip) return;
    let current = true;
    void fetchLinkStatus(token, purpose).then((answer) => {
      if (current) setStatus(answer);
    });
    return () => {
      current = false;
    };
  }, [token, purpose, skip]);
  return status;
}
