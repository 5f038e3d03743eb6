package io.aksflux.cli;

import io.aksflux.emulator.RecordedRequest;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The secret grep: a run of the whole tool with a known ARM token, Git token, protected setting and Event Hub
 * connection string, with hostile input and every fault the emulator injects (409, 429, 500, a 400 that quotes the
 * request body, a 401 that quotes the Authorization header), then every output stream, both Git repositories' full
 * history and every file the run left in the temporary folder are searched for each secret, raw and base64.
 */
class SecretsNeverLeakCliTest extends EstatePerTest {
    private final String gitToken = "git-token-" + UUID.randomUUID();
    private final String protectedValue = "flux-https-key-" + UUID.randomUUID();
    private final String extensionValue = "extension-proxy-password-" + UUID.randomUUID();
    private final String eventHubKey = Base64.getEncoder().encodeToString(UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8));
    private final String connectionString = "Endpoint=sb://sndadpinfeh1404.servicebus.windows.net/;SharedAccessKeyName=FluxSendAccess;"
            + "SharedAccessKey=" + eventHubKey + ";EntityPath=flux-events-snd4";
    private final List<Cli.Result> runs = new ArrayList<>();

    private Map<String, String> variables() {
        Map<String, String> variables = new HashMap<>(Map.of("AKSFLUX_GIT_TOKEN", gitToken, "CORE_GIT_TOKEN", protectedValue,
                "EXT_PROXY_PASSWORD", extensionValue, "FLUX_EVENTS_CONNECTION", connectionString));
        variables.put("TF_BUILD", "True");
        return variables;
    }

    private Cli.Result aksflux(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--set", "flux.protectedSettings.httpsKey=${env:CORE_GIT_TOKEN}",
                "--set", "extension.protectedSettings.proxy.password=${env:EXT_PROXY_PASSWORD}",
                "--set", "notifications.connectionString=${env:FLUX_EVENTS_CONNECTION}"));
        Cli.Result result = estate.aksflux(variables(), all.toArray(String[]::new));
        runs.add(result);
        return result;
    }

    /** A command that needs neither ARM nor the estate's repositories, on the shipped environments as they are. */
    private Cli.Result offline(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--environments", Cli.ENVIRONMENTS));
        Map<String, String> variables = variables();
        variables.put("AKSFLUX_ARM_TOKEN", estate.token());
        Cli.Result result = Cli.run(variables, all.toArray(String[]::new));
        runs.add(result);
        return result;
    }

    private List<String> secrets() {
        List<String> secrets = new ArrayList<>();
        for (String secret : List.of(estate.token(), gitToken, protectedValue, extensionValue, connectionString, eventHubKey)) {
            secrets.add(secret);
            secrets.add(Base64.getEncoder().encodeToString(secret.getBytes(StandardCharsets.UTF_8)));
        }
        return secrets;
    }

    @Test
    void no_secret_reaches_any_output_stream_git_history_or_temporary_file_whatever_the_faults_and_input() throws Exception {
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        Set<Path> tmpBefore = listing(tmp);

        // hostile input: credentials pulled into plain fields and into a URL, control characters and logging commands
        Cli.Result leakToMetadata = aksflux("validate", "snd4", "--set", "notifications.eventMetadata.leak=${env:AKSFLUX_ARM_TOKEN}");
        Cli.Result leakToSubstitution = aksflux("plan", "snd4", "--offline",
                "--set", "flux.kustomizations.infra.substitute.LEAK=${env:AKSFLUX_GIT_TOKEN}");
        Cli.Result tokenInUrl = offline("plan", "snd4", "--offline", "-o", "json",
                "--set", "repos.services.url=https://x-access-token:" + gitToken + "@github.com/o/services");
        Cli.Result hostileName = aksflux("validate", "snd4", "--set", "azure.cluster=" + InertOutputCliTest.HOSTILE_NAME);
        // ARM quotes the extension's body, with its protected setting, after a 429, a 500 and a 409 were retried
        estate.emulator.faults().throttle(1, 0).serverErrors(1).conflictsBeforePut(1)
                .badRequestEchoingBody(Estate.EXTENSION, 1);
        Cli.Result echoedExtension = aksflux("apply", "snd4", "--yes");
        // ARM quotes the bearer token
        estate.emulator.faults().clear().unauthorizedEchoingAuthorization(1);
        Cli.Result echoedToken = aksflux("apply", "snd4", "--yes");
        // ARM quotes the flux configuration's body, with the base64 httpsKey
        estate.emulator.faults().clear().badRequestEchoingBody(Estate.FLUX, 1);
        Cli.Result echoedFlux = aksflux("apply", "snd4", "--yes");
        estate.emulator.faults().clear();
        Cli.Result converged = aksflux("apply", "snd4", "--yes");
        Cli.Result plan = aksflux("plan", "snd4", "--resend-protected-settings", "-o", "json");
        Cli.Result status = aksflux("status", "snd4");

        assertThat(List.of(leakToMetadata, leakToSubstitution, tokenInUrl, hostileName, echoedExtension, echoedToken, echoedFlux))
                .allSatisfy(run -> assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.ERROR));
        assertThat(tokenInUrl.err()).contains("repos.services.url: the URL holds credentials (not shown)");
        assertThat(echoedExtension.err()).as(echoedExtension.toString()).contains("400 InvalidRequestContent", "***");
        assertThat(echoedToken.err()).as(echoedToken.toString()).contains("401 InvalidAuthenticationToken", "Authorization: Bearer ***");
        assertThat(echoedFlux.err()).as(echoedFlux.toString()).contains("400 InvalidRequestContent", "configurationProtectedSettings");
        assertThat(converged.exitCode()).as(converged.toString()).isZero();
        assertThat(plan.exitCode()).as(plan.toString()).isZero();
        assertThat(status.exitCode()).as(status.toString()).isZero();
        assertThat(secretAt(Estate.FLUX)).as("the protected setting did reach ARM, base64-encoded")
                .isEqualTo(Base64.getEncoder().encodeToString(protectedValue.getBytes(StandardCharsets.UTF_8)));

        List<String> secrets = secrets();
        runs.forEach(run -> {
            assertThat(run.out() + run.err()).as("output of a run\n%s", run).doesNotContain(secrets);
            InertOutputCliTest.assertInert(run);
        });
        assertThat(history(estate.core) + history(estate.services)).as("Git history").doesNotContain(secrets);
        assertThat(filesUnder(dir)).as("files in the test's folder").doesNotContain(secrets);
        assertThat(filesUnder(tmp, listing(tmp), tmpBefore)).as("files the run left in %s", tmp).doesNotContain(secrets);
        assertThat(estate.emulator.requests().stream().map(RecordedRequest::summary).collect(Collectors.joining("\n")))
                .as("requests ARM saw, beyond the secrets' own fields").doesNotContain(estate.token(), gitToken);
    }

    private String secretAt(String resource) {
        return estate.emulator.requests().stream().filter(r -> r.method().equals("PUT") && r.path().endsWith(resource) && r.status() < 300)
                .reduce((a, b) -> b).orElseThrow().body().at("/properties/configurationProtectedSettings/httpsKey").asText();
    }

    /** Every commit message, author and blob reachable from any ref of a repository. */
    private static String history(Path bare) throws Exception {
        StringBuilder text = new StringBuilder();
        try (Git git = Git.open(bare.toFile()); RevWalk walk = new RevWalk(git.getRepository())) {
            for (Ref ref : git.getRepository().getRefDatabase().getRefs()) {
                walk.markStart(walk.parseCommit(ref.getObjectId()));
            }
            for (RevCommit commit : walk) {
                text.append(commit.getFullMessage()).append(commit.getAuthorIdent()).append(commit.getCommitterIdent());
                try (TreeWalk tree = new TreeWalk(git.getRepository())) {
                    tree.addTree(commit.getTree());
                    tree.setRecursive(true);
                    while (tree.next()) {
                        ObjectId blob = tree.getObjectId(0);
                        text.append(tree.getPathString()).append('\n')
                                .append(new String(git.getRepository().open(blob).getBytes(), StandardCharsets.UTF_8));
                    }
                }
            }
        }
        assertThat(text).as("the history of %s was read", bare).contains("aksflux: seed snd4");
        return text.toString();
    }

    private static Set<Path> listing(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.collect(Collectors.toSet());
        }
    }

    /** The text of every readable regular file under {@code dir} (bytes as Latin-1, so any encoding of ASCII matches). */
    private static String filesUnder(Path dir) throws IOException {
        StringBuilder text = new StringBuilder();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                try {
                    if (Files.size(file) > 20_000_000) {
                        continue; // no file of aksflux's is this large: a build's, on a shared machine
                    }
                    text.append(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1)).append('\n');
                } catch (IOException unreadable) {
                    // another process's file, or one deleted meanwhile
                }
            }
        }
        return text.toString();
    }

    /** The files under the entries of {@code tmp} that appeared during the run. */
    private static String filesUnder(Path tmp, Set<Path> after, Set<Path> before) {
        StringBuilder text = new StringBuilder();
        after.stream().filter(p -> !before.contains(p)).forEach(p -> {
            try {
                text.append(Files.isDirectory(p) ? filesUnder(p) : new String(Files.readAllBytes(p), StandardCharsets.ISO_8859_1));
            } catch (IOException | java.io.UncheckedIOException | SecurityException gone) {
                // deleted meanwhile, or another user's
            }
        });
        return text.toString();
    }
}
