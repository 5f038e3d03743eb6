package io.aksflux.emulator.flux;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** postBuild substitution as kustomize-controller does it, over what simulated Flux follows. */
class SubstitutionTest {
    @Test
    void variables_are_replaced_in_nested_strings_and_lists() {
        Map<String, Object> object = Map.of("spec", Map.of("path", "./services/ffc/${TEAM}/${ENVIRONMENT}/${ENVIRONMENT_ID}",
                "dependsOn", List.of(Map.of("name", "${TEAM}-pre-deploy"))));

        Map<String, Object> substituted = Substitution.apply(object, Map.of("TEAM", "ffc-ffd", "ENVIRONMENT", "snd", "ENVIRONMENT_ID", "04"));

        assertThat(substituted).isEqualTo(Map.of("spec", Map.of("path", "./services/ffc/ffc-ffd/snd/04",
                "dependsOn", List.of(Map.of("name", "ffc-ffd-pre-deploy")))));
    }

    @Test
    void a_variable_without_a_value_takes_its_default_or_becomes_empty() {
        Map<String, Object> object = Map.of("a", "${CLUSTER:=aks1}", "b", "${MISSING}", "c", "x${REGION:-uksouth}y", "n", 3);

        assertThat(Substitution.apply(object, Map.of())).isEqualTo(Map.of("a", "aks1", "b", "", "c", "xuksouthy", "n", 3));
    }

    @Test
    void a_value_with_regex_characters_is_put_in_as_it_is() {
        assertThat(Substitution.apply(Map.of("url", "${URL}"), Map.of("URL", "oci://$acr\\helm"))).isEqualTo(Map.of("url", "oci://$acr\\helm"));
    }
}
