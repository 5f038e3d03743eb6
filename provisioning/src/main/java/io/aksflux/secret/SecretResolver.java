package io.aksflux.secret;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

/**
 * Turns protected-setting references into the values apply sends: process variables from the given map, Key
 * Vault secrets through a {@link SecretSource}. Only apply calls it; validate and plan never read a secret.
 */
public final class SecretResolver {
    private final Map<String, String> processEnvironment;
    private final SecretSource keyVault;

    public SecretResolver(Map<String, String> processEnvironment, SecretSource keyVault) {
        this.processEnvironment = Map.copyOf(processEnvironment);
        this.keyVault = keyVault;
    }

    /** Where Key Vault secrets are written: the same vault access as reads, when it can write. */
    public SecretStore store() {
        return keyVault instanceof SecretStore store ? store : SecretStore.NONE;
    }

    /** @param field where the settings are configured ({@code flux.protectedSettings}), for messages */
    public ObjectNode resolve(String field, ProtectedSettings settings) {
        ObjectNode values = JsonNodeFactory.instance.objectNode();
        settings.references().forEach((key, reference) -> {
            String value = read(field + "." + key, reference);
            values.put(key, settings.base64Keys().contains(key)
                    ? Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8)) : value);
        });
        return values;
    }

    /** One secret's value; {@code field} names where it is configured, for messages. */
    public String read(String field, SecretReference reference) {
        String value = readUnregistered(field, reference);
        Redactor.shared().register(value); // from now on no message or output line can hold it
        return value;
    }

    private String readUnregistered(String field, SecretReference reference) {
        if (reference instanceof SecretReference.EnvVariable variable) {
            String value = processEnvironment.get(variable.name());
            if (value == null || value.isEmpty()) {
                throw new SecretUnavailableException(field + ": environment variable " + variable.name()
                        + " is not set; set it in the environment apply runs in (a secret pipeline variable)");
            }
            return value;
        }
        try {
            return keyVault.read((SecretReference.KeyVaultSecret) reference);
        } catch (SecretUnavailableException e) {
            throw new SecretUnavailableException(field + ": " + e.getMessage());
        }
    }
}
