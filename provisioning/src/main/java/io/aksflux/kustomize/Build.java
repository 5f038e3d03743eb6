package io.aksflux.kustomize;

import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * The outcome of building one kustomization folder: the objects it produces, or the file and reason it fails; and
 * every path the build read or looked for (transitively), so a change to any of them is known to concern it.
 */
public record Build(String folder, boolean passed, String file, String reason, Set<String> reads, List<Resource> resources) {
    public Build {
        reads = Set.copyOf(reads);
        resources = List.copyOf(resources);
    }

    /** One object of the build, with the ids it had before namespace or name transformations, and where it came from. */
    public record Resource(ResId id, List<ResId> previous, String file) {
        public Resource {
            previous = List.copyOf(previous);
        }

        boolean answersTo(ResId wanted) {
            return id.sameAs(wanted) || previous.stream().anyMatch(wanted::sameAs);
        }
    }

    static Build passed(String folder, Set<String> reads, List<Resource> resources) {
        return new Build(folder, true, null, null, reads, resources);
    }

    static Build failed(String folder, String file, String reason, Set<String> reads) {
        return new Build(folder, false, file, reason, reads, List.of());
    }

    /** Whether the build read (or looked for) any of these paths, or a folder one of them is in. */
    public boolean readsAny(Collection<String> paths) {
        for (String path : paths) {
            for (String read : reads) {
                if (path.equals(read) || path.startsWith(read + "/")) {
                    return true;
                }
            }
        }
        return false;
    }

    /** {@code file: reason} for a failed build. */
    public String failure() {
        return passed ? "" : Paths.show(file) + ": " + reason;
    }
}
