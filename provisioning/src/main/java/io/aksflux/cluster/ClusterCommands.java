package io.aksflux.cluster;

import java.util.Map;

/**
 * Runs a command inside an AKS cluster without kube credentials. Files travel beside the command, never in it:
 * the command text is logged by Azure, the files are not.
 */
public interface ClusterCommands {

    /** @param files name → content, placed in the command's working directory */
    CommandResult run(String clusterId, String command, Map<String, String> files);

    /** What the command printed and how it ended; the logs may be shown, so commands never print secrets. */
    record CommandResult(int exitCode, String logs) {
        public boolean succeeded() {
            return exitCode == 0;
        }
    }
}
