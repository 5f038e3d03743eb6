package io.aksflux.emulator;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * What {@code GET /aksflux-emulator/requests} answers: the requests answered so far, by method, the writes among them
 * ({@link RecordedRequest#isWrite}: PUT, DELETE, and POSTs that change something, a {@code kubectl apply} run command
 * included) and the run commands. A client takes the difference of two readings.
 */
final class RequestCounts {
    private RequestCounts() {
    }

    static ObjectNode of(List<RecordedRequest> requests) {
        Map<String, Integer> byMethod = new TreeMap<>();
        int writes = 0;
        int runCommands = 0;
        for (RecordedRequest r : requests) {
            byMethod.merge(r.method(), 1, Integer::sum);
            if (r.isWrite()) {
                writes++;
            }
            if (r.method().equals("POST") && r.path().toLowerCase(Locale.ROOT).endsWith("/runcommand")) {
                runCommands++;
            }
        }
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("requests", requests.size());
        body.put("writes", writes);
        body.put("runCommands", runCommands);
        ObjectNode methods = body.putObject("byMethod");
        byMethod.forEach(methods::put);
        return body;
    }
}
