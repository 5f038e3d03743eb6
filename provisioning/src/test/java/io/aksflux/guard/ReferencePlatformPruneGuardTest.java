package io.aksflux.guard;

import io.aksflux.change.Plan;
import io.aksflux.engine.ValidationReport;
import io.aksflux.engine.Workspace;
import io.aksflux.environment.Environment;
import io.aksflux.git.GitSnapshot;
import io.aksflux.secret.SecretSource;
import io.aksflux.support.FakeArm;
import io.aksflux.support.ReferencePlatform;
import io.aksflux.support.SeedFixture;
import io.aksflux.support.SimulatedTicker;
import io.aksflux.support.Workspaces;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * No false positives on the reference platform: its own repositories (core and services, as published) and the
 * shipped environments raise nothing, online or offline, though the guard follows every Kustomization it can read.
 */
class ReferencePlatformPruneGuardTest {
    @TempDir
    static Path dir;
    private static ReferencePlatform platform;
    private final Workspace workspace = Workspaces.shipped();

    @BeforeAll
    static void repositories() {
        platform = ReferencePlatform.create(dir);
    }

    private List<String> overrides() {
        List<String> overrides = new ArrayList<>(platform.repositoryOverrides());
        overrides.addAll(List.of("notifications.delivery=secret", "notifications.secretName=" + SeedFixture.NOTIFICATION_SECRET));
        return overrides;
    }

    @Test
    void the_reference_repositories_raise_nothing_for_any_shipped_environment() {
        List<String> names = List.of("snd1", "snd2", "snd3", "snd4", "dev1", "tst1", "tst2", "pre1", "prd1");
        Environment first = workspace.environment(names.get(0), overrides());
        // every environment reads the same two repositories at main: one snapshot serves them all
        try (GitSnapshot repos = new GitSnapshot(SeedFixture.localRemote(), first.repos())) {
            for (String name : names) {
                Environment env = workspace.environment(name, overrides());
                PruneGuard.Findings findings = new PruneGuard(env, role -> Optional.of(RepositoryFiles.of(repos.checkout(role))),
                        k -> null).check();

                assertThat(findings.errors()).as(name).isEmpty();
                assertThat(findings.warnings()).as(name).isEmpty();
                assertThat(findings.followed()).as(name + ": the services Kustomization of the core repository is followed into"
                        + " the services repository").anySatisfy(f -> assertThat(f).startsWith("Kustomization ")
                        .contains("/services (core repository: services/").contains("of the services repository"));
            }
        }
    }

    @Test
    void the_online_plan_of_a_shipped_environment_over_the_reference_repositories_carries_no_warning() {
        Environment env = workspace.environment("snd1", overrides());

        Plan plan = workspace.plan("snd1", overrides(), FakeArm.healthy(env), SeedFixture.localRemote(), SecretSource.NONE,
                new SimulatedTicker().pacing(), false);

        assertThat(plan.warnings()).isEmpty();
    }

    @Test
    void the_shipped_environments_validate_without_a_warning() {
        ValidationReport report = workspace.validate(List.of(), List.of());

        assertThat(report.valid()).isTrue();
        assertThat(report.results()).allSatisfy(r -> assertThat(r.warnings()).as(r.environment()).isEmpty());
    }
}
