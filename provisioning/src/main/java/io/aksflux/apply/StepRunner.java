package io.aksflux.apply;

import io.aksflux.base.Progress;
import io.aksflux.change.Change;
import io.aksflux.plan.ActualState;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Runs a fixed list of {@link Step}s and {@link Check}s. The contracts and the runner live in {@code io.aksflux.apply},
 * beside the units they run, so that the ARM writer and the cluster's command channel stay package-private.
 * The runner, not each unit, owns the rules: units run in list order; a skipped unit reports skipped and does nothing
 * else; a step whose plan holds no differing change is not applied and reports unchanged; the first failure (an
 * exception) stops the run; every step planned is closed once done with, so what its plan held is let go whatever
 * happened. {@link #plan} is the same list with writes off: every step's plan is collected, no apply and no check is
 * called; over {@link ActualState#NOTHING} it is the offline plan, which reads nothing.
 */
public final class StepRunner {
    private final Progress progress;

    public StepRunner(Progress progress) {
        this.progress = progress;
    }

    /** One line of the list: a step or a check, under its stage's name, or skipped for a reason said at run time. */
    public record Unit(String name, String describe, Step step, Check check, Optional<Supplier<String>> skipped) {

        public static Unit step(String name, String describe, Step step) {
            return new Unit(name, describe, step, null, Optional.empty());
        }

        public static Unit check(String name, String describe, Check check) {
            return new Unit(name, describe, null, check, Optional.empty());
        }

        /** The same unit, skipped when {@code skip}; {@code why} is read when the run reaches it. */
        public Unit skippedIf(boolean skip, Supplier<String> why) {
            return skip ? new Unit(name, describe, step, check, Optional.of(why)) : this;
        }
    }

    /**
     * Runs the units in order.
     *
     * @param beforeFirstStep runs once, after the checks in front and before the first step that is not skipped: the
     *                        guards that must pass before anything is written
     */
    public List<ApplyResult.StageResult> apply(List<Unit> units, ActualState actual, Runnable beforeFirstStep) {
        List<ApplyResult.StageResult> results = new ArrayList<>();
        boolean guarded = false;
        for (Unit unit : units) {
            if (unit.skipped().isPresent()) {
                progress.stage(unit.name(), "skipped");
                results.add(new ApplyResult.StageResult(unit.name(), "skipped", unit.skipped().get().get()));
                continue;
            }
            progress.stage(unit.name(), unit.describe());
            if (unit.check() != null) {
                results.add(unit.check().run());
                continue;
            }
            if (!guarded) {
                guarded = true;
                beforeFirstStep.run();
            }
            try (Step step = unit.step()) {
                List<Change> planned = step.plan(actual);
                results.add(Step.differs(planned) || step.comparesWhenWriting() ? step.apply(planned)
                        : new ApplyResult.StageResult(unit.name(), "unchanged", step.unchanged(planned)));
            }
        }
        return results;
    }

    public List<ApplyResult.StageResult> apply(List<Unit> units, ActualState actual) {
        return apply(units, actual, () -> { });
    }

    /** Every step's plan, in list order: no apply, no check, nothing written. */
    public static List<Change> plan(List<Unit> units, ActualState actual) {
        List<Change> changes = new ArrayList<>();
        for (Unit unit : units) {
            if (unit.step() != null && unit.skipped().isEmpty()) {
                try (Step step = unit.step()) {
                    changes.addAll(step.plan(actual));
                }
            }
        }
        return changes;
    }
}
