package io.aksflux.seed;

import io.aksflux.change.Action;
import io.aksflux.change.Change;
import io.aksflux.template.RenderedFile;

import java.util.Optional;

/**
 * What seeding does to one file, given what the repository holds: create it when absent; nothing when it holds the
 * same YAML documents; merge the resources of an existing kustomization (update when entries were missing) unless
 * the layout keeps it; leave any other existing file alone, reporting drift with a diff. The same decision serves
 * the plan and the seed.
 */
public final class FileDiff {
    private FileDiff() {
    }

    public static Change.Git of(RenderedFile file, Optional<String> actual) {
        if (actual.isEmpty()) {
            return new Change.Git(Action.CREATE, file.repo(), file.path(), file.content());
        }
        String existing = actual.get();
        if (existing.equals(file.content()) || YamlText.sameDocuments(existing, file.content())) {
            return new Change.Git(Action.NONE, file.repo(), file.path(), existing);
        }
        if (KustomizationMerge.applies(file.path())) {
            Optional<String> merged = KustomizationMerge.merge(existing, file.content());
            if (merged.isPresent() && merged.get().equals(existing)) {
                return new Change.Git(Action.NONE, file.repo(), file.path(), existing);
            }
            if (merged.isPresent() && file.existing() == RenderedFile.Existing.MERGE) {
                return new Change.Git(Action.UPDATE, file.repo(), file.path(), merged.get());
            }
        }
        return Change.Git.drift(file.repo(), file.path(), file.content(), YamlText.unifiedDiff(file.path(), existing, file.content()));
    }
}
