package io.aksflux.emulator.flux;

import java.util.Optional;

/** Why helm-controller's install or upgrade of a release fails, when a test has arranged that it does. */
public interface HelmFailures {
    /** The reason text a failing install or upgrade of {@code release} gives, or empty when it succeeds. */
    Optional<String> failure(ObjectRef release);

    /** Every install and upgrade succeeds. */
    HelmFailures NONE = release -> Optional.empty();
}
