package io.aksflux.environment;

import io.aksflux.error.Problem;
import io.aksflux.support.Workspaces;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code seed.like} names an existing sibling of the same code; otherwise validate says where and what is allowed. */
class SeedLikeValidationTest {
    private static final String SND5 = """
            azure:
              subscriptionId: 00000000-0000-0000-0000-000000000005
              resourceGroup: SNDADPINFRG1405
              cluster: SNDADPINFAK1405
            seed:
              like: %s
            """;

    @TempDir
    Path environments;

    private List<String> problems(String like) throws IOException {
        for (String name : List.of("defaults", "snd1", "snd2", "snd3", "snd4", "tst1")) {
            Files.copy(Workspaces.environments().resolve(name + ".yaml"), environments.resolve(name + ".yaml"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        Files.writeString(environments.resolve("snd5.yaml"), SND5.formatted(like));
        return Workspaces.of(environments, Map.of()).validate(List.of("snd5"), List.of()).results().get(0).problems().stream()
                .map(p -> p.origin().line() + ": " + p.field() + ": " + p.message()).toList();
    }

    @Test
    void a_sibling_of_the_same_code_is_valid() throws IOException {
        assertThat(problems("snd4")).isEmpty();
    }

    @Test
    void an_unknown_environment_is_named_with_a_suggestion_and_the_siblings_allowed() throws IOException {
        assertThat(problems("snd7")).containsExactly(
                "6: seed.like: unknown environment 'snd7' (did you mean 'snd1'?); allowed: snd1, snd2, snd3, snd4");
    }

    @Test
    void another_code_is_refused_because_the_bases_differ() throws IOException {
        assertThat(problems("tst1")).containsExactly("6: seed.like: 'tst1' is another environment code ('tst', not 'snd'); "
                + "a new instance copies a sibling of its own code, whose base folders it shares");
    }

    @Test
    void the_environment_itself_and_a_malformed_name_are_refused() throws IOException {
        assertThat(problems("snd5")).containsExactly("6: seed.like: 'snd5' is this environment; name the sibling instance to copy, e.g. snd4");
        assertThat(problems("SND-4")).singleElement().asString().startsWith("6: seed.like: ").contains("e.g. snd4");
    }

    @Test
    void without_seed_like_an_environment_has_none_and_verifies_in_java() throws IOException {
        problems("snd4");
        Environment snd1 = Workspaces.of(environments, Map.of()).environment("snd1", List.of());
        assertThat(snd1.seedLike()).isEmpty();
        assertThat(snd1.seedVerify()).isEqualTo("java");
        assertThat(Workspaces.of(environments, Map.of()).validate(List.of("snd1"), List.of("seed.verify=maybe")).results().get(0).problems())
                .extracting(Problem::message).singleElement().asString().contains("java, kubectl, none");
    }
}
