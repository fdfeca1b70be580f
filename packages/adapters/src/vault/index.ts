export { createFileVault, type FileVaultOptions, type ReadableSecretVault } from "./file-vault.js";
export { createMemoryVault } from "./memory-vault.js";
export { parseVaultKey, readOrCreateKeyFile, resolveVaultKey, VAULT_KEY_BYTES, VAULT_KEY_ENV } from "./vault-key.js";
export { VaultError, type VaultErrorCode } from "./vault-error.js";
export { withFileLock, type LockOptions } from "./vault-lock.js";
