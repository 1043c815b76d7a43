package dev.logship.localecs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.logship.localecs.faults.Faults;
import dev.logship.localecs.http.Json;
import java.io.IOException;

/**
 * Admin API under {@value #PREFIX}: reset, node counts, container health, Managed Instances capacity providers,
 * faults, stale cluster counters, throttling and call counts,
 * so tests and benchmarks can steer the endpoint and assert how many calls a run made.
 */
final class AdminHandler implements HttpHandler {
    static final String PREFIX = "/_localecs/";
    private final LocalEcsServer server;

    AdminHandler(LocalEcsServer server) {
        this.server = server;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try {
            String path = exchange.getRequestURI().getPath().substring(PREFIX.length());
            boolean write = !exchange.getRequestMethod().equals("GET");
            JsonNode body = readBody(exchange);
            ObjectNode out = switch ((write ? "POST " : "GET ") + path) {
                case "GET health" -> Json.object().put("status", "ok");
                case "GET state" -> (ObjectNode) Json.MAPPER.readTree(server.stateJson());
                case "POST reset" -> { server.reset(); yield Json.object().put("reset", true); }
                case "GET calls" -> calls();
                case "POST calls/reset" -> { server.resetCallCounts(); yield calls(); }
                case "GET nodes" -> nodes();
                case "POST nodes" -> {
                    server.setNodeCount(required(body, "cluster").asText(), required(body, "count").asInt());
                    yield nodes();
                }
                case "POST nodes/agent" -> Json.object().put("changed", server.setAgentConnected(
                        required(body, "cluster").asText(), required(body, "count").asInt(), required(body, "connected").asBoolean()));
                case "POST tasks/health" -> Json.object().put("tasks", server.setContainerHealth(required(body, "cluster").asText(),
                        body.hasNonNull("task") ? body.get("task").asText() : null, required(body, "healthStatus").asText()));
                case "POST capacity-providers" -> {
                    server.setManagedInstances(required(body, "cluster").asText(), required(body, "name").asText(),
                            required(body, "instances").asInt());
                    yield nodes();
                }
                case "POST clusters" -> {
                    server.createCluster(required(body, "name").asText(), required(body, "account").asText(),
                            required(body, "region").asText(), strings(body.get("tags")), body.path("nodes").asInt(0));
                    yield nodes();
                }
                case "POST clusters/delete" -> { server.deleteCluster(required(body, "name").asText()); yield nodes(); }
                case "POST clusters/tags" -> {
                    java.util.List<String> remove = new java.util.ArrayList<>();
                    body.path("remove").forEach(key -> remove.add(key.asText()));
                    server.tagCluster(required(body, "name").asText(), strings(body.get("tags")), remove);
                    yield nodes();
                }
                case "GET denied" -> denied();
                case "POST denied" -> {
                    java.util.List<String> ids = new java.util.ArrayList<>();
                    body.path("accounts").forEach(id -> ids.add(id.asText()));
                    server.denyAccounts(ids);
                    yield denied();
                }
                case "GET faults" -> faults();
                case "POST faults" -> {
                    server.setFaults(new Faults(body.path("throttleShare").asDouble(0), body.path("serverErrorShare").asDouble(0),
                            body.path("dropShare").asDouble(0), body.path("latencyMillis").asLong(0)));
                    yield faults();
                }
                case "GET counters" -> Json.object().put("stale", server.staleCounters());
                case "POST counters" -> {
                    server.setStaleCounters(required(body, "stale").asBoolean());
                    yield Json.object().put("stale", server.staleCounters());
                }
                case "GET throttling" -> Json.object().put("enabled", server.throttling());
                case "POST throttling" -> {
                    server.setThrottling(required(body, "enabled").asBoolean());
                    yield Json.object().put("enabled", server.throttling());
                }
                default -> null;
            };
            if (out == null) {
                send(exchange, 404, Json.object().put("message", "unknown admin path " + exchange.getRequestMethod()
                        + " " + PREFIX + path + "; see docs/local-ecs.md"));
            } else {
                send(exchange, 200, out);
            }
        } catch (IllegalArgumentException e) {
            send(exchange, 400, Json.object().put("message", e.getMessage()));
        } finally {
            exchange.close();
        }
    }

    private ObjectNode calls() {
        ObjectNode out = Json.object();
        ObjectNode all = out.putObject("calls");
        server.callCounts().forEach(all::put);
        ObjectNode errors = out.putObject("errors");
        server.errorCounts().forEach(errors::put);
        ObjectNode accounts = out.putObject("accounts");
        server.callCountsByAccount().forEach((account, counts) -> counts.forEach(accounts.putObject(account)::put));
        ObjectNode sts = out.putObject("sts");
        server.stsCallCounts().forEach(sts::put);
        return out;
    }

    private ObjectNode nodes() {
        ObjectNode out = Json.object();
        server.nodeCounts().forEach(out::put);
        return out;
    }

    private ObjectNode denied() {
        ObjectNode out = Json.object();
        server.deniedAccounts().forEach(out.putArray("accounts")::add);
        return out;
    }

    private ObjectNode faults() {
        return Json.MAPPER.valueToTree(server.faults());
    }

    private static java.util.Map<String, String> strings(JsonNode node) {
        java.util.Map<String, String> out = new java.util.LinkedHashMap<>();
        if (node != null) {
            node.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
        }
        return out;
    }

    private static JsonNode required(JsonNode body, String field) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            throw new IllegalArgumentException("missing field '" + field + "' in admin request body");
        }
        return node;
    }

    private static JsonNode readBody(HttpExchange exchange) throws IOException {
        byte[] bytes = exchange.getRequestBody().readAllBytes();
        if (bytes.length == 0) {
            return Json.object();
        }
        try {
            return Json.MAPPER.readTree(bytes);
        } catch (IOException e) {
            throw new IllegalArgumentException("admin request body is not valid JSON: " + e.getMessage());
        }
    }

    private static void send(HttpExchange exchange, int status, ObjectNode body) throws IOException {
        byte[] bytes = Json.MAPPER.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }
}
