package io.aksflux.cli;

import io.aksflux.change.Action;
import io.aksflux.change.Change;
import io.aksflux.change.Plan;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The text plan groups Git changes by whatever repository roles the layout has, in the order the plan names them. */
class PlanTextTest {
    @Test
    void git_changes_are_grouped_by_the_roles_the_plan_names_whatever_they_are() {
        Plan plan = new Plan("dev1", List.of(
                new Change.Git(Action.CREATE, "platform", "platform/dev1/kustomization.yaml", "resources: []\n"),
                new Change.Git(Action.CREATE, "apps", "apps/dev1/kustomization.yaml", "resources: []\n"),
                new Change.Git(Action.NONE, "platform", "platform/dev1/apps-source.yaml", "kind: GitRepository\n"),
                new Change.Git(Action.UPDATE, "tenants", "tenants/dev/kustomization.yaml", "resources: []\n")));
        StringWriter text = new StringWriter();

        PlanText.render(plan, new PrintWriter(text));

        assertThat(text.toString()).isEqualTo("""
                Plan for dev1: 2 to create, 1 to update, 0 to delete, 1 unchanged

                Git repository 'platform'
                  + platform/dev1/kustomization.yaml
                  = platform/dev1/apps-source.yaml

                Git repository 'apps'
                  + apps/dev1/kustomization.yaml

                Git repository 'tenants'
                  ~ tenants/dev/kustomization.yaml

                """);
    }
}
