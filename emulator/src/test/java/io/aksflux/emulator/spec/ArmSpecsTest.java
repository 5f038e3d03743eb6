package io.aksflux.emulator.spec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class ArmSpecsTest {
    private static final String EXTENSIONS = "Microsoft.KubernetesConfiguration/extensions";
    private static final String FLUX = "Microsoft.KubernetesConfiguration/fluxConfigurations";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static Path arm;
    private static ArmSpecs specs;

    @BeforeAll
    static void load() {
        arm = Path.of(System.getProperty("aksflux.reference", "../../shared/reference")).resolve("arm");
        specs = ArmSpecs.load(arm);
    }

    private static ObjectNode example(String file, String parameter) throws IOException {
        return (ObjectNode) JSON.readTree(arm.resolve(file).toFile()).path("parameters").path(parameter).deepCopy();
    }

    @Test
    void knows_the_published_api_versions_of_each_type() {
        assertThat(specs.apiVersions(EXTENSIONS)).containsExactly("2024-11-01", "2025-03-01");
        assertThat(specs.apiVersions(FLUX)).contains("2025-04-01");
    }

    @Test
    void the_official_create_examples_conform() throws IOException {
        assertThat(specs.validatePut(EXTENSIONS, "2025-03-01",
                example("2025-03-01/extensions/examples/CreateExtension.json", "extension"))).isEmpty();
        assertThat(specs.validatePut(FLUX, "2025-04-01",
                example("2025-04-01/fluxConfigurations/examples/CreateFluxConfiguration.json", "fluxConfiguration"))).isEmpty();
    }

    @Test
    void a_property_the_spec_does_not_define_is_rejected() throws IOException {
        ObjectNode body = example("2025-03-01/extensions/examples/CreateExtension.json", "extension");
        ((ObjectNode) body.get("properties")).put("extensionTipe", "microsoft.flux");

        assertThat(specs.validatePut(EXTENSIONS, "2025-03-01", body)).singleElement().asString().contains("extensionTipe");
    }

    @Test
    void a_value_outside_an_enum_is_rejected() throws IOException {
        ObjectNode body = example("2025-04-01/fluxConfigurations/examples/CreateFluxConfiguration.json", "fluxConfiguration");
        ((ObjectNode) body.get("properties")).put("scope", "global");

        assertThat(specs.validatePut(FLUX, "2025-04-01", body)).singleElement().asString().contains("scope");
    }

    @Test
    void read_only_properties_are_not_accepted_in_a_put() throws IOException {
        ObjectNode body = example("2025-04-01/fluxConfigurations/examples/CreateFluxConfiguration.json", "fluxConfiguration");
        ((ObjectNode) body.get("properties")).put("complianceState", "Compliant");

        assertThat(specs.validatePut(FLUX, "2025-04-01", body)).singleElement().asString().contains("complianceState");
    }

    @Test
    void a_wrongly_typed_nested_value_is_rejected() throws IOException {
        ObjectNode body = example("2025-04-01/fluxConfigurations/examples/CreateFluxConfiguration.json", "fluxConfiguration");
        JsonNode kustomization = body.path("properties").path("kustomizations").elements().next();
        ((ObjectNode) kustomization).put("syncIntervalInSeconds", "five minutes");

        assertThat(specs.validatePut(FLUX, "2025-04-01", body)).singleElement().asString().contains("syncIntervalInSeconds");
    }

    @Test
    void an_unpublished_api_version_is_named_with_the_published_ones() {
        assertThat(specs.validatePut(EXTENSIONS, "2019-01-01", JSON.createObjectNode()))
                .singleElement().asString().contains("2019-01-01").contains("2025-03-01");
    }
}
