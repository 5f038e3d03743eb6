package io.aksflux.git;

import io.aksflux.change.Action;
import io.aksflux.change.Change;
import io.aksflux.change.Plan;
import io.aksflux.support.FakeArm;
import io.aksflux.support.GitRepos;
import io.aksflux.support.SeedFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The online plan reads the repositories (read only) and shows the seed's git entries with their actions. */
class OnlinePlanGitTest {
    @TempDir
    Path dir;

    @Test
    void online_plan_shows_git_changes_from_the_real_repositories_and_writes_nothing() {
        SeedFixture repos = new SeedFixture(dir);
        GitRepos.commit(repos.core, "main", Map.of("services/snd/04/services.yaml", "# tuned by hand\n"), "hand edit");
        List<String> overrides = List.of("repos.core.url=" + GitRepos.url(repos.core), "repos.services.url=" + GitRepos.url(repos.services),
                "notifications.delivery=secret", "notifications.secretName=" + SeedFixture.NOTIFICATION_SECRET);

        Plan plan = repos.workspace().plan("snd4", overrides, FakeArm.healthy(repos.environment("snd4")), SeedFixture.localRemote(),
                io.aksflux.secret.SecretSource.NONE, new io.aksflux.support.SimulatedTicker().pacing(), false);

        List<Change.Git> git = plan.changes().stream().filter(Change.Git.class::isInstance).map(Change.Git.class::cast).toList();
        assertThat(git).extracting(Change.Git::path, Change.Git::action, Change.Git::drifted).contains(
                org.assertj.core.groups.Tuple.tuple("clusters/snd/04/kustomization.yaml", Action.CREATE, false),
                org.assertj.core.groups.Tuple.tuple("services/snd/04/services.yaml", Action.NONE, true));
        assertThat(plan.changes()).filteredOn(c -> c.target().equals("cluster")).extracting(Change::action).containsExactly(Action.CREATE);
        assertThat(GitRepos.log(repos.core, "main")).hasSize(2);
        repos.seed("snd4");
        Plan after = repos.workspace().plan("snd4", overrides, FakeArm.healthy(repos.environment("snd4")), SeedFixture.localRemote(),
                io.aksflux.secret.SecretSource.NONE, new io.aksflux.support.SimulatedTicker().pacing(), false);
        assertThat(after.changes().stream().filter(Change.Git.class::isInstance).map(Change::action)).containsOnly(Action.NONE);
    }
}
