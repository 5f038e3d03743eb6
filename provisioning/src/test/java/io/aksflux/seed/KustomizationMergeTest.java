package io.aksflux.seed;

import io.aksflux.seed.KustomizationMerge;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class KustomizationMergeTest {
    private static final String DESIRED = "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - notification.yaml\n";

    @Test
    void an_empty_flow_list_becomes_a_block_with_the_missing_entries() {
        assertThat(KustomizationMerge.merge("kind: Kustomization\nresources: []\n", DESIRED))
                .contains("kind: Kustomization\nresources:\n  - notification.yaml\n");
    }

    @Test
    void a_file_without_resources_gains_a_block_at_the_end() {
        assertThat(KustomizationMerge.merge("kind: Kustomization  # kept\n", DESIRED))
                .contains("kind: Kustomization  # kept\nresources:\n  - notification.yaml\n");
    }

    @Test
    void entries_are_appended_with_the_block_indentation_before_the_next_key() {
        String existing = "resources:\n- team-a\n# team b below\n- team-b\npatches: []\n";

        assertThat(KustomizationMerge.merge(existing, DESIRED))
                .contains("resources:\n- team-a\n# team b below\n- team-b\n- notification.yaml\npatches: []\n");
    }

    @Test
    void nothing_missing_returns_the_existing_text_unchanged() {
        String existing = "resources:\n  - notification.yaml   # ours\n  - team-a\n";

        assertThat(KustomizationMerge.merge(existing, DESIRED)).contains(existing);
    }

    @Test
    void a_file_that_is_not_a_mergeable_kustomization_is_refused() {
        assertThat(KustomizationMerge.merge("resources: notification.yaml\n", DESIRED)).isEmpty();
        assertThat(KustomizationMerge.merge("resources: [\n", DESIRED)).isEmpty();
    }
}
