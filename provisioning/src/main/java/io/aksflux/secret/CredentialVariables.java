package io.aksflux.secret;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Which process variables hold credentials: aksflux's own, the Azure SDK's, the pipelines', and any name with a
 * credential word in it. Such a variable may be read only as a secret reference (a protected setting or
 * {@code notifications.connectionString}), never into a plain field, where it would end up in Git, an ARM body, a
 * plan or a message.
 */
public final class CredentialVariables {
    /** Named ones, including those whose value is a path to a credential rather than the credential itself. */
    static final Set<String> NAMED = Set.of(
            "AKSFLUX_ARM_TOKEN", "AKSFLUX_AKS_TOKEN", "AKSFLUX_KEYVAULT_TOKEN", "AKSFLUX_GIT_TOKEN", "AKSFLUX_GIT_SSH_KEY",
            "AZURE_CLIENT_SECRET", "AZURE_CLIENT_CERTIFICATE_PASSWORD", "AZURE_CLIENT_CERTIFICATE_PATH", "AZURE_PASSWORD",
            "AZURE_FEDERATED_TOKEN", "AZURE_FEDERATED_TOKEN_FILE", "IDENTITY_HEADER", "MSI_SECRET",
            "SYSTEM_ACCESSTOKEN", "GITHUB_TOKEN", "ACTIONS_ID_TOKEN_REQUEST_TOKEN", "ACTIONS_RUNTIME_TOKEN");
    /** A name is a credential when one of its {@code _}-separated words ends with one of these (ACCESSTOKEN, APIKEY…). */
    static final Set<String> WORD_ENDINGS = Set.of("TOKEN", "SECRET", "SECRETS", "PASSWORD", "PASSWD", "PWD", "KEY",
            "CREDENTIAL", "CREDENTIALS", "CONNECTIONSTRING", "SAS");
    /** Or one of its words is exactly one of these. */
    static final Set<String> WORDS = Set.of("PAT");
    /** Variables whose value is a file name: read-protected like the others, but the path itself is shown in messages. */
    private static final Set<String> PATHS = Set.of("AKSFLUX_GIT_SSH_KEY", "AKSFLUX_GIT_KNOWN_HOSTS");

    /** What the rule allows, for messages. */
    public static final String RULE = "credential variables (aksflux's AKSFLUX_*_TOKEN and AKSFLUX_GIT_SSH_KEY, the Azure SDK's"
            + " AZURE_CLIENT_SECRET…, the pipelines' SYSTEM_ACCESSTOKEN, GITHUB_TOKEN…, and any name with a word ending in TOKEN,"
            + " SECRET, PASSWORD, KEY, CREDENTIAL or CONNECTIONSTRING, or the word PAT) can be read only as a secret reference:"
            + " extension.protectedSettings.<name>, flux.protectedSettings.<name> or notifications.connectionString";

    private CredentialVariables() {
    }

    public static boolean isCredential(String name) {
        String upper = name.toUpperCase(Locale.ROOT);
        if (NAMED.contains(upper) || upper.contains("CONNECTION_STRING")) {
            return true;
        }
        return Arrays.stream(upper.split("_+")).anyMatch(word -> WORDS.contains(word)
                || WORD_ENDINGS.stream().anyMatch(word::endsWith));
    }

    /** Registers the value of every credential variable that holds a secret (not a path) with the redactor. */
    public static void registerValues(Map<String, String> processEnvironment, Redactor redactor) {
        processEnvironment.forEach((name, value) -> {
            String upper = name.toUpperCase(Locale.ROOT);
            if (isCredential(name) && !PATHS.contains(upper) && !upper.endsWith("_FILE") && !upper.endsWith("_PATH")) {
                redactor.register(value);
            }
        });
    }
}
