package io.aksflux.apply;

import io.aksflux.change.ArmDiff;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class ArmDiffTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode json(String text) throws IOException {
        return JSON.readTree(text.replace('\'', '"'));
    }

    @Test
    void server_fields_nulls_and_defaults_are_not_differences() throws IOException {
        JsonNode desired = json("{'properties': {'extensionType': 'microsoft.flux', 'autoUpgradeMinorVersion': true, 'scope': {'cluster': {'releaseNamespace': 'flux-system'}}}}");
        JsonNode actual = json("{'id': 'x', 'name': 'flux', 'systemData': {}, 'properties': {'extensionType': 'microsoft.flux', 'autoUpgradeMinorVersion': true,"
                + " 'releaseTrain': 'Stable', 'provisioningState': 'Succeeded', 'currentVersion': '1.16.2', 'statuses': [], 'errorInfo': null,"
                + " 'scope': {'cluster': {'releaseNamespace': 'flux-system'}}}}");

        assertThat(ArmDiff.diff(desired, actual)).isEmpty();
    }

    @Test
    void the_official_get_example_of_an_extension_differs_only_where_the_values_do() throws IOException {
        Path arm = Path.of(System.getProperty("aksflux.reference", "../../shared/reference")).resolve("arm");
        JsonNode example = JSON.readTree(arm.resolve("2025-03-01/extensions/examples/GetExtension.json").toFile()).at("/responses/200/body");
        JsonNode same = json("{'properties': {'extensionType': 'azuremonitor-containers', 'autoUpgradeMinorVersion': false}}");
        JsonNode upgrading = json("{'properties': {'extensionType': 'azuremonitor-containers', 'autoUpgradeMinorVersion': true}}");

        assertThat(ArmDiff.diff(same, example)).isEmpty();
        assertThat(ArmDiff.diff(upgrading, example)).extracting(ArmDiff.FieldChange::path).containsExactly("properties.autoUpgradeMinorVersion");
    }

    @Test
    void a_setting_removed_from_the_environment_is_a_difference() throws IOException {
        JsonNode desired = json("{'properties': {'configurationSettings': {'a': '1'}}}");
        JsonNode actual = json("{'properties': {'configurationSettings': {'a': '1', 'b': '2'}}}");

        assertThat(ArmDiff.diff(desired, actual)).singleElement().satisfies(change -> {
            assertThat(change.path()).isEqualTo("properties.configurationSettings.b");
            assertThat(change.before().asText()).isEqualTo("2");
            assertThat(change.after()).isNull();
        });
    }

    @Test
    void a_changed_value_reports_before_and_after() throws IOException {
        JsonNode desired = json("{'properties': {'kustomizations': {'infra': {'syncIntervalInSeconds': 600, 'dependsOn': []}}}}");
        JsonNode actual = json("{'properties': {'kustomizations': {'infra': {'name': 'infra', 'syncIntervalInSeconds': 300.0, 'dependsOn': null}}}}");

        assertThat(ArmDiff.diff(desired, actual)).extracting(ArmDiff.FieldChange::path)
                .containsExactly("properties.kustomizations.infra.syncIntervalInSeconds");
    }

    @Test
    void a_kustomization_arm_still_has_but_the_environment_dropped_is_a_difference() throws IOException {
        JsonNode desired = json("{'properties': {'kustomizations': {'cluster': {'path': './c'}}}}");
        JsonNode actual = json("{'properties': {'kustomizations': {'cluster': {'path': './c'}, 'apps': {'path': './a'}}}}");

        assertThat(ArmDiff.diff(desired, actual)).extracting(ArmDiff.FieldChange::path).containsExactly("properties.kustomizations.apps");
    }

    @Test
    void protected_settings_are_never_compared_since_arm_does_not_return_them() throws IOException {
        JsonNode desired = json("{'properties': {'suspend': false, 'configurationProtectedSettings': {'httpsKey': '(sensitive)'}}}");
        JsonNode actual = json("{'properties': {'suspend': false, 'configurationProtectedSettings': {}}}");

        assertThat(ArmDiff.diff(desired, actual)).isEmpty();
    }

    @Test
    void a_resend_lists_each_protected_setting_with_placeholders_on_both_sides() {
        var settings = new io.aksflux.secret.ProtectedSettings(java.util.Map.of("httpsKey",
                new io.aksflux.secret.SecretReference.EnvVariable("CORE_GIT_TOKEN")), java.util.Set.of("httpsKey"));

        assertThat(ArmDiff.resent(settings)).singleElement().satisfies(change -> {
            assertThat(change.path()).isEqualTo("properties.configurationProtectedSettings.httpsKey");
            assertThat(change.before().asText()).isEqualTo("(sensitive)");
            assertThat(change.after().asText()).isEqualTo("(sensitive)");
        });
    }
}
