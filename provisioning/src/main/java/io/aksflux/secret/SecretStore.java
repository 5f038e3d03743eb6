package io.aksflux.secret;

/**
 * Writes Key Vault secrets at apply time (the notification stage keeps the Event Hub connection string where the
 * platform's App Configuration references it). The Azure adapter implements it; messages never include a value.
 */
public interface SecretStore {
    /**
     * Sets the secret to {@code value} unless its current version already holds exactly that (compared in memory,
     * never shown).
     * @return true when a new version was written
     */
    boolean putIfDifferent(SecretReference.KeyVaultSecret secret, String value);

    /**
     * The secret's current value, registered with the {@link Redactor}; empty when the vault has no such secret (a deploy
     * key not made yet). Needs {@code getSecret}.
     */
    default java.util.Optional<String> find(SecretReference.KeyVaultSecret secret) {
        throw new SecretUnavailableException(secret + ": Key Vault is not available to this command");
    }

    /** For callers that give no Key Vault access. */
    SecretStore NONE = (secret, value) -> {
        throw new SecretUnavailableException(secret + ": Key Vault is not available to this command");
    };
}
