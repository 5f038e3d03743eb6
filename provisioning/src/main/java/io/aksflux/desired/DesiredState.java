package io.aksflux.desired;

import io.aksflux.environment.Environment;
import io.aksflux.template.RenderedFile;
import io.aksflux.template.TemplateSet;
import io.aksflux.template.TemplateSource;

import java.util.ArrayList;
import java.util.List;

/** Everything an environment needs: ARM resources in apply order, repository files and cluster objects. */
public record DesiredState(List<ArmResource> arm, List<RenderedFile> files, List<ClusterObject> clusterObjects) {

    public static DesiredState of(Environment env, TemplateSource templates) {
        List<ClusterObject> cluster = new ArrayList<>();
        if (env.notifications().usesSecret()) {
            // the Provider reads the Event Hub connection string from this secret under the key 'address'
            cluster.add(new ClusterObject("Secret", env.flux().namespace(), env.notifications().secretName()));
        }
        return new DesiredState(
                List.of(ExtensionBody.of(env), FluxConfigurationBody.of(env)),
                TemplateSet.load(templates, env.layout()).render(env),
                cluster);
    }
}
