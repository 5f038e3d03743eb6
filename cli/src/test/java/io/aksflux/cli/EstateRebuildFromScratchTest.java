package io.aksflux.cli;

import io.aksflux.support.GitRepos;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import org.eclipse.jgit.revwalk.RevCommit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One rebuild of the whole estate ({@code apply --all}), shared by the facts about it: a rebuild is the slow part.
 * The rest of the rebuild's behaviour, each on an estate of its own: {@link ApplySeveralEnvironmentsTest}.
 */
class EstateRebuildFromScratchTest {
    @TempDir
    static Path dir;
    private static Estate estate;
    private static Cli.Result rebuild;

    @BeforeAll
    static void startEstate() {
        estate = Estate.quick(dir);
    }

    @AfterAll
    static void stopEstate() {
        estate.close();
    }

    /** {@code apply --all --yes --parallel 4}, run once whichever test needs it first. */
    private static synchronized Cli.Result rebuilt() {
        if (rebuild == null) {
            rebuild = estate.aksflux("apply", "--all", "--yes", "--parallel", "4");
        }
        return rebuild;
    }

    @Test
    void apply_all_converges_all_nine_environments_four_at_a_time_and_exits_0() {
        Cli.Result result = rebuilt();

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.OK);
        assertThat(result.out()).as(result.toString()).startsWith("apply of 9 environments: converged (9 converged)\n");
        for (String env : ApplySeveralEnvironmentsTest.NINE) {
            assertThat(result.out()).containsPattern("\n  " + env + " +converged +\\d+m\\d\\ds +seed,notifications,extension,flux +\n");
            assertThat(estate.writesTo(env)).as(env).extracting(r -> r.method() + " " + r.path().substring(r.path().lastIndexOf("/")))
                    .containsExactly("POST /runCommand", "PUT " + Estate.EXTENSION.substring(Estate.EXTENSION.lastIndexOf('/')),
                            "PUT " + Estate.FLUX.substring(Estate.FLUX.lastIndexOf('/')));
        }
        assertThat(result.err().lines()).as("every progress line is whole and names its environment")
                .allSatisfy(line -> assertThat(line).matches(ApplySeveralEnvironmentsTest.PROGRESS_LINE));
        assertThat(ApplySeveralEnvironmentsTest.mostRunningAtOnce(result.err())).as(result.err()).isBetween(2, 4);
    }

    @Test
    void environments_seeding_the_same_repositories_are_one_seed_with_one_push_per_repository() {
        Cli.Result result = rebuilt();

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.OK);
        assertThat(result.err()).as("no push rejected, so none re-seeded").doesNotContain("moved on meanwhile");
        for (var repo : List.of(estate.core, estate.services)) {
            List<RevCommit> log = GitRepos.log(repo, "main");
            assertThat(log).as("linear history").allSatisfy(c -> assertThat(c.getParentCount()).isLessThanOrEqualTo(1));
            assertThat(log).extracting(RevCommit::getShortMessage).as("one seed commit naming every environment, then the first commit")
                    .containsExactly("aksflux: seed " + String.join(", ", Estate.shippedEnvironments()), "start");
        }
    }

    @Test
    void second_apply_all_writes_nothing_to_azure_or_git() {
        rebuilt();
        int writes = estate.writes().size();
        String heads = estate.heads();

        Cli.Result second = estate.aksflux("apply", "--all", "--yes");

        assertThat(second.exitCode()).as(second.toString()).isEqualTo(ExitCodes.OK);
        assertThat(estate.writes()).as("no PUT, DELETE or POST to ARM").hasSize(writes);
        assertThat(estate.heads()).as("no new commit in core or services").isEqualTo(heads);
        ApplySeveralEnvironmentsTest.NINE.forEach(env -> assertThat(second.out()).containsPattern("\n  " + env + " +converged +\\d+m\\d\\ds +none +\n"));
    }

    @Test
    void right_after_the_rebuild_status_all_shows_every_environment_compliant_on_one_line_each() throws Exception {
        rebuilt(); // every environment seeded before any converged: all converged at the final head, none reconciles again

        Cli.Result text = estate.aksflux("status", "--all");
        Cli.Result json = estate.aksflux("status", "--all", "-o", "json");

        assertThat(text.exitCode()).as(text.toString()).isZero();
        assertThat(text.out().lines().skip(1)).hasSize(9)
                .allSatisfy(line -> assertThat(line).matches("  \\w+ +Succeeded 1\\.17\\.3 +Succeeded, Compliant +"));
        com.fasterxml.jackson.databind.JsonNode reports = new com.fasterxml.jackson.databind.ObjectMapper().readTree(json.out());
        assertThat(reports).hasSize(9).allSatisfy(r ->
                assertThat(r.at("/fluxConfiguration/complianceState").asText()).isEqualTo("Compliant"));
    }
}
