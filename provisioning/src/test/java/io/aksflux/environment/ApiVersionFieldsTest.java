package io.aksflux.environment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aksflux.support.Reference;
import io.aksflux.support.Workspaces;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The api-version table validate refuses fields by agrees with the published specs, for every api-version the schema accepts. */
class ApiVersionFieldsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> OPTIONAL_EXTENSION_FIELDS = Set.of("autoUpgradeMode");

    private static List<String> accepted(String type) throws IOException {
        JsonNode schema = JSON.readTree(Workspaces.environments().resolve("schema.json").toFile());
        List<String> versions = new ArrayList<>();
        schema.at("/properties/azure/properties/apiVersions/properties/" + type + "/enum").forEach(v -> versions.add(v.asText()));
        return versions;
    }

    @Test
    void each_extensions_api_version_has_autoupgrademode_exactly_when_its_spec_defines_it() throws IOException {
        for (String version : accepted("extensions")) {
            JsonNode properties = JSON.readTree(Reference.arm().resolve(version).resolve("extensions/extensions.json").toFile())
                    .at("/definitions/Extension/properties/properties/properties");
            for (String field : OPTIONAL_EXTENSION_FIELDS) {
                assertThat(ApiVersionFields.extensionHas(version, field)).as(version + " " + field).isEqualTo(properties.has(field));
            }
        }
        assertThat(ApiVersionFields.extensionHas("2024-11-01", "autoUpgradeMode")).isFalse();
    }

    @Test
    void each_flux_api_version_defines_the_git_repository_fields_the_table_gives_it() throws IOException {
        for (String version : accepted("fluxConfigurations")) {
            JsonNode git = JSON.readTree(Reference.arm().resolve(version).resolve("fluxConfigurations/fluxconfiguration.json").toFile())
                    .at("/definitions/GitRepositoryDefinition/properties");
            assertThat(ApiVersionFields.FLUX_GIT_REPOSITORY).containsKey(version);
            for (String field : List.of("provider", "sshKnownHosts", "httpsCACert", "httpsUser", "localAuthRef")) {
                assertThat(ApiVersionFields.gitRepositoryHas(version, field)).as(version + " " + field).isEqualTo(git.has(field));
            }
        }
    }
}
