package dev.logship.reliability;

import java.net.URI;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ecs.EcsClient;

/** A plain SDK client on a local endpoint, as a person checking ECS by hand would use. */
final class EcsClientFor {
    private EcsClientFor() {}

    static EcsClient local(URI endpoint) {
        return EcsClient.builder().endpointOverride(endpoint).region(Region.of(Fleet.REGION)).credentialsProvider(EcsRig.CREDENTIALS)
                .httpClient(UrlConnectionHttpClient.create()).build();
    }
}
