package io.aksflux.apply;

/**
 * What the engine verifies or waits for around the steps (preflight, convergence, later a HelmRelease wait): a check
 * runs, reads, waits and reports its result; it never writes an ARM resource. A plan runs no check.
 */
@FunctionalInterface
public interface Check {
    ApplyResult.StageResult run();
}
