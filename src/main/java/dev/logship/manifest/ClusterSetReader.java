package dev.logship.manifest;

import dev.logship.model.ClusterSet;
import dev.logship.model.LabelSelector;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.Node;

/** Reads the spec of a {@code kind: ClusterSet}: accounts (role per account), regions, tag selector, labels and defaults. */
final class ClusterSetReader {
    static final List<String> FIELDS = List.of("accounts", "regions", "tagSelector", "labelsFromTags", "labels", "defaults");
    private static final List<String> ACCOUNT = List.of("id", "roleArn");
    private static final List<String> DEFAULTS = List.of("prune", "allowEmpty", "suspend");
    private static final Pattern ROLE_ACCOUNT = Pattern.compile("arn:aws[a-z-]*:iam::(\\d{12}):role/.+");

    private ClusterSetReader() {}

    static Optional<ClusterSetManifest> read(Context context, String name, Position position, Node spec) {
        Optional<Fields> maybe = Fields.of(context, spec, "spec", FIELDS);
        if (maybe.isEmpty()) {
            return Optional.empty();
        }
        Fields fields = maybe.get();
        List<ClusterSet.Account> accounts = new ArrayList<>();
        fields.required("accounts", "a list of {roleArn} or {id}")
                .flatMap(node -> Values.list(context, node, "spec.accounts", "{roleArn, id}")).ifPresent(items -> {
                    for (int i = 0; i < items.size(); i++) {
                        account(context, items.get(i), "spec.accounts[" + i + "]").ifPresent(accounts::add);
                    }
                });
        if (accounts.isEmpty() && fields.has("accounts")) {
            context.report(fields.positionOf("accounts"), "spec.accounts", "expected at least one account");
        }
        List<String> regions = fields.required("regions", "a list of AWS regions such as us-east-1")
                .flatMap(node -> Values.stringList(context, node, "spec.regions")).orElse(List.of());
        for (String region : regions) {
            fields.check("regions", EcsRules.region(region));
        }
        if (regions.isEmpty() && fields.has("regions")) {
            context.report(fields.positionOf("regions"), "spec.regions", "expected at least one region");
        }
        LabelSelector tags = fields.get("tagSelector").flatMap(n -> SelectorReader.read(context, n, "spec.tagSelector"))
                .orElse(LabelSelector.of(Map.of()));
        Map<String, String> fromTags = labelsFromTags(context, fields);
        Map<String, String> labels = fields.get("labels").map(n -> LabelsReader.read(context, n, "spec.labels")).orElse(Map.of());
        Fields defaults = fields.get("defaults").flatMap(n -> Fields.of(context, n, "spec.defaults", DEFAULTS)).orElse(null);
        boolean prune = defaults == null || defaults.bool("prune").orElse(true);
        boolean allowEmpty = defaults != null && defaults.bool("allowEmpty").orElse(false);
        boolean suspend = defaults != null && defaults.bool("suspend").orElse(false);
        if (name == null) {
            return Optional.empty();
        }
        return Optional.of(new ClusterSetManifest(new ClusterSet(name, accounts, regions, tags, new TreeMap<>(fromTags),
                new TreeMap<>(labels), prune, allowEmpty, suspend), position));
    }

    /** {@code {roleArn}} (its account is the ARN's) or {@code {id}} (the ambient credentials must be that account's). */
    private static Optional<ClusterSet.Account> account(Context context, Node node, String field) {
        Optional<Fields> maybe = Fields.of(context, node, field, ACCOUNT);
        if (maybe.isEmpty()) {
            return Optional.empty();
        }
        Fields fields = maybe.get();
        String role = fields.string("roleArn").orElse(null);
        String id = fields.get("id").flatMap(n -> Values.scalarText(context, n, field + ".id")).orElse(null);
        Matcher m = role == null ? null : ROLE_ACCOUNT.matcher(role);
        if (role != null && !m.matches()) {
            context.report(fields.positionOf("roleArn"), field + ".roleArn",
                    "expected an IAM role ARN arn:aws:iam::<12-digit account>:role/<name>");
            return Optional.empty();
        }
        if (id != null && !id.matches("\\d{12}")) {
            context.report(fields.positionOf("id"), field + ".id", "expected a 12-digit AWS account id (quoted: \"012345678901\")");
            return Optional.empty();
        }
        if (role != null && id != null && !id.equals(m.group(1))) {
            context.report(fields.positionOf("id"), field + ".id", "account " + id + " is not the account of roleArn (" + m.group(1) + ")");
            return Optional.empty();
        }
        if (role == null && id == null) {
            context.report(fields.position(), field, "expected roleArn (assumed in its account) or id (the ambient credentials' account)");
            return Optional.empty();
        }
        return Optional.of(new ClusterSet.Account(id != null ? id : m.group(1), role));
    }

    /** Label key to the tag key whose value becomes that label. */
    private static Map<String, String> labelsFromTags(Context context, Fields fields) {
        Map<String, String> out = new TreeMap<>();
        fields.get("labelsFromTags").flatMap(n -> Values.stringMap(context, n, "spec.labelsFromTags")).ifPresent(entries ->
                entries.forEach((key, tag) -> {
                    if (LabelsReader.valid(key.getValue(), "x")) {
                        out.put(key.getValue(), tag);
                    } else {
                        context.report(key, "spec.labelsFromTags." + key.getValue(), "label key \"" + key.getValue()
                                + "\" is not valid: expected at most 63 letters, numbers, - _ or . after an optional DNS prefix and /");
                    }
                }));
        return out;
    }
}
