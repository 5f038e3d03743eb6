package io.aksflux.secret;

/**
 * Reads Key Vault secrets at apply time. The engine sees only this interface; the Azure adapter implements it,
 * tests pass a map. Implementations throw {@link SecretUnavailableException} without the value in the message.
 */
public interface SecretSource {
    String read(SecretReference.KeyVaultSecret secret);

    /** For callers that give no Key Vault access: any Key Vault reference is refused with what to do. */
    SecretSource NONE = secret -> {
        throw new SecretUnavailableException(secret + ": Key Vault is not available to this command");
    };
}
