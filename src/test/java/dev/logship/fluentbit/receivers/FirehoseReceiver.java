package dev.logship.fluentbit.receivers;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Our own Kinesis Data Firehose front end, strict about PutRecordBatch as the service enforces it:
 * AWS JSON 1.1 ({@code Firehose_20150804.PutRecordBatch}) with SigV4 for service {@code firehose},
 * a delivery stream name by AWS's rules, 1 to 500 records, each record's Data valid base64 of at
 * most 1,000 KiB, at most 4 MiB in all. Each record's data (the forwarder's record as JSON) is
 * recorded with its stream.
 */
final class FirehoseReceiver extends Receiver {
    static final int MAX_RECORDS = 500;
    static final int MAX_RECORD_BYTES = 1_000 * 1024;
    static final int MAX_BATCH_BYTES = 4 * 1024 * 1024;
    private static final Pattern STREAM = Pattern.compile("[a-zA-Z0-9_.-]{1,64}");

    FirehoseReceiver(ArrivalLog log) {
        super(Destination.FIREHOSE, log);
    }

    @Override
    String requestIdHeader() {
        return "x-amzn-RequestId";
    }

    @Override
    Response receive(Request request) throws Refusal, IOException {
        String operation = AwsJson.operation(request, "Firehose_20150804.", "firehose");
        if (!operation.equals("PutRecordBatch")) {
            throw Refusal.of(400, "UnknownOperationException: " + operation + " is not one Fluent Bit should call");
        }
        JsonNode body = AwsJson.body(request);
        String stream = AwsJson.requireString(body, "DeliveryStreamName");
        if (!STREAM.matcher(stream).matches()) {
            throw AwsJson.invalid("ValidationException", "DeliveryStreamName " + stream + " breaks AWS's naming rules");
        }
        JsonNode records = body.path("Records");
        if (!records.isArray() || records.isEmpty() || records.size() > MAX_RECORDS) {
            throw AwsJson.invalid("ValidationException", "Records must hold 1 to 500 records, held " + records.size());
        }
        long total = 0;
        StringBuilder responses = new StringBuilder();
        String[] data = new String[records.size()];
        for (int i = 0; i < records.size(); i++) {
            byte[] bytes;
            try {
                bytes = Base64.getDecoder().decode(records.get(i).path("Data").asText(""));
            } catch (IllegalArgumentException e) {
                throw AwsJson.invalid("SerializationException", "Data is not base64: " + e.getMessage());
            }
            if (bytes.length == 0 || bytes.length > MAX_RECORD_BYTES) {
                throw AwsJson.invalid("ValidationException", "a record holds 1 byte to 1,000 KiB, held " + bytes.length);
            }
            total += bytes.length;
            data[i] = new String(bytes, StandardCharsets.UTF_8);
            responses.append(i == 0 ? "" : ",").append("{\"RecordId\":\"").append(stream).append('-').append(System.nanoTime())
                    .append("\"}");
        }
        if (total > MAX_BATCH_BYTES) {
            throw AwsJson.invalid("ValidationException", "batch of " + total + " bytes is over 4 MiB");
        }
        for (String record : data) {
            arrived(Map.of("deliveryStream", stream), Records.parse(record));
        }
        return new Response(200, AwsJson.CONTENT_TYPE, ("{\"FailedPutCount\":0,\"Encrypted\":false,\"RequestResponses\":["
                + responses + "]}").getBytes(StandardCharsets.UTF_8));
    }
}
