package io.aksflux.emulator.spec;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The specs bundled in the emulator are byte-for-byte the published reference, so they cannot drift. */
class BundledSpecsTest {
    private static final Path ARM = Path.of(System.getProperty("aksflux.reference", "../../shared/reference")).resolve("arm");

    @Test
    void every_bundled_spec_is_identical_to_the_reference_copy() throws IOException {
        List<String> bundled;
        Path resources = Path.of("src/main/resources" + ArmSpecs.BUNDLED);
        try (Stream<Path> files = Files.walk(resources)) {
            bundled = files.filter(Files::isRegularFile).map(f -> resources.relativize(f).toString()).sorted().toList();
        }

        assertThat(bundled).contains("2024-11-01/extensions/extensions.json", "2025-03-01/extensions/extensions.json",
                "2025-04-01/fluxConfigurations/fluxconfiguration.json", "common/2023-05-01-preview/definitions.json",
                "containerservice/2024-10-01/examples/RunCommandRequest.json", "eventhub/2024-01-01/examples/EHEventHubAuthorizationRuleListKey.json");
        for (String file : bundled) {
            try (InputStream in = ArmSpecs.class.getResourceAsStream(ArmSpecs.BUNDLED + "/" + file)) {
                assertThat(in).as(file).isNotNull();
                assertThat(in.readAllBytes()).as(file).isEqualTo(Files.readAllBytes(ARM.resolve(file)));
            }
        }
    }

    @Test
    void the_bundled_specs_load_from_the_classpath() {
        ArmSpecs specs = ArmSpecs.bundled();

        assertThat(specs.apiVersions("Microsoft.KubernetesConfiguration/extensions")).containsExactly("2024-11-01", "2025-03-01");
        assertThat(specs.apiVersions("Microsoft.KubernetesConfiguration/fluxConfigurations")).containsExactly("2025-04-01");
    }
}
