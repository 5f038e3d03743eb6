package io.aksflux.conformance;

import io.aksflux.support.FluxCrds;
import io.aksflux.support.Reference;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The CRD check used by the conformance tests does catch what the API server would refuse. */
class FluxCrdsTest {
    private final FluxCrds crds = FluxCrds.load(Reference.fluxCrds());

    private static Map<String, Object> yaml(String text) {
        return new Yaml().load(text);
    }

    private static final String KUSTOMIZATION = """
            apiVersion: kustomize.toolkit.fluxcd.io/v1
            kind: Kustomization
            metadata: {name: services, namespace: flux-config}
            spec:
              interval: 5m
              prune: true
              sourceRef: {kind: GitRepository, name: services-repository}
            """;

    @Test
    void a_valid_kustomization_passes() {
        assertThat(crds.validate(yaml(KUSTOMIZATION))).isEmpty();
    }

    @Test
    void an_unknown_spec_field_fails() {
        assertThat(crds.validate(yaml(KUSTOMIZATION + "  intervall: 5m\n"))).singleElement().asString().contains("intervall");
    }

    @Test
    void a_missing_required_field_fails() {
        assertThat(crds.validate(yaml(KUSTOMIZATION.replace("  prune: true\n", "")))).singleElement().asString().contains("prune");
    }

    @Test
    void an_unknown_provider_type_fails() {
        assertThat(crds.validate(yaml("""
                apiVersion: notification.toolkit.fluxcd.io/v1beta3
                kind: Provider
                metadata: {name: p}
                spec: {type: azureeventhubs}
                """))).isNotEmpty();
    }

    @Test
    void an_unserved_version_is_reported() {
        assertThat(crds.validate(yaml("apiVersion: kustomize.toolkit.fluxcd.io/v9\nkind: Kustomization\n")))
                .containsExactly("no served CRD version for kustomize.toolkit.fluxcd.io/v9/Kustomization");
    }
}
