package io.aksflux.desired;

import io.aksflux.environment.Environment;
import io.aksflux.template.RenderedFile;
import io.aksflux.template.TemplateSet;
import io.aksflux.template.TemplateSource;

import java.util.List;
import java.util.Optional;

/**
 * Everything an environment needs, built once per command, purely, from the environment and its layout's templates,
 * and handed to plan, apply, status and destroy: the ARM resources (the extension, then the flux configuration, in apply
 * order), the repository files and the cluster object aksflux delivers itself (the notification secret, when it does).
 */
public record DesiredState(ArmResource extension, ArmResource fluxConfiguration, List<RenderedFile> files,
                           Optional<ClusterObject> notificationSecret) {
    public DesiredState {
        files = List.copyOf(files);
    }

    public static DesiredState of(Environment env, TemplateSource templates) {
        return of(env, TemplateSet.load(templates, env.layout()));
    }

    /** @param layout the environment's layout as its loader read it ({@code EnvironmentLoader.layout}), read once per command */
    public static DesiredState of(Environment env, TemplateSet layout) {
        return of(env, layout.render(env));
    }

    /** With the repository files already rendered ({@code List.of()} for commands that only touch Azure). */
    public static DesiredState of(Environment env, List<RenderedFile> files) {
        return new DesiredState(ExtensionBody.of(env), FluxConfigurationBody.of(env), files, notificationSecret(env));
    }

    /** The ARM resources in apply order. */
    public List<ArmResource> arm() {
        return List.of(extension, fluxConfiguration);
    }

    public List<ClusterObject> clusterObjects() {
        return notificationSecret.stream().toList();
    }

    /**
     * The secret the notification Provider reads the Event Hub connection string from (key 'address'), when aksflux
     * delivers it itself; with {@code delivery: keyVault} another controller owns that Secret and it is not aksflux's.
     */
    public static Optional<ClusterObject> notificationSecret(Environment env) {
        return env.notifications().deliversSecret()
                ? Optional.of(new ClusterObject("Secret", env.flux().namespace(), env.notifications().secretName()))
                : Optional.empty();
    }
}
