package io.aksflux.desired;

import io.aksflux.environment.Environment;
import io.aksflux.template.RenderedFile;
import io.aksflux.template.TemplateSet;
import io.aksflux.template.TemplateSource;

import java.util.List;

/** Everything an environment needs: ARM resources in apply order, repository files and cluster objects. */
public record DesiredState(List<ArmResource> arm, List<RenderedFile> files, List<ClusterObject> clusterObjects) {

    public static DesiredState of(Environment env, TemplateSource templates) {
        return of(env, TemplateSet.load(templates, env.layout()));
    }

    /** @param layout the environment's layout as its loader read it ({@code EnvironmentLoader.layout}), read once per command */
    public static DesiredState of(Environment env, TemplateSet layout) {
        return new DesiredState(
                List.of(ExtensionBody.of(env), FluxConfigurationBody.of(env)),
                layout.render(env),
                notificationSecret(env).stream().toList());
    }

    /**
     * The secret the notification Provider reads the Event Hub connection string from (key 'address'), when aksflux
     * delivers it itself; with {@code delivery: keyVault} another controller owns that Secret and it is not aksflux's.
     */
    public static java.util.Optional<ClusterObject> notificationSecret(Environment env) {
        return env.notifications().deliversSecret()
                ? java.util.Optional.of(new ClusterObject("Secret", env.flux().namespace(), env.notifications().secretName()))
                : java.util.Optional.empty();
    }
}
