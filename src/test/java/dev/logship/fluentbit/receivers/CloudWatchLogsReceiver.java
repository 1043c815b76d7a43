package dev.logship.fluentbit.receivers;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Our own CloudWatch Logs front end (no Java one is on Maven Central), strict about what the real
 * service enforces: AWS JSON 1.1 with SigV4 for service {@code logs}; log group and stream names
 * by AWS's rules; PutLogEvents only into an existing group and stream, at most 10,000 events and
 * 1,048,576 bytes (each message's UTF-8 bytes plus 26), messages not empty, timestamps in
 * chronological order and within 24 hours of each other. Each event's message is recorded
 * (parsed as JSON when it is JSON) with its group and stream.
 */
final class CloudWatchLogsReceiver extends Receiver {
    static final int MAX_EVENTS = 10_000;
    static final int MAX_BYTES = 1_048_576;
    static final int EVENT_OVERHEAD = 26;
    private static final Pattern GROUP = Pattern.compile("[.\\-_/#A-Za-z0-9]{1,512}");
    private static final Pattern STREAM = Pattern.compile("[^:*]{1,512}");
    private static final Set<Integer> RETENTION_DAYS = Set.of(1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545,
            731, 1096, 1827, 2192, 2557, 2922, 3288, 3653);
    private final Map<String, Set<String>> groups = new ConcurrentHashMap<>();

    CloudWatchLogsReceiver(ArrivalLog log) {
        super(Destination.CLOUDWATCH_LOGS, log);
    }

    @Override
    String requestIdHeader() {
        return "x-amzn-RequestId";
    }

    @Override
    Response receive(Request request) throws Refusal, IOException {
        String operation = AwsJson.operation(request, "Logs_20140328.", "logs");
        JsonNode body = AwsJson.body(request);
        String group = AwsJson.requireString(body, "logGroupName");
        if (!GROUP.matcher(group).matches()) {
            throw AwsJson.invalid("InvalidParameterException", "logGroupName " + group + " breaks AWS's naming rules");
        }
        switch (operation) {
            case "CreateLogGroup" -> {
                if (groups.putIfAbsent(group, ConcurrentHashMap.newKeySet()) != null) {
                    throw AwsJson.error("ResourceAlreadyExistsException", "The specified log group already exists");
                }
                log.call(destination, operation, Map.of("logGroupName", group));
            }
            case "PutRetentionPolicy" -> {
                int days = body.path("retentionInDays").asInt(-1);
                if (!RETENTION_DAYS.contains(days)) {
                    throw AwsJson.invalid("InvalidParameterException", "retentionInDays " + days + " is not allowed");
                }
                existing(group);
                log.call(destination, operation, Map.of("logGroupName", group, "retentionInDays", days));
            }
            case "CreateLogStream" -> {
                String stream = stream(body);
                if (!existing(group).add(stream)) {
                    throw AwsJson.error("ResourceAlreadyExistsException", "The specified log stream already exists");
                }
                log.call(destination, operation, Map.of("logGroupName", group, "logStreamName", stream));
            }
            case "PutLogEvents" -> {
                String stream = stream(body);
                if (!existing(group).contains(stream)) {
                    throw AwsJson.error("ResourceNotFoundException", "The specified log stream does not exist.");
                }
                putLogEvents(group, stream, body.path("logEvents"));
                return Response.json(200, "{\"nextSequenceToken\":\"" + System.nanoTime() + "\"}");
            }
            default -> throw Refusal.of(400, "UnknownOperationException: " + operation + " is not one Fluent Bit should call");
        }
        return Response.json(200, "{}");
    }

    private Set<String> existing(String group) throws Refusal {
        Set<String> streams = groups.get(group);
        if (streams == null) {
            throw AwsJson.error("ResourceNotFoundException", "The specified log group does not exist.");
        }
        return streams;
    }

    private static String stream(JsonNode body) throws Refusal {
        String stream = AwsJson.requireString(body, "logStreamName");
        if (!STREAM.matcher(stream).matches()) {
            throw AwsJson.invalid("InvalidParameterException", "logStreamName " + stream + " breaks AWS's naming rules");
        }
        return stream;
    }

    private void putLogEvents(String group, String stream, JsonNode events) throws Refusal {
        if (!events.isArray() || events.isEmpty() || events.size() > MAX_EVENTS) {
            throw AwsJson.invalid("InvalidParameterException", "logEvents must hold 1 to 10,000 events, held " + events.size());
        }
        long bytes = 0;
        long previous = Long.MIN_VALUE;
        long first = events.get(0).path("timestamp").asLong();
        for (JsonNode event : events) {
            String message = event.path("message").asText("");
            long timestamp = event.path("timestamp").asLong(-1);
            if (message.isEmpty() || timestamp < 0) {
                throw AwsJson.invalid("InvalidParameterException", "an event needs a message and a timestamp: " + event);
            }
            if (timestamp < previous) {
                throw AwsJson.invalid("InvalidParameterException", "Log events in a single PutLogEvents request must be "
                        + "in chronological order");
            }
            if (timestamp - first > 24L * 3600 * 1000) {
                throw AwsJson.invalid("InvalidParameterException", "a batch may not span more than 24 hours");
            }
            previous = timestamp;
            bytes += message.getBytes(StandardCharsets.UTF_8).length + EVENT_OVERHEAD;
        }
        if (bytes > MAX_BYTES) {
            throw AwsJson.invalid("InvalidParameterException", "batch of " + bytes + " bytes is over 1,048,576");
        }
        for (JsonNode event : events) {
            arrived(Map.of("logGroup", group, "logStream", stream), Records.parse(event.path("message").asText()));
        }
    }
}
