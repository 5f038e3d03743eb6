package io.aksflux.template;

import io.aksflux.error.TemplateException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A layout's own settings ({@code values}, with defaults) and files that repeat per entry of a list
 * ({@code each: {service: values.services}}), as the platform-developer layout seeds a pair per service.
 */
class TemplateSetEachTest {
    @TempDir
    Path templates;

    /** What templates read, from a plain map (an environment reads its layered fields the same way). */
    private static TemplateValues values(Map<String, Object> fields) {
        return new TemplateValues() {
            @Override
            public Optional<String> lookup(String dottedPath) {
                return value(dottedPath).filter(v -> !(v instanceof Map) && !(v instanceof List)).map(String::valueOf);
            }

            @Override
            public Optional<Object> value(String dottedPath) {
                Object current = fields;
                for (String segment : dottedPath.split("\\.")) {
                    if (!(current instanceof Map<?, ?> map) || !map.containsKey(segment)) {
                        return Optional.empty();
                    }
                    current = map.get(segment);
                }
                return Optional.ofNullable(current);
            }
        };
    }

    private TemplateSet layout(String files, Map<String, String> templateFiles) throws IOException {
        Files.createDirectories(templates.resolve("t"));
        Files.writeString(templates.resolve("t/layout.yaml"), "repositories:\n  platform: {}\nvalues:\n  services: []\n  stage: staging\n"
                + "files:\n" + files);
        for (var file : templateFiles.entrySet()) {
            Files.writeString(templates.resolve("t").resolve(file.getKey()), file.getValue());
        }
        return TemplateSet.load(TemplateSource.directory(templates), "t");
    }

    private static final String PER_SERVICE = "  - repo: platform\n    path: \"clusters/{{service}}/ks.yaml\"\n    template: ks.yaml\n"
            + "    each: { service: values.services }\n";

    @Test
    void a_file_with_each_is_seeded_once_per_entry_with_the_entry_in_its_path_and_content() throws IOException {
        TemplateSet set = layout(PER_SERVICE, Map.of("ks.yaml", "metadata:\n  name: \"{{service}}-{{values.stage}}\"\n"));

        List<RenderedFile> files = set.render(values(Map.of("values", Map.of("services", List.of("orders", "payments"), "stage", "dev"))));

        assertThat(files).extracting(RenderedFile::path).containsExactly("clusters/orders/ks.yaml", "clusters/payments/ks.yaml");
        assertThat(files).extracting(RenderedFile::content).containsExactly("metadata:\n  name: orders-dev\n", "metadata:\n  name: payments-dev\n");
    }

    @Test
    void an_empty_list_seeds_none() throws IOException {
        assertThat(layout(PER_SERVICE, Map.of("ks.yaml", "a: b\n")).render(values(Map.of("values", Map.of("services", List.of()))))).isEmpty();
    }

    @Test
    void a_list_entry_that_is_a_whole_placeholder_naming_a_list_takes_its_entries_after_the_fixed_ones() throws IOException {
        TemplateSet set = layout("  - repo: platform\n    path: kustomization.yaml\n    template: k.yaml\n",
                Map.of("k.yaml", "resources:\n  - sources.yaml\n  - \"{{services}}\"\n"));

        assertThat(set.render(values(Map.of("services", List.of("orders", "payments")))).get(0).content())
                .isEqualTo("resources:\n  - sources.yaml\n  - orders\n  - payments\n");
    }

    @Test
    void the_layouts_values_are_its_defaults_for_the_environment() throws IOException {
        TemplateSet set = layout(PER_SERVICE, Map.of("ks.yaml", "a: b\n"));

        assertThat(set.valueNames()).containsExactly("services", "stage");
        assertThat(io.aksflux.config.ConfigNode.toPlain(set.defaults().get("values"))).isEqualTo(Map.of("services", List.of(), "stage", "staging"));
    }

    @Test
    void each_naming_no_list_is_refused_at_the_files_line_in_layout_yaml() throws IOException {
        TemplateSet set = layout(PER_SERVICE, Map.of("ks.yaml", "a: b\n"));
        Path layout = templates.resolve("t/layout.yaml");

        assertThatThrownBy(() -> set.render(values(Map.of("values", Map.of("services", "orders"))))).isInstanceOf(TemplateException.class)
                .hasMessage(layout + ":7: each.service: 'values.services' is 'orders', not a list; each repeats the file once per entry"
                        + " of a list such as values.services (the layout declares it under values, the environment lists the entries)");
    }

    @Test
    void each_that_is_not_one_name_to_a_field_is_refused_at_its_line() throws IOException {
        Path layout = templates.resolve("t/layout.yaml");

        assertThatThrownBy(() -> layout("  - repo: platform\n    path: x.yaml\n    template: x.yaml\n    each: values.services\n", Map.of()))
                .isInstanceOf(TemplateException.class)
                .hasMessageStartingWith(layout + ":10: files[0].each: must be a mapping of one name to a list field; write each:"
                        + " {NAME: FIELD}, e.g. each: {service: values.services}");
        assertThatThrownBy(() -> layout("  - repo: platform\n    path: x.yaml\n    template: x.yaml\n    each: { env: values.services }\n", Map.of()))
                .isInstanceOf(TemplateException.class).hasMessageStartingWith(layout + ":10: files[0].each.env: a name of its own");
    }

    @Test
    void values_that_are_not_a_mapping_are_refused_at_their_line() throws IOException {
        Files.createDirectories(templates.resolve("t"));
        Path layout = Files.writeString(templates.resolve("t/layout.yaml"), "repositories:\n  platform: {}\nvalues: [a]\nfiles: []\n");

        assertThatThrownBy(() -> TemplateSet.load(TemplateSource.directory(templates), "t")).isInstanceOf(TemplateException.class)
                .hasMessageStartingWith(layout + ":3: values: must be a mapping of the layout's own settings");
    }
}
