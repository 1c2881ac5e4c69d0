import { useAppInfo } from '../hooks/useServers';

/** Says plainly when secrets cannot be stored (Mist never falls back to plaintext). */
export function KeychainBanner() {
  const { data } = useAppInfo();
  if (!data || data.keychain.available) return null;
  return (
    <div className="banner" role="status">
      The OS keychain is not reachable{data.keychain.reason ? ` (${data.keychain.reason})` : ''}. Passwords and key
      passphrases cannot be saved until it is; servers using ssh-agent or an unencrypted key still work.
    </div>
  );
}
