package io.aksflux.cli;

import io.aksflux.arm.ArmGateway;
import io.aksflux.azure.ArmConnection;
import io.aksflux.secret.SecretSource;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/** How commands that talk to Azure reach it. Credentials come only from the environment, never from options. */
public final class ArmOptions implements CommandFactory.NeedsContext {
    private CliContext context;

    @Option(names = "--arm-endpoint", paramLabel = "URL", converter = EndpointConverter.class,
            description = "Azure Resource Manager endpoint (default: AKSFLUX_ARM_ENDPOINT, else https://management.azure.com).")
    String endpoint;

    @Option(names = "--ca-file", paramLabel = "PEM",
            description = "Also trust the CA certificates in this PEM file (default: AKSFLUX_CA_FILE), e.g. the emulator's.")
    Path caFile;

    /** Refuses a malformed endpoint while parsing, with the allowed form, before anything is read or sent. */
    static final class EndpointConverter implements picocli.CommandLine.ITypeConverter<String> {
        @Override
        public String convert(String value) {
            try {
                ArmConnection.endpoint(value, "--arm-endpoint");
            } catch (io.aksflux.error.UsageException e) {
                throw new picocli.CommandLine.TypeConversionException(e.getMessage());
            }
            return value;
        }
    }

    @Override
    public void context(CliContext context) {
        this.context = context;
    }

    ArmGateway gateway() {
        return adapters().arm(endpoint, caFile);
    }

    /** Key Vault for {@code ${keyvault:...}} protected settings, reached with the same CA option and credentials. */
    SecretSource keyVault() {
        return adapters().keyVault(endpoint, caFile);
    }

    /** The deploy-key options of apply: GitHub's API reached like ARM, and whether a pipeline runs it. */
    io.aksflux.apply.DeployKeyOptions deployKeys(boolean rotate, boolean registered) {
        Adapters adapters = adapters();
        return new io.aksflux.apply.DeployKeyOptions(adapters.github(endpoint, caFile), rotate, registered, adapters.inPipeline());
    }

    Adapters adapters() {
        return new Adapters(context);
    }

    CliContext context() {
        return context;
    }

    /** Progress on the command's stderr, in Azure DevOps' log format inside a pipeline. */
    ConsoleProgress progress(picocli.CommandLine.Model.CommandSpec spec) {
        return ConsoleProgress.of(spec, context);
    }
}
