package io.aksflux.apply;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aksflux.change.Action;
import io.aksflux.change.Change;
import io.aksflux.desired.ArmResource;
import io.aksflux.desired.DesiredState;
import io.aksflux.environment.Environment;
import io.aksflux.plan.ActualState;
import io.aksflux.support.FakeArm;
import io.aksflux.support.RecordingProgress;
import io.aksflux.support.SimulatedTicker;
import io.aksflux.support.Workspaces;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The engine's rules, shown with toy steps: given a list of steps and checks, the runner (not the steps) decides what
 * runs, in which order, what is written and what is reported.
 */
class StepRunnerTest {
    private final RecordingProgress progress = new RecordingProgress();
    private final StepRunner runner = new StepRunner(progress);
    /** Every plan, apply and check, in the order the runner called them. */
    private final List<String> journal = new ArrayList<>();
    /** The toy steps' target: files by path, as if in a repository. */
    private final Map<String, String> shelf = new LinkedHashMap<>();

    /** A step that wants {@code path} to hold {@code content} on the shelf. */
    private StepRunner.Unit file(String name, String path, String content) {
        return StepRunner.Unit.step(name, "the file " + path, new Step() {
            @Override
            public List<Change> plan(ActualState actual) {
                journal.add("plan " + name);
                String now = shelf.get(path);
                Action action = now == null ? Action.CREATE : now.equals(content) ? Action.NONE : Action.UPDATE;
                return List.of(new Change.Git(action, "toy", path, content));
            }

            @Override
            public ApplyResult.StageResult apply(List<Change> planned) {
                journal.add("apply " + name);
                shelf.put(path, content);
                return new ApplyResult.StageResult(name, "changed", planned.get(0).action().wire() + " " + path);
            }
        });
    }

    private StepRunner.Unit check(String name) {
        return StepRunner.Unit.check(name, "checking", () -> {
            journal.add("check " + name);
            return new ApplyResult.StageResult(name, "done", "fine");
        });
    }

    private StepRunner.Unit failing(String name) {
        return StepRunner.Unit.step(name, "failing", new Step() {
            @Override
            public List<Change> plan(ActualState actual) {
                journal.add("plan " + name);
                throw new ProvisioningFailedException(name + " cannot be read");
            }

            @Override
            public ApplyResult.StageResult apply(List<Change> planned) {
                journal.add("apply " + name);
                return null;
            }
        });
    }

    @Test
    void units_run_in_list_order_each_step_planned_before_it_is_applied() {
        List<ApplyResult.StageResult> results = runner.apply(List.of(check("preflight"), file("a", "a.yaml", "1"),
                file("b", "b.yaml", "2"), check("converge")), ActualState.NOTHING);

        assertThat(journal).containsExactly("check preflight", "plan a", "apply a", "plan b", "apply b", "check converge");
        assertThat(results).extracting(ApplyResult.StageResult::stage).containsExactly("preflight", "a", "b", "converge");
        assertThat(progress.lines()).containsSubsequence("stage preflight: checking", "stage a: the file a.yaml",
                "stage b: the file b.yaml", "stage converge: checking");
    }

    @Test
    void a_step_whose_plan_shows_no_difference_is_never_applied_and_is_reported_unchanged() {
        shelf.put("a.yaml", "1");

        List<ApplyResult.StageResult> results = runner.apply(List.of(file("a", "a.yaml", "1")), ActualState.NOTHING);

        assertThat(journal).containsExactly("plan a");
        assertThat(results).containsExactly(new ApplyResult.StageResult("a", "unchanged", "none"));
    }

    @Test
    void a_step_with_a_difference_is_applied_once_and_the_next_run_writes_nothing() {
        shelf.put("a.yaml", "old");
        List<StepRunner.Unit> units = List.of(file("a", "a.yaml", "new"));

        List<ApplyResult.StageResult> first = runner.apply(units, ActualState.NOTHING);
        List<ApplyResult.StageResult> second = runner.apply(units, ActualState.NOTHING);

        assertThat(journal).containsExactly("plan a", "apply a", "plan a");
        assertThat(first).containsExactly(new ApplyResult.StageResult("a", "changed", "update a.yaml"));
        assertThat(second).extracting(ApplyResult.StageResult::status).containsExactly("unchanged");
        assertThat(shelf).containsEntry("a.yaml", "new");
    }

    @Test
    void the_first_failure_stops_the_run_and_the_units_after_it_do_not_run() {
        assertThatThrownBy(() -> runner.apply(List.of(file("a", "a.yaml", "1"), failing("broken"), file("c", "c.yaml", "3"),
                check("converge")), ActualState.NOTHING)).hasMessage("broken cannot be read");

        assertThat(journal).containsExactly("plan a", "apply a", "plan broken");
        assertThat(shelf).containsOnlyKeys("a.yaml");
    }

    @Test
    void skipped_units_are_reported_skipped_and_neither_planned_applied_nor_checked() {
        List<ApplyResult.StageResult> results = runner.apply(List.of(check("preflight").skippedIf(true, () -> "asked to"),
                file("a", "a.yaml", "1").skippedIf(true, () -> "asked to"), file("b", "b.yaml", "2").skippedIf(false, () -> "not asked")),
                ActualState.NOTHING);

        assertThat(journal).containsExactly("plan b", "apply b");
        assertThat(results).containsExactly(new ApplyResult.StageResult("preflight", "skipped", "asked to"),
                new ApplyResult.StageResult("a", "skipped", "asked to"), new ApplyResult.StageResult("b", "changed", "create b.yaml"));
        assertThat(progress.lines()).contains("stage preflight: skipped", "stage a: skipped");
        assertThat(shelf).containsOnlyKeys("b.yaml");
    }

    @Test
    void a_step_whose_write_is_the_comparison_is_applied_every_run_but_never_in_a_plan() {
        StepRunner.Unit pushes = StepRunner.Unit.step("seed", "Git repositories", new Step() {
            @Override
            public List<Change> plan(ActualState actual) {
                journal.add("plan seed");
                return List.of();
            }

            @Override
            public boolean comparesWhenWriting() {
                return true;
            }

            @Override
            public ApplyResult.StageResult apply(List<Change> planned) {
                journal.add("apply seed");
                return new ApplyResult.StageResult("seed", "unchanged", "nothing to commit");
            }
        });

        List<ApplyResult.StageResult> results = runner.apply(List.of(pushes), ActualState.NOTHING);
        StepRunner.plan(List.of(pushes), ActualState.NOTHING);

        assertThat(journal).containsExactly("plan seed", "apply seed", "plan seed");
        assertThat(results).containsExactly(new ApplyResult.StageResult("seed", "unchanged", "nothing to commit"));
    }

    /** A step that keeps what its plan read for its apply (as the seed keeps its working copies) and says when it lets go. */
    private StepRunner.Unit holding(String name, Action action, boolean applyFails) {
        return StepRunner.Unit.step(name, "holding", new Step() {
            @Override
            public List<Change> plan(ActualState actual) {
                journal.add("plan " + name);
                return List.of(new Change.Git(action, "toy", name + ".yaml", "1"));
            }

            @Override
            public ApplyResult.StageResult apply(List<Change> planned) {
                journal.add("apply " + name);
                if (applyFails) {
                    throw new ProvisioningFailedException(name + " cannot be written");
                }
                return new ApplyResult.StageResult(name, "changed", "written");
            }

            @Override
            public void close() {
                journal.add("close " + name);
            }
        });
    }

    @Test
    void every_step_planned_is_closed_once_the_runner_is_done_with_it_applied_unchanged_or_failed() {
        assertThatThrownBy(() -> runner.apply(List.of(holding("a", Action.CREATE, false), holding("b", Action.NONE, false),
                holding("skipped", Action.CREATE, false).skippedIf(true, () -> "asked to"), holding("c", Action.CREATE, true),
                holding("d", Action.CREATE, false)), ActualState.NOTHING)).hasMessage("c cannot be written");
        StepRunner.plan(List.of(holding("e", Action.CREATE, false)), ActualState.NOTHING);

        assertThat(journal).containsExactly("plan a", "apply a", "close a", "plan b", "close b", "plan c", "apply c", "close c",
                "plan e", "close e");
    }

    @Test
    void the_guard_before_the_first_step_runs_once_after_the_checks_in_front_of_it() {
        runner.apply(List.of(check("preflight"), file("a", "a.yaml", "1"), file("b", "b.yaml", "2")), ActualState.NOTHING,
                () -> journal.add("guard"));

        assertThat(journal).containsExactly("check preflight", "guard", "plan a", "apply a", "plan b", "apply b");
    }

    @Test
    void a_plan_is_the_same_list_with_writes_off_every_steps_changes_in_list_order_and_no_apply_and_no_check() {
        shelf.put("b.yaml", "2");

        List<Change> plan = StepRunner.plan(List.of(check("preflight"), file("a", "a.yaml", "1"), file("b", "b.yaml", "2"),
                file("c", "c.yaml", "3").skippedIf(true, () -> "asked to"), check("converge")), ActualState.NOTHING);

        assertThat(journal).containsExactly("plan a", "plan b");
        assertThat(plan).extracting(Change::action).containsExactly(Action.CREATE, Action.NONE);
        assertThat(shelf).containsOnlyKeys("b.yaml");
        assertThat(progress.lines()).isEmpty();
    }

    // an ARM resource is one more line: the step is the same class for every resource

    private final SimulatedTicker ticker = new SimulatedTicker();
    private final Environment snd4 = Workspaces.shipped().environment("snd4", List.of());
    private final DesiredState desired = DesiredState.of(snd4, List.of());

    /** A fourth resource aksflux could manage: the cluster's planned maintenance window. */
    private ArmResource maintenance(String day) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.putObject("properties").putArray("timeInWeek").addObject().put("day", day).putArray("hourSlots").add(1);
        return new ArmResource("Microsoft.ContainerService/managedClusters/maintenanceConfigurations",
                snd4.azure().clusterId() + "/maintenanceConfigurations/default", "2024-02-01", body);
    }

    private StepRunner.Unit arm(String name, ArmResource resource, FakeArm arm) {
        return StepRunner.Unit.step(name, "ARM resource " + name, new ArmResourceStep(name, name, resource,
                new ArmWriter(arm, ticker.pacing(), progress), progress, JsonNodeFactory.instance.objectNode(), false, true));
    }

    private List<StepRunner.Unit> armList(FakeArm arm, String day) {
        return List.of(
                arm("extension", desired.extension(), arm),
                arm("flux", desired.fluxConfiguration(), arm),
                arm("maintenance", maintenance(day), arm)); // the one line a fourth resource adds
    }

    @Test
    void a_fourth_arm_resource_is_created_after_the_others_in_list_order() {
        FakeArm arm = FakeArm.healthy(snd4);

        List<ApplyResult.StageResult> results = runner.apply(armList(arm, "Sunday"), new OnlineState(arm));

        assertThat(arm.writes()).extracting(FakeArm.Request::id).containsExactly(desired.extension().id(),
                desired.fluxConfiguration().id(), maintenance("Sunday").id());
        assertThat(results).extracting(ApplyResult.StageResult::status).containsExactly("changed", "changed", "changed");
        assertThat(arm.resource(maintenance("Sunday").id()).orElseThrow().at("/properties/timeInWeek/0/day").asText()).isEqualTo("Sunday");
    }

    @Test
    void an_arm_resource_as_desired_is_not_written_again_and_a_changed_one_is_written_once() {
        FakeArm arm = FakeArm.healthy(snd4);
        runner.apply(armList(arm, "Sunday"), new OnlineState(arm));
        int written = arm.writes().size();

        List<ApplyResult.StageResult> same = runner.apply(armList(arm, "Sunday"), new OnlineState(arm));
        assertThat(arm.writes()).hasSize(written);
        assertThat(same).extracting(ApplyResult.StageResult::status).containsExactly("unchanged", "unchanged", "unchanged");

        List<ApplyResult.StageResult> moved = runner.apply(armList(arm, "Monday"), new OnlineState(arm));
        assertThat(arm.writes()).hasSize(written + 1);
        assertThat(arm.writes().get(written).id()).isEqualTo(maintenance("Monday").id());
        assertThat(moved.get(2)).isEqualTo(new ApplyResult.StageResult("maintenance", "changed", "update 1 field(s)"));
    }

    @Test
    void an_offline_plan_reads_nothing_and_creates_every_arm_resource_in_list_order() {
        FakeArm arm = FakeArm.healthy(snd4);

        List<Change> plan = StepRunner.plan(armList(arm, "Sunday"), ActualState.NOTHING);

        assertThat(arm.requests()).isEmpty();
        assertThat(plan).extracting(c -> ((Change.Arm) c).id()).containsExactly(desired.extension().id(),
                desired.fluxConfiguration().id(), maintenance("Sunday").id());
        assertThat(plan).extracting(Change::action).containsOnly(Action.CREATE);
    }

    @Test
    void an_online_plan_reads_but_writes_nothing() {
        FakeArm arm = FakeArm.healthy(snd4);

        List<Change> plan = StepRunner.plan(armList(arm, "Sunday"), new OnlineState(arm));

        assertThat(arm.requests()).extracting(FakeArm.Request::method).containsOnly("GET");
        assertThat(plan).extracting(Change::action).containsOnly(Action.CREATE);
        assertThat(arm.writes()).isEmpty();
    }
}
