package io.aksflux.cli;

import io.aksflux.git.DeployKeyHost;
import io.aksflux.git.GitHubDeployKeys;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The edge wires GitHub's deploy-key API from AKSFLUX_GITHUB_TOKEN, and tells a pipeline from a person at a terminal. */
class DeployKeyWiringTest {

    @Test
    void a_github_token_wires_githubs_deploy_key_api_and_without_one_a_github_key_is_refused() {
        assertThat(new Adapters(CliContext.of(Map.of("AKSFLUX_GITHUB_TOKEN", "ghp_0123456789abcdef"))).github(null, null))
                .isInstanceOf(GitHubDeployKeys.class);
        assertThat(new Adapters(CliContext.of(Map.of())).github(null, null)).isSameAs(DeployKeyHost.NONE);
    }

    @Test
    void azure_devops_github_actions_and_ci_are_pipelines() {
        assertThat(new Adapters(CliContext.of(Map.of("TF_BUILD", "True"))).inPipeline()).isTrue();
        assertThat(new Adapters(CliContext.of(Map.of("GITHUB_ACTIONS", "true"))).inPipeline()).isTrue();
        assertThat(new Adapters(CliContext.of(Map.of("CI", "true"))).inPipeline()).isTrue();
        assertThat(new Adapters(CliContext.of(Map.of())).inPipeline()).isFalse();
    }

    @Test
    void apply_names_the_rotation_and_confirmation_options_and_the_stage_in_its_help() {
        Cli.Result help = Cli.run("apply", "--help");

        assertThat(help.out()).contains("--rotate-deploy-keys").contains("--deploy-key-registered").contains("deploy-keys");
    }
}
