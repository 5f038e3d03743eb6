package io.aksflux.kustomize;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

/** Repository-relative paths ('/' separators, {@code ""} the root). */
final class Paths {
    private Paths() {
    }

    static String join(String folder, String relative) {
        return folder.isEmpty() ? relative : folder + "/" + relative;
    }

    /** The path {@code entry} names from {@code folder}; empty when it climbs out of the repository. */
    static Optional<String> resolve(String folder, String entry) {
        Deque<String> parts = new ArrayDeque<>();
        for (String s : join(folder, entry).split("/")) {
            if (s.isEmpty() || s.equals(".")) {
                continue;
            }
            if (s.equals("..")) {
                if (parts.isEmpty()) {
                    return Optional.empty();
                }
                parts.removeLast();
            } else {
                parts.addLast(s);
            }
        }
        return Optional.of(String.join("/", parts));
    }

    static String parent(String path) {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? "" : path.substring(0, slash);
    }

    static String name(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    /** {@code "."} for the root, as kustomize and people write it. */
    static String show(String folder) {
        return folder.isEmpty() ? "." : folder;
    }
}
