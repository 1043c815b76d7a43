package dev.logship.testkit;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.SSLSession;

/**
 * A response standing for "no connection" (status 0, empty body), so that a test polling a
 * process that is starting, crashed or restarting can treat it like any other answer.
 */
record NoResponse(String path) implements HttpResponse<String> {
    public int statusCode() {
        return 0;
    }

    public HttpRequest request() {
        return null;
    }

    public Optional<HttpResponse<String>> previousResponse() {
        return Optional.empty();
    }

    public HttpHeaders headers() {
        return HttpHeaders.of(Map.of(), (a, b) -> true);
    }

    public String body() {
        return "";
    }

    public Optional<SSLSession> sslSession() {
        return Optional.empty();
    }

    public URI uri() {
        return URI.create("http://127.0.0.1/" + path);
    }

    public HttpClient.Version version() {
        return HttpClient.Version.HTTP_1_1;
    }
}
