package io.aksflux.azure;

import com.azure.core.credential.TokenRequestContext;
import com.azure.identity.DefaultAzureCredentialBuilder;

import java.util.Optional;

/**
 * An Entra access token for Azure DevOps Git, so pipelines and signed-in users need no PAT. Empty when no
 * identity is found; the caller then says which variable to set.
 */
public final class EntraGitToken {
    /** The Azure DevOps resource. */
    static final String SCOPE = "499b84ac-1321-427f-aa17-267ca6975798/.default";

    private EntraGitToken() {
    }

    public static Optional<String> fetch() {
        try {
            return Optional.ofNullable(new DefaultAzureCredentialBuilder().build()
                    .getTokenSync(new TokenRequestContext().addScopes(SCOPE)).getToken());
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}
