package io.aksflux.environment;

import java.util.Map;
import java.util.Set;

/**
 * Which optional body fields each api-version aksflux accepts defines, from the published specs
 * ({@code reference/arm/<version>/...}; a test keeps this table and the specs in agreement). A field an api-version
 * lacks is refused at validate rather than sent for ARM to reject or, worse, ignore.
 */
public final class ApiVersionFields {
    /** extensions api-version → optional fields of {@code properties} it defines. */
    static final Map<String, Set<String>> EXTENSIONS = Map.of(
            "2024-11-01", Set.of(),
            "2025-03-01", Set.of("autoUpgradeMode"));
    /** fluxConfigurations api-version → optional fields of {@code properties.gitRepository} it defines. */
    static final Map<String, Set<String>> FLUX_GIT_REPOSITORY = Map.of(
            "2025-04-01", Set.of("provider", "sshKnownHosts", "httpsCACert", "httpsUser", "localAuthRef"));

    private ApiVersionFields() {
    }

    public static boolean extensionHas(String apiVersion, String field) {
        return EXTENSIONS.getOrDefault(apiVersion, Set.of()).contains(field);
    }

    public static boolean gitRepositoryHas(String apiVersion, String field) {
        return FLUX_GIT_REPOSITORY.getOrDefault(apiVersion, Set.of()).contains(field);
    }

    static String versionsWith(Map<String, Set<String>> table, String field) {
        return String.join(", ", table.entrySet().stream().filter(e -> e.getValue().contains(field)).map(Map.Entry::getKey)
                .sorted().toList());
    }
}
