// Proves keytar can store, read and delete a secret in the current session's keychain; exits 1 with
// the reason otherwise. CI runs it before the tests so a broken keyring fails loudly, up front.
const keytar = require('keytar');

(async () => {
  const service = 'mist-desktop-keychain-check';
  await keytar.setPassword(service, 'probe', 'probe-secret');
  const readBack = await keytar.getPassword(service, 'probe');
  await keytar.deletePassword(service, 'probe');
  if (readBack !== 'probe-secret') throw new Error(`read back ${JSON.stringify(readBack)}`);
  console.log('keytar round trip through the keychain works');
})().catch((error) => {
  console.error('FATAL: keytar cannot use the keychain:', error.message);
  process.exit(1);
});
