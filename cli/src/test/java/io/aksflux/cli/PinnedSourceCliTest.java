package io.aksflux.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.aksflux.apply.ResourceState;
import io.aksflux.apply.StatusReport;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.Constants;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A disaster-recovery rebuild pinned to a release tag, and a copied environment whose ids still name another's cluster,
 * through the command line against the emulator.
 */
class PinnedSourceCliTest extends EstatePerTest {
    private static final String[] AS_SND4 = {"--set", "azure.subscriptionId=00000000-0000-0000-0000-000000000004",
            "--set", "azure.resourceGroup=SNDADPINFRG1404", "--set", "azure.cluster=SNDADPINFAK1404"};

    private String tag(String name) throws Exception {
        try (Git git = Git.open(estate.core.toFile())) {
            git.tag().setName(name).setAnnotated(true).setMessage(name).setSigned(false)
                    .setObjectId(new org.eclipse.jgit.revwalk.RevWalk(git.getRepository()).parseCommit(git.getRepository().resolve("refs/heads/main"))).call();
            return git.getRepository().resolve("refs/heads/main").name();
        }
    }

    private static String[] with(String[] more, String... args) {
        String[] all = new String[args.length + more.length];
        System.arraycopy(args, 0, all, 0, args.length);
        System.arraycopy(more, 0, all, args.length, more.length);
        return all;
    }

    @Test
    void plan_shows_the_move_from_branch_to_tag_and_apply_converges_at_the_tags_commit() throws Exception {
        assertThat(estate.aksflux("apply", "snd4", "--yes").exitCode()).isEqualTo(ExitCodes.OK);
        String release = tag("v1.4.0");

        Cli.Result plan = estate.aksflux("plan", "snd4", "--set", "flux.gitRepository.repositoryRef.tag=v1.4.0");
        Cli.Result apply = estate.aksflux("apply", "snd4", "--yes", "--set", "flux.gitRepository.repositoryRef.tag=v1.4.0");
        Cli.Result status = estate.aksflux("status", "snd4", "-o", "json", "--set", "flux.gitRepository.repositoryRef.tag=v1.4.0");

        assertThat(plan.exitCode()).as(plan.toString()).isEqualTo(ExitCodes.OK);
        assertThat(plan.out()).contains("properties.gitRepository.repositoryRef.tag: (absent) -> \"v1.4.0\"",
                "properties.gitRepository.repositoryRef.branch: \"main\" -> (removed)");
        assertThat(apply.exitCode()).as(apply.toString()).isEqualTo(ExitCodes.OK);
        assertThat(apply.out()).startsWith("apply snd4: converged");
        assertThat(new ObjectMapper().readTree(status.out()).at("/fluxConfiguration/sourceCommit").asText())
                .isEqualTo("v1.4.0@sha1:" + release);
    }

    @Test
    void a_copy_with_another_environments_ids_is_refused_at_validate_and_apply_and_allowed_with_allow_repoint() {
        assertThat(estate.aksflux("apply", "snd4", "--yes").exitCode()).isEqualTo(ExitCodes.OK);
        int writes = estate.writes().size();

        Cli.Result validate = estate.aksflux(with(AS_SND4, "validate", "snd3"));
        Cli.Result refused = estate.aksflux(with(AS_SND4, "apply", "snd3", "--yes", "--skip", "notifications"));
        int afterRefusal = estate.writes().size();
        Cli.Result allowed = estate.aksflux(with(AS_SND4, "apply", "snd3", "--yes", "--skip", "notifications", "--allow-repoint"));

        assertThat(validate.exitCode()).isEqualTo(ExitCodes.ERROR);
        assertThat(validate.err() + validate.out()).contains("azure.cluster: flux configuration 'flux-config' of cluster SNDADPINFAK1404")
                .contains("is also the target of snd4 (" + Cli.ENVIRONMENTS + "/snd4.yaml:" + lineOf("  cluster: ", "snd4.yaml") + ")");
        assertThat(refused.exitCode()).isEqualTo(ExitCodes.ERROR);
        assertThat(refused.err()).contains("error: flux configuration flux-config on cluster SNDADPINFAK1404 reconciles other"
                + " kustomization paths than snd3 (cluster ./clusters/snd/04 -> ./clusters/snd/03").contains("re-run allowing the repoint if it is intended");
        assertThat(afterRefusal).isEqualTo(writes);
        assertThat(allowed.exitCode()).as(allowed.toString()).isEqualTo(ExitCodes.OK);
        assertThat(allowed.err()).contains("repointing it, as allowed");
    }

    @Test
    void status_shows_the_deploy_key_the_cluster_generated() throws Exception {
        var flux = new ObjectMapper().readTree("""
                {"properties": {"provisioningState": "Succeeded", "complianceState": "Non-Compliant",
                 "repositoryPublicKey": "ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQDi"}}""");
        StringWriter text = new StringWriter();

        StatusView.render(new StatusReport("snd4", Optional.empty(), Optional.of(ResourceState.of(flux))), new PrintWriter(text, true));

        assertThat(text.toString()).contains("  deploy key          ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQDi (generated by the cluster:"
                + " add it to the repository as a read-only deploy key)");
    }

    /** The line of the shipped file that starts with {@code prefix}: the message names where snd4 sets its cluster. */
    private static int lineOf(String prefix, String file) {
        try {
            java.util.List<String> lines = java.nio.file.Files.readAllLines(java.nio.file.Path.of(Cli.ENVIRONMENTS, file));
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).startsWith(prefix)) {
                    return i + 1;
                }
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        throw new AssertionError(file + " has no line starting with '" + prefix + "'");
    }
}
