package dev.logship.fluentbit.receivers;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;

/**
 * The AWS JSON 1.1 protocol CloudWatch Logs and Firehose speak: POST / with
 * {@code Content-Type: application/x-amz-json-1.1}, the operation in {@code X-Amz-Target}
 * ({@code Service_Version.Operation}), a SigV4 signature, a JSON body; errors as HTTP 400 with
 * {@code {"__type": ..., "message": ...}}.
 */
final class AwsJson {
    static final String CONTENT_TYPE = "application/x-amz-json-1.1";

    private AwsJson() {}

    /** Checks the envelope and returns the operation named after {@code targetPrefix} (e.g. {@code Logs_20140328.}). */
    static String operation(Request request, String targetPrefix, String service) throws Refusal {
        request.requireMethod("POST");
        request.requirePath("/");
        request.require("Content-Type", CONTENT_TYPE);
        String target = request.header("X-Amz-Target");
        if (target == null || !target.startsWith(targetPrefix)) {
            throw Refusal.of(400, "UnknownOperationException: X-Amz-Target " + target);
        }
        SigV4.verify(request, service);
        return target.substring(targetPrefix.length());
    }

    static JsonNode body(Request request) throws Refusal {
        try {
            JsonNode body = ArrivalLog.JSON.readTree(request.body());
            if (body == null || !body.isObject()) {
                throw Refusal.of(400, "SerializationException: the body is not a JSON object");
            }
            return body;
        } catch (IOException e) {
            throw Refusal.of(400, "SerializationException: " + e.getMessage());
        }
    }

    static String requireString(JsonNode body, String field) throws Refusal {
        JsonNode value = body.get(field);
        if (value == null || !value.isTextual() || value.asText().isEmpty()) {
            throw Refusal.of(400, "ValidationException: " + field + " is required");
        }
        return value.asText();
    }

    /** An error the service answers to a well-formed request (not counted as a protocol error). */
    static Refusal error(String type, String message) {
        return Refusal.expected(400, CONTENT_TYPE, "{\"__type\":\"" + type + "\",\"message\":\"" + message + "\"}",
                type + ": " + message);
    }

    /** An error for a request that breaks the API's rules (counted). */
    static Refusal invalid(String type, String message) {
        return new Refusal(400, CONTENT_TYPE, "{\"__type\":\"" + type + "\",\"message\":\"" + message.replace("\"", "'")
                + "\"}", type + ": " + message, true);
    }
}
