package io.aksflux.emulator;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.aksflux.emulator.http.ArmRequest;
import io.aksflux.emulator.http.ArmResponse;

import java.io.IOException;
import java.io.UncheckedIOException;

/** Hands every request WireMock receives to the emulator's own router, and its answer back as WireMock's. */
final class RoutingTransformer implements ResponseDefinitionTransformerV2 {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final ArmService service;

    RoutingTransformer(ArmService service) {
        this.service = service;
    }

    @Override
    public ResponseDefinition transform(ServeEvent serveEvent) {
        Request request = serveEvent.getRequest();
        String baseUrl = request.getScheme() + "://" + request.getHost() + ":" + request.getPort();
        ArmResponse response = service.handle(ArmRequest.of(baseUrl, request.getMethod().getName(), request.getUrl(),
                request.getHeader("Authorization"), request.getBodyAsString()));
        if (response.dropped()) {
            // no status line, no headers: the client's read fails as on a connection the network dropped
            return ResponseDefinitionBuilder.responseDefinition().withFault(Fault.CONNECTION_RESET_BY_PEER).build();
        }
        ResponseDefinitionBuilder builder = ResponseDefinitionBuilder.responseDefinition().withStatus(response.status());
        response.headers().forEach(builder::withHeader);
        builder.withHeader("x-ms-request-id", java.util.UUID.randomUUID().toString());
        if (response.body() != null) {
            try {
                builder.withHeader("Content-Type", "application/json; charset=utf-8").withBody(JSON.writeValueAsBytes(response.body()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return builder.build();
    }

    @Override
    public boolean applyGlobally() {
        return true;
    }

    @Override
    public String getName() {
        return "aksflux-arm-router";
    }
}
