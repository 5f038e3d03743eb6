package io.aksflux.secret;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a protected setting's value lives: a process variable or a Key Vault secret. The environment file holds
 * only this reference, never the value; {@link #toString()} is the reference as written, safe to show anywhere.
 */
public sealed interface SecretReference permits SecretReference.EnvVariable, SecretReference.KeyVaultSecret {
    /** Vault names are 3-24 characters, secret names up to 127 (letters, digits, '-'), as Key Vault allows. */
    Pattern SYNTAX = Pattern.compile("^\\$\\{(?:env:([A-Za-z_][A-Za-z0-9_]*)|keyvault:([A-Za-z][A-Za-z0-9-]{1,22}[A-Za-z0-9])/([A-Za-z0-9-]{1,127}))}$");

    static Optional<SecretReference> parse(String text) {
        Matcher m = SYNTAX.matcher(text);
        if (!m.matches()) {
            return Optional.empty();
        }
        return Optional.of(m.group(1) != null ? new EnvVariable(m.group(1)) : new KeyVaultSecret(m.group(2), m.group(3)));
    }

    record EnvVariable(String name) implements SecretReference {
        @Override
        public String toString() {
            return "${env:" + name + "}";
        }
    }

    record KeyVaultSecret(String vault, String name) implements SecretReference {
        @Override
        public String toString() {
            return "${keyvault:" + vault + "/" + name + "}";
        }
    }
}
