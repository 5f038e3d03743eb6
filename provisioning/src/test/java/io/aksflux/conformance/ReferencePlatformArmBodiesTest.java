package io.aksflux.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aksflux.desired.ExtensionBody;
import io.aksflux.desired.FluxConfigurationBody;
import io.aksflux.environment.Environment;
import io.aksflux.support.Golden;
import io.aksflux.support.Reference;
import io.aksflux.support.Workspaces;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static io.aksflux.conformance.PlatformBicep.map;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The extension and flux configuration bodies of the nine shipped environments against the reference platform's bicep
 * (read from the adp-infrastructure snapshot, not copied here): the same settings, keys and values; the same
 * kustomizations, intervals, timeouts and dependencies; the same substitution names. Golden files pin each body
 * whole ({@code golden/arm-<env>.json}; refresh deliberately with {@code -Dgolden.update=true}).
 */
class ReferencePlatformArmBodiesTest {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    static List<String> shippedEnvironments() {
        return ShippedEnvironmentsConformanceTest.shippedEnvironments();
    }

    private static Environment environment(String name) {
        return Workspaces.shipped().environment(name, List.of());
    }

    @ParameterizedTest
    @MethodSource("shippedEnvironments")
    void the_arm_bodies_of_each_environment_match_their_golden_file(String name) throws IOException {
        Environment env = environment(name);
        ObjectNode bodies = JSON.createObjectNode();
        for (var resource : List.of(ExtensionBody.of(env), FluxConfigurationBody.of(env))) {
            ObjectNode entry = bodies.putObject(resource.type());
            entry.put("id", resource.id());
            entry.put("apiVersion", resource.apiVersion());
            entry.set("body", resource.shownBody());
        }
        Golden.assertMatches("arm-" + name + ".json", JSON.writeValueAsString(bodies) + "\n");
    }

    @Test
    void the_nine_environments_are_the_reference_platforms() {
        assertThat(shippedEnvironments()).containsExactlyInAnyOrder("snd1", "snd2", "snd3", "snd4", "dev1", "tst1", "tst2", "pre1", "prd1");
    }

    @ParameterizedTest
    @MethodSource("shippedEnvironments")
    void extension_settings_are_exactly_the_biceps(String name) {
        Map<String, Object> params = PlatformBicep.fluxExtensionParams();
        JsonNode body = ExtensionBody.of(environment(name)).body().path("properties");

        assertThat(texts(body.path("configurationSettings"))).isEqualTo(new TreeMap<>(map(params.get("configurationSettings"))));
        assertThat(body.path("extensionType").asText()).isEqualTo(params.get("extensionType"));
        assertThat(body.path("releaseTrain").asText()).isEqualTo(params.get("releaseTrain"));
        assertThat(body.at("/scope/cluster/releaseNamespace").asText()).isEqualTo(params.get("releaseNamespace"));
        assertThat(ExtensionBody.id(environment(name))).endsWith("/extensions/" + params.get("name"));
    }

    @ParameterizedTest
    @MethodSource("shippedEnvironments")
    void kustomizations_and_substitution_names_are_the_biceps(String name) {
        Environment env = environment(name);
        Map<String, Object> configuration = map(((List<?>) PlatformBicep.fluxExtensionParams().get("fluxConfigurations")).get(0));
        Map<String, Object> fluxConfig = map(PlatformBicep.fluxConfigParam().get("clusterCore"));
        Map<String, Object> repository = map(fluxConfig.get("gitRepository"));
        Map<String, Object> kustomizationParams = map(fluxConfig.get("kustomizations"));
        JsonNode body = FluxConfigurationBody.of(env).body().path("properties");

        assertThat(FluxConfigurationBody.id(env)).endsWith("/fluxConfigurations/" + configuration.get("name"));
        assertThat(body.path("namespace").asText()).isEqualTo(configuration.get("namespace"));
        assertThat(body.path("scope").asText()).isEqualTo(configuration.get("scope"));
        assertThat(body.at("/gitRepository/url").asText())
                .isEqualTo(String.valueOf(repository.get("url")).replace("#{{ githubOrganisation }}", "DEFRA"));
        assertThat(body.at("/gitRepository/repositoryRef/branch").asText()).isEqualTo(repository.get("branch"));
        assertThat(body.at("/gitRepository/syncIntervalInSeconds").asText()).isEqualTo(repository.get("syncIntervalInSeconds"));
        assertThat(body.at("/gitRepository/timeoutInSeconds").asText()).isEqualTo(repository.get("timeoutInSeconds"));

        Map<String, Object> expected = map(configuration.get("kustomizations"));
        JsonNode kustomizations = body.path("kustomizations");
        assertThat(names(kustomizations)).containsExactlyElementsOf(expected.keySet());
        expected.forEach((k, raw) -> {
            Map<String, Object> bicep = map(raw);
            JsonNode actual = kustomizations.path(k);
            String path = String.valueOf(kustomizationParams.get(k + "Path"))
                    .replace("#{{ lower(environment) }}", env.name().code()).replace("0#{{ environmentId }}", env.name().instance());
            assertThat(actual.path("path").asText()).as(k).isEqualTo(path);
            assertThat(actual.path("dependsOn")).as(k).extracting(JsonNode::asText).containsExactlyElementsOf(texts((List<?>) bicep.get("dependsOn")));
            assertThat(actual.path("timeoutInSeconds").asText()).as(k).isEqualTo(kustomizationParams.get("timeoutInSeconds"));
            assertThat(actual.path("syncIntervalInSeconds").asText()).as(k).isEqualTo(kustomizationParams.get("syncIntervalInSeconds"));
            assertThat(actual.path("prune").asText()).as(k).isEqualTo(bicep.get("prune"));
            Map<String, Object> substitute = bicep.containsKey("postBuild") ? map(map(bicep.get("postBuild")).get("substitute")) : Map.of();
            assertThat(names(actual.at("/postBuild/substitute"))).as(k + " substitutions").containsExactlyInAnyOrderElementsOf(substitute.keySet());
            actual.at("/postBuild/substitute").fields().forEachRemaining(v ->
                    assertThat(v.getValue().asText()).as(k + "." + v.getKey()).isNotBlank().doesNotContain("{{", "${"));
        });
        JsonNode infra = kustomizations.at("/infra/postBuild/substitute");
        assertThat(infra.path("SUBSCRIPTION_ID").asText()).isEqualTo(env.azure().subscriptionId());
        assertThat(infra.path("TENANT_ID").asText()).isEqualTo(env.azure().tenantId());
    }

    /**
     * The bicep sets {@code validation: 'none'} on every kustomization; the api-versions aksflux sends define no such
     * property (the published spec dropped it), so the body leaves it out and the spec check would refuse it.
     */
    @Test
    void validation_none_of_the_bicep_is_not_a_property_of_the_current_api() throws IOException {
        Map<String, Object> configuration = map(((List<?>) PlatformBicep.fluxExtensionParams().get("fluxConfigurations")).get(0));
        map(configuration.get("kustomizations")).values().forEach(k -> assertThat(map(k).get("validation")).isEqualTo("none"));

        Environment env = environment("snd4");
        String apiVersion = env.azure().fluxConfigurationsApiVersion();
        try (var specs = Files.walk(Reference.arm())) {
            List<String> fluxSpecs = specs.filter(p -> p.toString().contains(apiVersion) && p.getFileName().toString().equals("fluxconfiguration.json"))
                    .map(p -> { try { return Files.readString(p); } catch (IOException e) { throw new java.io.UncheckedIOException(e); } })
                    .toList();
            assertThat(fluxSpecs).isNotEmpty().allSatisfy(spec -> assertThat(spec).doesNotContain("\"validation\""));
        }
        FluxConfigurationBody.of(env).body().at("/properties/kustomizations").forEach(k -> assertThat(k.has("validation")).isFalse());
    }

    private static Map<String, String> texts(JsonNode object) {
        Map<String, String> out = new TreeMap<>();
        object.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
        return out;
    }

    private static List<String> texts(List<?> items) {
        return items.stream().map(String::valueOf).toList();
    }

    private static List<String> names(JsonNode object) {
        List<String> out = new java.util.ArrayList<>();
        object.fieldNames().forEachRemaining(out::add);
        return out;
    }

    @SuppressWarnings("unused")
    private static Map<String, Object> ordered(Map<String, Object> map) {
        return new LinkedHashMap<>(map);
    }
}
