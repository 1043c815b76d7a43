package dev.logship.manifest;

import dev.logship.model.Destination;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * Reads {@code spec.routes}: literal URIs, or one {@code uriFrom} secret, and (agent fluentBit)
 * typed destinations ({@link DestinationReader}). The two cannot be
 * mixed: logspout takes its routes either from its command or from {@code ROUTE_URIS}, and
 * the command wins, so a secret next to literal routes would be silently ignored. A secret's
 * value may itself hold several comma-separated URIs.
 */
final class RoutesReader {
    private static final List<String> ITEM = List.of("uriFrom");
    private static final List<String> STORES = List.of("ssm", "secretsManager");
    /** The uriFrom fields of the Fluent Bit form, where host and port come separately. */
    private static final List<String> SPLIT = List.of("scheme", "hostKey", "portKey", "hostSsm", "portSsm");
    private static final List<String> ALL_STORE_FIELDS = List.of("ssm", "secretsManager", "scheme", "hostKey", "portKey",
            "hostSsm", "portSsm");

    private RoutesReader() {}

    record Routes(List<String> literal, RouteSecret secret, List<Destination> destinations) {
        int count() {
            return literal.size() + (secret == null ? 0 : 1) + destinations.size();
        }
    }

    static Optional<Routes> read(Context context, Fields spec, Agent agent) {
        Optional<List<Node>> items = spec.required("routes", "a list of route URIs or {uriFrom: ...}")
                .flatMap(node -> Values.list(context, node, "spec.routes", "route URIs or {uriFrom: ...}"));
        if (items.isEmpty()) {
            return Optional.empty();
        }
        if (items.get().isEmpty()) {
            context.report(spec.positionOf("routes"), "spec.routes", "expected at least one route");
            return Optional.empty();
        }
        int before = context.problems().size();
        List<String> literal = new ArrayList<>();
        List<RouteSecret> secrets = new ArrayList<>();
        List<Destination> destinations = new ArrayList<>();
        for (int i = 0; i < items.get().size(); i++) {
            Node item = items.get().get(i);
            String field = "spec.routes[" + i + "]";
            if (item instanceof MappingNode mapping && DestinationReader.looksTyped(mapping)) {
                DestinationReader.read(context, item, field, agent).ifPresent(destinations::add);
            } else if (item instanceof MappingNode mapping && !onlyUriFrom(mapping)) {
                // Most often a literal route with a trailing ':' (HOST:PORT: parses as a key): never echo the keys.
                context.report(item, field, "expected a route URI string, {uriFrom: ...} or a destination " + DestinationReader.KINDS
                        + ", got a mapping with other "
                        + "keys (a ':' after HOST:PORT turns the route into a key)");
            } else if (item instanceof MappingNode) {
                secret(context, item, field, agent).ifPresent(secrets::add);
            } else {
                Values.string(context, item, field).ifPresent(uri -> RouteUris.check(uri, agent).ifPresentOrElse(
                        message -> context.report(item, field, message), () -> literal.add(uri)));
            }
        }
        if (!secrets.isEmpty() && items.get().size() - destinations.size() > 1) {
            context.report(spec.positionOf("routes"), "spec.routes", agent == Agent.FLUENT_BIT
                    ? "a uriFrom route must be the only route"
                    : "a uriFrom route must be the only route: logspout "
                    + "ignores ROUTE_URIS when it also has routes on its command line (put several URIs, "
                    + "comma-separated, in the one secret)");
        }
        if (context.problems().size() > before) {
            return Optional.empty();
        }
        return Optional.of(new Routes(literal, secrets.isEmpty() ? null : secrets.get(0), destinations));
    }

    private static boolean onlyUriFrom(MappingNode mapping) {
        return mapping.getValue().stream().allMatch(tuple ->
                tuple.getKeyNode() instanceof ScalarNode key && ITEM.contains(key.getValue()));
    }

    private static Optional<RouteSecret> secret(Context context, Node item, String field, Agent agent) {
        Optional<Node> from = Fields.of(context, item, field, ITEM)
                .flatMap(fields -> fields.required("uriFrom", "{ssm: PARAMETER} or {secretsManager: ARN}"));
        if (from.isEmpty()) {
            return Optional.empty();
        }
        Optional<Fields> store = Fields.of(context, from.get(), field + ".uriFrom", ALL_STORE_FIELDS);
        if (store.isEmpty()) {
            return Optional.empty();
        }
        Fields fields = store.get();
        if (agent == Agent.FLUENT_BIT) {
            return SplitRouteReader.read(context, fields, field + ".uriFrom");
        }
        for (String key : SPLIT) {
            if (fields.has(key)) {
                context.report(fields.positionOf(key), field + ".uriFrom." + key, key + " only applies to agent: "
                        + "fluentBit; logspout reads whole route URIs from ssm or secretsManager");
                return Optional.empty();
            }
        }
        if (fields.has("ssm") == fields.has("secretsManager")) {
            context.report(fields.position(), field + ".uriFrom", "expected exactly one of ssm or secretsManager");
            return Optional.empty();
        }
        if (fields.has("ssm")) {
            return fields.string("ssm")
                    .filter(name -> fields.check("ssm", EcsRules.ssmParameter(name)))
                    .map(name -> new RouteSecret(RouteSecret.Store.SSM, name));
        }
        return fields.string("secretsManager")
                .filter(arn -> fields.check("secretsManager", EcsRules.secretArn(arn)))
                .map(arn -> new RouteSecret(RouteSecret.Store.SECRETS_MANAGER, arn));
    }
}
