package io.aksflux.kustomize;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** The real {@code kubectl kustomize --load-restrictor LoadRestrictionsNone}, as Flux builds with no load restriction. */
public final class Kubectl {
    private final Path binary;

    private Kubectl(Path binary) {
        this.binary = binary;
    }

    /** kubectl from the PATH, if there is one. */
    public static Optional<Kubectl> onPath(String path) {
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, "kubectl");
            if (Files.isExecutable(candidate)) {
                return Optional.of(new Kubectl(candidate));
            }
        }
        return Optional.empty();
    }

    /** Empty when the folder builds; else kubectl's last line of error. */
    public Optional<String> kustomize(Path root, String folder) {
        try {
            Process process = new ProcessBuilder(binary.toString(), "kustomize", "--load-restrictor", "LoadRestrictionsNone",
                    root.resolve(folder).toString()).redirectErrorStream(false).start();
            process.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
            String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return Optional.of("kubectl kustomize did not finish within 120 s");
            }
            if (process.exitValue() == 0) {
                return Optional.empty();
            }
            String[] lines = err.split("\n");
            String last = lines[lines.length - 1];
            java.util.regex.Matcher klog = java.util.regex.Pattern.compile("err=\"(.*)\"$").matcher(last);
            return Optional.of((klog.find() ? klog.group(1).replace("\\\"", "\"") : last).replace(root.toString() + "/", ""));
        } catch (IOException e) {
            return Optional.of("cannot run " + binary + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("interrupted");
        }
    }
}
