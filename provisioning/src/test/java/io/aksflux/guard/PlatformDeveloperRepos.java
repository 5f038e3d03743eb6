package io.aksflux.guard;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The platform/developer split as its authors laid it out for {@code flux bootstrap}, and as it stands once fixed for
 * the AKS extension: a platform repository with {@code clusters/dev/} (the cluster-owned GitRepositories and, per
 * service, its pair of Kustomizations) and {@code apps/base/}, and a developer repository by service and environment.
 */
final class PlatformDeveloperRepos {
    private PlatformDeveloperRepos() {
    }

    /** Fixed: {@code clusters/dev} holds only objects that point elsewhere ({@code ./apps/base}, the developer repository). */
    static Map<String, String> platformFixed(String platformUrl, String developerUrl) {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("clusters/dev/gitrepository-platform.yaml", gitRepository("platform", platformUrl));
        files.put("clusters/dev/gitrepository-developer.yaml", gitRepository("developer", developerUrl));
        files.put("clusters/dev/orders/kustomization-platform.yaml", kustomization("orders-dev", "platform", "./apps/base"));
        files.put("clusters/dev/orders/kustomization-developer.yaml", kustomization("orders-dev-config", "developer", "./orders/dev"));
        files.put("apps/base/kustomization.yaml", "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\n"
                + "resources:\n  - deployment.yaml\n  - service.yaml\n");
        files.put("apps/base/deployment.yaml", "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ${SERVICE_NAME}\n"
                + "spec:\n  template:\n    spec:\n      containers:\n        - name: app\n          image: nginx\n");
        files.put("apps/base/service.yaml", "apiVersion: v1\nkind: Service\nmetadata:\n  name: ${SERVICE_NAME}\nspec:\n  ports:\n    - port: 80\n");
        return files;
    }

    /**
     * Before the fix: what {@code flux bootstrap} left in {@code clusters/dev/flux-system/}: Flux's installation and
     * the bootstrap Kustomization {@code flux-system}, which reconciles {@code ./clusters/dev} with prune, the folder
     * that holds it and the cluster-owned objects.
     */
    static Map<String, String> platformBeforeFix(String platformUrl, String developerUrl) {
        Map<String, String> files = platformFixed(platformUrl, developerUrl);
        files.put("clusters/dev/flux-system/kustomization.yaml", "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\n"
                + "resources:\n  - gotk-components.yaml\n  - gotk-sync.yaml\n");
        files.put("clusters/dev/flux-system/gotk-components.yaml", """
                apiVersion: apiextensions.k8s.io/v1
                kind: CustomResourceDefinition
                metadata:
                  name: kustomizations.kustomize.toolkit.fluxcd.io
                ---
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: kustomize-controller
                  namespace: flux-system
                """);
        files.put("clusters/dev/flux-system/gotk-sync.yaml", gitRepository("flux-system", platformUrl) + "---\n"
                + kustomization("flux-system", "flux-system", "./clusters/dev"));
        return files;
    }

    /** Before the fix without Flux's installation: a hand-written bootstrap Kustomization over {@code ./clusters/dev}. */
    static Map<String, String> platformSelfReconciling(String platformUrl, String developerUrl, boolean prune) {
        Map<String, String> files = platformFixed(platformUrl, developerUrl);
        files.put("clusters/dev/bootstrap.yaml", kustomization("bootstrap", "platform", "./clusters/dev").replace("prune: true", "prune: " + prune));
        return files;
    }

    static Map<String, String> developer() {
        return Map.of("orders/base/config.yaml", "greeting: hello\n",
                "orders/dev/config.yaml", "greeting: hello dev\n",
                "orders/dev/kustomization.yaml", "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\n"
                        + "configMapGenerator:\n  - name: orders-config\n    files:\n      - base.yaml=../base/config.yaml\n      - config.yaml\n");
    }

    private static String gitRepository(String name, String url) {
        return "apiVersion: source.toolkit.fluxcd.io/v1\nkind: GitRepository\nmetadata:\n  name: " + name + "\n  namespace: flux-system\n"
                + "spec:\n  interval: 1m\n  ref:\n    branch: main\n  url: " + url + "\n";
    }

    private static String kustomization(String name, String source, String path) {
        return "apiVersion: kustomize.toolkit.fluxcd.io/v1\nkind: Kustomization\nmetadata:\n  name: " + name + "\n  namespace: flux-system\n"
                + "spec:\n  interval: 1m\n  prune: true\n  wait: true\n  sourceRef:\n    kind: GitRepository\n    name: " + source + "\n"
                + "  path: " + path + "\n  postBuild:\n    substitute:\n      SERVICE_NAME: orders\n      ENV: dev\n";
    }
}
