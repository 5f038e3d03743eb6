package io.aksflux.environment;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One SSH deploy key a Flux source reads ({@code deployKeys.<secret name>}): the Secret Flux's GitRepository names in
 * {@code secretRef} (keys {@code identity}, {@code identity.pub}, {@code known_hosts}), the repository the key opens,
 * the Key Vault secret the private key is kept in, the Git host kind and the host keys Flux trusts.
 *
 * @param host {@code github} (registered through GitHub's deploy-key API) or {@code other} (printed for a person to
 *             register); absent in the file: github for github.com, other for any other host
 */
public record DeployKeySpec(String secretName, String namespace, String repository, Host host, String vault, String vaultSecret,
                            String knownHosts) {
    private static final Pattern SSH_URL = Pattern.compile("^ssh://(?:[^@/]+@)?([^/:]+)(?::\\d+)?/(.+?)(?:\\.git)?/?$");
    private static final Pattern SCP_URL = Pattern.compile("^(?:[^@/]+@)?([^/:]+):(.+?)(?:\\.git)?/?$");
    private static final Pattern OWNER_REPO = Pattern.compile("^([A-Za-z0-9_.-]+)/([A-Za-z0-9_.-]+)$");

    public enum Host {
        GITHUB, OTHER;

        public String wire() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** GitHub's owner and repository name ({@code org}, {@code apps}); empty when the URL's path is not {@code owner/repo}. */
    public Optional<List<String>> ownerAndRepo() {
        return ownerAndRepo(repository);
    }

    static Optional<List<String>> ownerAndRepo(String url) {
        return hostAndPath(url).map(hp -> OWNER_REPO.matcher(hp.get(1))).filter(Matcher::matches)
                .map(m -> List.of(m.group(1), m.group(2)));
    }

    /** The host and the path of an SSH URL ({@code ssh://git@host/path} or {@code git@host:path}); empty for any other URL. */
    static Optional<List<String>> hostAndPath(String url) {
        String text = url == null ? "" : url.strip();
        if (text.contains("://") && !text.startsWith("ssh://")) {
            return Optional.empty();
        }
        Matcher m = (text.startsWith("ssh://") ? SSH_URL : SCP_URL).matcher(text);
        return m.matches() ? Optional.of(List.of(m.group(1), m.group(2))) : Optional.empty();
    }

    static Host defaultHost(String url) {
        return hostAndPath(url).filter(hp -> hp.get(0).equalsIgnoreCase("github.com")).isPresent() ? Host.GITHUB : Host.OTHER;
    }

    /** Every deploy key of a validated configuration, in the order the layers list them. */
    @SuppressWarnings("unchecked")
    static List<DeployKeySpec> of(Map<String, Object> values, String fluxNamespace) {
        List<DeployKeySpec> keys = new ArrayList<>();
        Object raw = values.get("deployKeys");
        if (!(raw instanceof Map<?, ?> all)) {
            return keys;
        }
        all.forEach((name, entry) -> {
            Map<String, Object> k = (Map<String, Object>) entry;
            Map<String, Object> vault = k.get("keyVault") instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
            String url = String.valueOf(k.get("repository"));
            keys.add(new DeployKeySpec(String.valueOf(name), k.get("namespace") == null ? fluxNamespace : String.valueOf(k.get("namespace")),
                    url, k.get("host") == null ? defaultHost(url) : Host.valueOf(String.valueOf(k.get("host")).toUpperCase(java.util.Locale.ROOT)),
                    String.valueOf(vault.get("vault")), String.valueOf(vault.get("secret")), String.valueOf(k.get("knownHosts"))));
        });
        return keys;
    }
}
