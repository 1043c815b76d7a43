package dev.logship.fluentbit.receivers;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

/**
 * Our own S3 front end for the calls Fluent Bit's s3 output makes (Java S3 servers on Maven
 * Central bring a second Jetty onto the test class path): path-style PutObject and the multipart
 * upload (CreateMultipartUpload, UploadPart, CompleteMultipartUpload), SigV4 for service
 * {@code s3} with {@code x-amz-content-sha256} checked against the body, only into the buckets
 * that exist ({@code NoSuchBucket} otherwise), parts other than the last at least 5 MiB and the
 * completed ETags matching the parts. Each line of a completed object is recorded with its bucket
 * and key (gzip undone when the object is gzip-encoded).
 */
final class S3Receiver extends Receiver {
    static final int MIN_PART = 5 * 1024 * 1024;
    private static final Pattern PART = Pattern.compile("<PartNumber>(\\d+)</PartNumber>\\s*<ETag>([^<]+)</ETag>");
    private final Set<String> buckets;
    private final Map<String, Upload> uploads = new ConcurrentHashMap<>();

    private record Upload(String bucket, String key, boolean gzip, Map<Integer, byte[]> parts) {}

    S3Receiver(ArrivalLog log, Set<String> buckets) {
        super(Destination.S3, log);
        this.buckets = Set.copyOf(buckets);
    }

    @Override
    String requestIdHeader() {
        return "x-amz-request-id";
    }

    @Override
    Response receive(Request request) throws Refusal, IOException {
        SigV4.verify(request, "s3");
        String[] path = request.rawPath().substring(1).split("/", 2);
        if (path.length < 2 || path[1].isEmpty()) {
            throw Refusal.of(400, "expected path-style /bucket/key, got " + request.rawPath());
        }
        String bucket = path[0];
        String key = URLDecoder.decode(path[1].replace("+", "%2B"), StandardCharsets.UTF_8);
        if (!buckets.contains(bucket)) {
            throw Refusal.expected(404, "application/xml", error("NoSuchBucket", bucket), "NoSuchBucket " + bucket);
        }
        Map<String, String> query = query(request.rawQuery());
        boolean gzip = "gzip".equalsIgnoreCase(request.header("Content-Encoding"));
        if (request.method().equals("PUT") && query.isEmpty()) {
            store(bucket, key, request.rawBody(), gzip);
            return etag(request.rawBody());
        }
        if (request.method().equals("POST") && query.containsKey("uploads")) {
            String id = "upload-" + System.nanoTime();
            uploads.put(id, new Upload(bucket, key, gzip, new ConcurrentHashMap<>()));
            return xml("<InitiateMultipartUploadResult><Bucket>" + bucket + "</Bucket><Key>" + key + "</Key><UploadId>" + id
                    + "</UploadId></InitiateMultipartUploadResult>", Map.of());
        }
        Upload upload = uploads.get(query.getOrDefault("uploadId", ""));
        if (upload == null || !upload.bucket().equals(bucket) || !upload.key().equals(key)) {
            throw Refusal.of(404, "NoSuchUpload: " + query);
        }
        if (request.method().equals("PUT") && query.containsKey("partNumber")) {
            upload.parts().put(Integer.parseInt(query.get("partNumber")), request.rawBody());
            return etag(request.rawBody());
        }
        if (request.method().equals("POST")) {
            return complete(upload, request.text());
        }
        throw Refusal.of(400, "unexpected S3 call " + request.method() + " " + request.rawPath() + "?" + request.rawQuery());
    }

    private Response complete(Upload upload, String body) throws Refusal, IOException {
        ByteArrayOutputStream whole = new ByteArrayOutputStream();
        Matcher m = PART.matcher(body);
        List<Map.Entry<Integer, String>> listed = m.results().map(r -> Map.entry(Integer.parseInt(r.group(1)), r.group(2)))
                .toList();
        if (listed.isEmpty() || listed.size() != upload.parts().size()) {
            throw Refusal.of(400, "InvalidPart: CompleteMultipartUpload lists " + listed.size() + " of "
                    + upload.parts().size() + " parts");
        }
        for (int i = 0; i < listed.size(); i++) {
            byte[] part = upload.parts().get(listed.get(i).getKey());
            if (part == null || !listed.get(i).getValue().replace("&quot;", "\"").equals(md5Tag(part))) {
                throw Refusal.of(400, "InvalidPart: part " + listed.get(i).getKey() + " ETag does not match");
            }
            if (i < listed.size() - 1 && part.length < MIN_PART) {
                throw Refusal.of(400, "EntityTooSmall: part " + listed.get(i).getKey() + " is " + part.length + " bytes");
            }
            whole.write(part);
        }
        store(upload.bucket(), upload.key(), whole.toByteArray(), upload.gzip());
        return xml("<CompleteMultipartUploadResult><Bucket>" + upload.bucket() + "</Bucket><Key>" + upload.key()
                + "</Key><ETag>" + md5Tag(whole.toByteArray()) + "</ETag></CompleteMultipartUploadResult>", Map.of());
    }

    private void store(String bucket, String key, byte[] raw, boolean gzip) throws IOException {
        byte[] content = raw;
        if (gzip) {
            try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(raw))) {
                content = in.readAllBytes();
            }
        }
        log.call(destination, "PutObject", Map.of("bucket", bucket, "key", key, "bytes", raw.length));
        for (String line : new String(content, StandardCharsets.UTF_8).split("\n")) {
            if (!line.isBlank()) {
                arrived(Map.of("bucket", bucket, "key", key), Records.parse(line));
            }
        }
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> out = new TreeMap<>();
        for (String pair : raw.split("&")) {
            if (!pair.isEmpty()) {
                int eq = pair.indexOf('=');
                out.put(eq < 0 ? pair : pair.substring(0, eq), eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1),
                        StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    private static Response etag(byte[] body) {
        return new Response(200, "application/xml", new byte[0], Map.of("ETag", md5Tag(body)));
    }

    private static Response xml(String body, Map<String, String> headers) {
        return new Response(200, "application/xml", ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>" + body)
                .getBytes(StandardCharsets.UTF_8), headers);
    }

    private static String error(String code, String resource) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>" + code + "</Code><Message>" + code
                + "</Message><Resource>" + resource + "</Resource></Error>";
    }

    private static String md5Tag(byte[] data) {
        try {
            return "\"" + HexFormat.of().formatHex(java.security.MessageDigest.getInstance("MD5").digest(data)) + "\"";
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
