package io.aksflux.environment;

import io.aksflux.config.ConfigNode;
import io.aksflux.config.ConfigNode.MapNode;
import io.aksflux.config.ConfigNode.ScalarNode;
import io.aksflux.error.Origin;
import io.aksflux.error.Problem;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * Checks of {@code flux.gitRepository} against the source repository's URL and the flux configuration's
 * api-version: one pinned ref at most, authentication fields that fit the URL's scheme, texts that parse. Skips
 * whatever the schema already refuses.
 */
final class FluxSourceRules {
    private static final List<String> REFS = List.of("tag", "semver", "commit");

    private FluxSourceRules() {
    }

    static List<Problem> check(MapNode config) {
        List<Problem> problems = new ArrayList<>();
        if (!(config.get("flux") instanceof MapNode flux)) {
            return problems;
        }
        MapNode protectedSettings = flux.get("protectedSettings") instanceof MapNode p ? p : null;
        if (protectedSettings != null && protectedSettings.entries().containsKey("httpsUser")) {
            problems.add(new Problem(protectedSettings.entries().get("httpsUser").keyOrigin(), "flux.protectedSettings.httpsUser",
                    "the HTTPS user is not a secret and ARM does not read it from protected settings; set flux.gitRepository.httpsUser"
                            + " (plain text, or ${env:NAME}) and keep the token in flux.protectedSettings.httpsKey"));
        }
        if (!(flux.get("gitRepository") instanceof MapNode git)) {
            return problems;
        }
        checkRef(git, problems);
        String url = sourceUrl(config, flux);
        boolean https = url != null && url.toLowerCase(Locale.ROOT).startsWith("https://");
        boolean ssh = url != null && (url.startsWith("ssh://") || url.startsWith("git@"));
        // without an api-version the schema reports it missing
        String apiVersion = text(config, "azure", "apiVersions", "fluxConfigurations").orElse(null);
        for (var entry : git.entries().entrySet()) {
            String key = entry.getKey();
            if (key.equals("repositoryRef") || !(entry.getValue().value() instanceof ScalarNode) || apiVersion == null) {
                continue;
            }
            if (!ApiVersionFields.gitRepositoryHas(apiVersion, key)) {
                problems.add(new Problem(entry.getValue().keyOrigin(), "flux.gitRepository." + key, "fluxConfigurations api-version "
                        + apiVersion + " has no gitRepository." + key + "; use an api-version that has it ("
                        + ApiVersionFields.versionsWith(ApiVersionFields.FLUX_GIT_REPOSITORY, key) + ") in azure.apiVersions.fluxConfigurations"));
            }
        }
        String urlField = "repos." + source(flux).orElse("<source>") + ".url";
        scalar(git, "provider").filter(p -> p.text().equals("Azure")).ifPresent(provider -> {
            if (url != null && !https) {
                problems.add(new Problem(provider.origin(), "flux.gitRepository.provider", "provider Azure reaches Azure DevOps over"
                        + " HTTPS with the cluster's workload identity; " + urlField + " is not an https:// URL"));
            }
            List<String> conflicting = new ArrayList<>();
            for (String field : List.of("httpsUser", "localAuthRef")) {
                if (git.entries().containsKey(field)) {
                    conflicting.add("flux.gitRepository." + field);
                }
            }
            if (protectedSettings != null) {
                for (String field : List.of("httpsKey", "sshPrivateKey", "bearerToken")) {
                    if (protectedSettings.entries().containsKey(field)) {
                        conflicting.add("flux.protectedSettings." + field);
                    }
                }
            }
            if (!conflicting.isEmpty()) {
                problems.add(new Problem(provider.origin(), "flux.gitRepository.provider", "provider Azure authenticates with the"
                        + " cluster's workload identity, no PAT or key; remove " + String.join(", ", conflicting)));
            }
        });
        scalar(git, "sshKnownHosts").ifPresent(hosts -> {
            if (https) {
                problems.add(new Problem(hosts.origin(), "flux.gitRepository.sshKnownHosts", "known hosts are for an ssh:// or git@"
                        + " source; " + urlField + " is an https:// URL"));
            }
            knownHostsProblem(hosts.text()).ifPresent(why -> problems.add(new Problem(hosts.origin(),
                    "flux.gitRepository.sshKnownHosts", why + "; expected known_hosts lines such as 'github.com ssh-ed25519 AAAAC3Nza…'"
                            + " (as ssh-keyscan prints them)")));
        });
        scalar(git, "httpsCACert").ifPresent(ca -> {
            if (ssh) {
                problems.add(new Problem(ca.origin(), "flux.gitRepository.httpsCACert", "a CA certificate is for an https:// source; "
                        + urlField + " is an SSH URL"));
            }
            certificateProblem(ca.text()).ifPresent(why -> problems.add(new Problem(ca.origin(), "flux.gitRepository.httpsCACert",
                    why + "; expected PEM text (-----BEGIN CERTIFICATE----- … -----END CERTIFICATE-----), as a YAML block scalar")));
        });
        scalar(git, "httpsUser").ifPresent(user -> {
            if (ssh) {
                problems.add(new Problem(user.origin(), "flux.gitRepository.httpsUser", "an HTTPS user is for an https:// source; "
                        + urlField + " is an SSH URL"));
            } else if (protectedSettings == null || !protectedSettings.entries().containsKey("httpsKey")) {
                problems.add(new Problem(user.origin(), "flux.gitRepository.httpsUser", "an HTTPS user needs its password or token:"
                        + " set flux.protectedSettings.httpsKey to a reference (${env:NAME} or ${keyvault:VAULT/SECRET})"));
            }
        });
        return problems;
    }

    private static void checkRef(MapNode git, List<Problem> problems) {
        if (!(git.get("repositoryRef") instanceof MapNode ref)) {
            return;
        }
        List<String> set = REFS.stream().filter(r -> ref.entries().containsKey(r)).toList();
        if (set.size() > 1) {
            Origin second = ref.entries().get(set.get(1)).keyOrigin();
            problems.add(new Problem(second, "flux.gitRepository.repositoryRef", "sets " + String.join(" and ", set)
                    + "; set exactly one of tag, semver or commit (ARM's repositoryRef takes one; without any Flux reads"
                    + " repos.<source>.branch), and remove the others (--set flux.gitRepository.repositoryRef." + set.get(0) + "=null)"));
        }
    }

    /** The URL of the source repository; null when the source or its URL is missing (the schema reports that). */
    private static String sourceUrl(MapNode config, MapNode flux) {
        return source(flux).flatMap(source -> text(config, "repos", source, "url")).orElse(null);
    }

    private static java.util.Optional<String> source(MapNode flux) {
        return flux.get("source") instanceof ScalarNode s && s.value() != null ? java.util.Optional.of(s.text()) : java.util.Optional.empty();
    }

    static java.util.Optional<String> knownHostsProblem(String text) {
        int number = 0;
        int entries = 0;
        for (String line : text.split("\n")) {
            number++;
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            String[] fields = trimmed.split("\\s+");
            int first = fields[0].startsWith("@") ? 1 : 0; // @cert-authority / @revoked markers
            if (fields.length < first + 3) {
                return java.util.Optional.of("line " + number + " has no host, key type and key");
            }
            try {
                Base64.getDecoder().decode(fields[first + 2]);
            } catch (IllegalArgumentException e) {
                return java.util.Optional.of("line " + number + ": the key of host " + fields[first] + " is not base64");
            }
            entries++;
        }
        return entries == 0 ? java.util.Optional.of("holds no host key") : java.util.Optional.empty();
    }

    static java.util.Optional<String> certificateProblem(String pem) {
        if (!pem.strip().startsWith("-----BEGIN CERTIFICATE-----")) {
            return java.util.Optional.of("is not a PEM certificate");
        }
        try {
            var certificates = CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
            return certificates.isEmpty() ? java.util.Optional.of("holds no certificate") : java.util.Optional.empty();
        } catch (CertificateException e) {
            return java.util.Optional.of("does not parse as an X.509 certificate");
        }
    }

    private static java.util.Optional<ScalarNode> scalar(MapNode map, String key) {
        return map.get(key) instanceof ScalarNode s && s.value() instanceof String ? java.util.Optional.of(s) : java.util.Optional.empty();
    }

    static java.util.Optional<String> text(MapNode root, String... path) {
        ConfigNode node = root;
        for (String segment : path) {
            if (!(node instanceof MapNode map) || map.get(segment) == null) {
                return java.util.Optional.empty();
            }
            node = map.get(segment);
        }
        return node instanceof ScalarNode s && s.value() != null ? java.util.Optional.of(s.text()) : java.util.Optional.empty();
    }
}
