package io.aksflux.apply;

import com.fasterxml.jackson.databind.JsonNode;
import io.aksflux.emulator.RecordedRequest;
import io.aksflux.engine.Workspace;
import io.aksflux.environment.Environment;
import io.aksflux.git.GitCheckout;
import io.aksflux.git.GitRemote;
import io.aksflux.change.Change;
import io.aksflux.change.Plan;
import io.aksflux.support.EmulatedAzure;
import io.aksflux.support.GitRepos;
import io.aksflux.support.RecordingProgress;
import io.aksflux.support.SeedFixture;
import io.aksflux.support.SimulatedTicker;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static io.aksflux.support.EmulatedAzure.FLUX;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sources pinned to a tag, a commit or a semver range, and an Azure DevOps source read with the cluster's workload
 * identity, applied through the real Azure SDK HTTP path against the emulator (whose spec check refuses a body the
 * published api-version does not define) and converged by its simulated Flux at the pinned revision.
 */
class PinnedSourceOverHttpsTest {
    private static final String ADO = "https://dev.azure.com/contoso/platform/_git/";

    private final SimulatedTicker ticker = new SimulatedTicker();
    private final RecordingProgress progress = new RecordingProgress();
    private SeedFixture repos;
    private EmulatedAzure azure;

    @TempDir
    Path dir;

    @BeforeEach
    void start() {
        azure = new EmulatedAzure(ticker, Duration.ofSeconds(30), Duration.ofSeconds(45));
        repos = new SeedFixture(dir);
        azure.add(repos.environment("snd4"));
    }

    @AfterEach
    void stop() {
        azure.close();
    }

    private ApplyResult apply(Environment env, GitRemote git) {
        return repos.workspace().apply(env, new Workspace.ApplyOptions(Set.of(), true, Duration.ofMinutes(20), false), azure.arm, git,
                ticker.pacing(), progress);
    }

    private JsonNode fluxConfiguration(Environment env) {
        return azure.emulator.resource(env.azure().clusterId() + FLUX).orElseThrow();
    }

    private JsonNode lastFluxPut() {
        List<RecordedRequest> puts = azure.emulator.requests().stream()
                .filter(r -> r.method().equals("PUT") && r.path().endsWith("fluxConfigurations/flux-config")).toList();
        return puts.get(puts.size() - 1).body();
    }

    /** The seeded release, then a newer commit on main that Flux must not read. */
    private String seedAndTag(String tag) {
        repos.seed("snd4");
        String tagged = GitRepos.tag(repos.core, "main", tag);
        GitRepos.commit(repos.core, "main", Map.of("NOTES.md", "after the release\n"), "work after " + tag);
        return tagged;
    }

    @Test
    void a_source_pinned_to_a_tag_converges_at_the_tags_commit_while_main_has_moved_on() {
        String tagged = seedAndTag("v1.4.0");
        Environment pinned = repos.environment("snd4", "flux.gitRepository.repositoryRef.tag=v1.4.0");

        ApplyResult result = apply(pinned, SeedFixture.localRemote());

        assertThat(result.outcome()).isEqualTo(ApplyResult.Outcome.CONVERGED);
        assertThat(lastFluxPut().at("/properties/gitRepository/repositoryRef").toString()).isEqualTo("{\"tag\":\"v1.4.0\"}");
        assertThat(fluxConfiguration(pinned).at("/properties/sourceSyncedCommitId").asText()).isEqualTo("v1.4.0@sha1:" + tagged);
        assertThat(result.stages()).anySatisfy(s -> assertThat(s.detail()).contains("not checked at the pinned tag v1.4.0"));
    }

    @Test
    void a_source_pinned_to_a_commit_converges_at_that_commit() {
        repos.seed("snd4");
        String known = GitRepos.log(repos.core, "main").get(0).getName();
        GitRepos.commit(repos.core, "main", Map.of("NOTES.md", "later\n"), "later work");
        Environment pinned = repos.environment("snd4", "flux.gitRepository.repositoryRef.commit=" + known);

        ApplyResult result = apply(pinned, SeedFixture.localRemote());

        assertThat(result.outcome()).isEqualTo(ApplyResult.Outcome.CONVERGED);
        assertThat(lastFluxPut().at("/properties/gitRepository/repositoryRef").toString()).isEqualTo("{\"commit\":\"" + known + "\"}");
        assertThat(fluxConfiguration(pinned).at("/properties/sourceSyncedCommitId").asText()).isEqualTo("sha1:" + known);
    }

    @Test
    void a_semver_range_converges_at_the_highest_matching_tag() {
        String v141 = seedAndTag("v1.4.1");
        GitRepos.tag(repos.core, "main", "v2.0.0");
        Environment pinned = repos.environment("snd4", "flux.gitRepository.repositoryRef.semver=>=1.0.0 <2.0.0");

        ApplyResult result = apply(pinned, SeedFixture.localRemote());

        assertThat(result.outcome()).isEqualTo(ApplyResult.Outcome.CONVERGED);
        assertThat(fluxConfiguration(pinned).at("/properties/sourceSyncedCommitId").asText()).isEqualTo("v1.4.1@sha1:" + v141);
    }

    @Test
    void a_tag_that_does_not_exist_times_out_naming_the_git_repository() {
        repos.seed("snd4");
        Environment pinned = repos.environment("snd4", "flux.gitRepository.repositoryRef.tag=v9.9.9");

        ApplyResult result = repos.workspace().apply(pinned, new Workspace.ApplyOptions(Set.of(), true, Duration.ofMinutes(5), false),
                azure.arm, SeedFixture.localRemote(), ticker.pacing(), progress);

        assertThat(result.outcome()).isEqualTo(ApplyResult.Outcome.TIMED_OUT);
        assertThat(result.blocking()).anySatisfy(b -> {
            assertThat(b.kind()).isEqualTo("GitRepository");
            assertThat(b.message()).contains("couldn't find remote ref \"refs/tags/v9.9.9\"");
        });
    }

    @Test
    void an_azure_devops_source_with_provider_azure_sends_no_secret_and_converges() {
        azure.emulator.gitInsteadOf(ADO, dir.toUri().toString());
        Environment ado = repos.environment("snd4", "repos.core.url=" + ADO + "core.git", "flux.gitRepository.provider=Azure");

        ApplyResult result = apply(ado, new InsteadOf(SeedFixture.localRemote(), ADO, dir.toUri().toString()));

        assertThat(result.outcome()).isEqualTo(ApplyResult.Outcome.CONVERGED);
        JsonNode git = lastFluxPut().at("/properties/gitRepository");
        assertThat(git.path("url").asText()).isEqualTo(ADO + "core.git");
        assertThat(git.path("provider").asText()).isEqualTo("Azure");
        assertThat(lastFluxPut().at("/properties").has("configurationProtectedSettings")).isFalse();
        assertThat(fluxConfiguration(ado).at("/properties/gitRepository/provider").asText()).isEqualTo("Azure");
    }

    @Test
    void moving_from_the_branch_to_a_tag_shows_field_level_in_the_plan() {
        apply(repos.environment("snd4"), SeedFixture.localRemote());
        GitRepos.tag(repos.core, "main", "v1.4.0");

        Plan plan = repos.workspace().plan("snd4", repos.overrides("flux.gitRepository.repositoryRef.tag=v1.4.0"), azure.arm,
                SeedFixture.localRemote(), io.aksflux.secret.SecretSource.NONE, ticker.pacing(), false);

        Change.Arm flux = plan.changes().stream().filter(c -> c instanceof Change.Arm a && a.id().endsWith(FLUX))
                .map(Change.Arm.class::cast).findFirst().orElseThrow();
        assertThat(flux.action()).isEqualTo(io.aksflux.change.Action.UPDATE);
        assertThat(flux.diff()).extracting(d -> d.path() + ": " + d.before() + " -> " + d.after()).containsExactly(
                "properties.gitRepository.repositoryRef.tag: null -> \"v1.4.0\"",
                "properties.gitRepository.repositoryRef.branch: \"main\" -> null");
    }

    /** Git's insteadOf for the engine's side: a remote URL served from local bare repositories. */
    private record InsteadOf(GitRemote local, String prefix, String replacement) implements GitRemote {
        private String rewrite(String url) {
            return url.startsWith(prefix) ? replacement + url.substring(prefix.length()) : url;
        }

        @Override
        public GitCheckout checkout(String url, String branch, String startFrom) {
            return local.checkout(rewrite(url), branch, startFrom);
        }

        @Override
        public Optional<String> head(String url, String branch) {
            return local.head(rewrite(url), branch);
        }

        @Override
        public Optional<String> tag(String url, String tag) {
            return local.tag(rewrite(url), tag);
        }
    }
}
