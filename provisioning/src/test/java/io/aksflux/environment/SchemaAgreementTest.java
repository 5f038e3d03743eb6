package io.aksflux.environment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import io.aksflux.config.ConfigNode;
import io.aksflux.config.YamlConfigReader;
import io.aksflux.support.Workspaces;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The published schema is a standard JSON Schema that editors apply to each file, and validate applies the
 * same schema: a standard validator accepts every shipped file and refuses what validate refuses.
 */
class SchemaAgreementTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonSchema standardSchema() throws IOException {
        return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7)
                .getSchema(JSON.readTree(Workspaces.environments().resolve("schema.json").toFile()));
    }

    private static JsonNode asJson(String source, String yaml) {
        return JSON.valueToTree(ConfigNode.toPlain(YamlConfigReader.parse(source, yaml)));
    }

    @Test
    void every_shipped_file_references_the_schema_and_conforms_to_it() throws IOException {
        JsonSchema schema = standardSchema();
        try (Stream<Path> files = Files.list(Workspaces.environments())) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).toList()) {
                String text = Files.readString(file);
                assertThat(text).as(file.toString()).startsWith("# yaml-language-server: $schema=./schema.json");
                assertThat(schema.validate(asJson(file.toString(), text))).as(file.toString()).isEmpty();
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "azure: {clustr: aks}",
            "flux: {name: Flux_Config}",
            "flux: {interval: 0}",
            "flux: {timeout: 5 minutes}",
            "flux: {scope: Cluster}",
            "repos: {core: {url: 'http://x/y'}}",
            "repos: {tenants: {url: 'https://x/y', branch: 'a b'}}",
            "flux: {kustomizations: {cluster: {path: clusters/x}}}",
            "flux: {kustomizations: {Apps: {path: ./apps}}}",
            "flux: {kustomizations: {cluster: {prune: maybe}}}",
            "extension: {settings: {a: {nested: map}}}",
            "notifications: {auth: password}",
            "notifications: {connectionString: 'Endpoint=sb://ns.servicebus.windows.net/;SharedAccessKey=literal'}",
            "azure: {subscriptionId: not-a-guid}",
    })
    void a_standard_validator_refuses_what_validate_refuses(String layer) throws IOException {
        JsonNode json = asJson("layer", layer);
        EnvironmentSchema ours = EnvironmentSchema.bundled();

        assertThat(standardSchema().validate(json)).as("standard validator on %s", layer).isNotEmpty();
        assertThat(ours.validate(YamlConfigReader.parse("layer", layer))).as("aksflux on %s", layer)
                .anySatisfy(p -> assertThat(p.message()).doesNotContain("required field is missing"));
    }

    @Test
    void every_secret_field_of_the_schema_takes_the_one_reference_definition() throws IOException {
        JsonNode schema = JSON.readTree(Workspaces.environments().resolve("schema.json").toFile());

        assertThat(schema.at("/properties/notifications/properties/connectionString/$ref").asText()).isEqualTo("#/definitions/secretReference");
        assertThat(schema.at("/definitions/secretReferences/additionalProperties/$ref").asText()).isEqualTo("#/definitions/secretReference");
    }

    @ParameterizedTest
    @ValueSource(strings = {"${env:CORE_GIT_TOKEN}", "${env:_X1}", "${keyvault:platform-kv/flux-ssh-key}", "${keyvault:ab1/x}",
            "plain-secret", "${env:1BAD}", "${env:}", "${keyvault:kv/}", "${keyvault:k/secret}", "${keyvault:-kv/s}", "$env:X",
            "${env:X}tail", "${keyvault:vault-name-that-is-far-too-long/s}", "${vault:kv/s}"})
    void the_schema_and_the_engine_agree_on_what_a_secret_reference_is(String value) throws IOException {
        JsonNode pattern = JSON.readTree(Workspaces.environments().resolve("schema.json").toFile())
                .at("/definitions/secretReference/pattern");
        boolean schemaAccepts = java.util.regex.Pattern.compile(pattern.asText()).matcher(value).find();

        assertThat(io.aksflux.secret.SecretReference.SYNTAX.matcher(value).matches()).as(value).isEqualTo(schemaAccepts);
    }
}
