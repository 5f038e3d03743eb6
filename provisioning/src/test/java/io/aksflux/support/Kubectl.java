package io.aksflux.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** Runs the real {@code kubectl kustomize}; a missing kubectl fails the test instead of skipping it. */
public final class Kubectl {
    private Kubectl() {
    }

    public record Result(int exitCode, String output) {
    }

    public static Result kustomize(Path directory) {
        String kubectl = Files.isExecutable(Path.of("/usr/bin/kubectl")) ? "/usr/bin/kubectl" : "kubectl";
        try {
            Process process = new ProcessBuilder(kubectl, "kustomize", directory.toString())
                    .redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("kubectl kustomize did not finish for " + directory);
            }
            return new Result(process.exitValue(), output);
        } catch (IOException e) {
            throw new AssertionError("kubectl is required for this test (install it; tests do not skip): " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
