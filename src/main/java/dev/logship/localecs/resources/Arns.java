package dev.logship.localecs.resources;

/** ECS's long ARN formats, and the short names or ARNs callers may pass instead. */
public final class Arns {
    private final String account;

    public Arns(String account) {
        this.account = account;
    }

    public String account() {
        return account;
    }

    public String cluster(String region, String name) {
        return prefix(region) + "cluster/" + name;
    }

    public String service(String region, String cluster, String name) {
        return prefix(region) + "service/" + cluster + "/" + name;
    }

    public String taskDefinition(String region, String family, int revision) {
        return prefix(region) + "task-definition/" + family + ":" + revision;
    }

    public String containerInstance(String region, String cluster, String id) {
        return prefix(region) + "container-instance/" + cluster + "/" + id;
    }

    public String task(String region, String cluster, String id) {
        return prefix(region) + "task/" + cluster + "/" + id;
    }

    public String container(String region, String cluster, String taskId, String id) {
        return prefix(region) + "container/" + cluster + "/" + taskId + "/" + id;
    }

    public String root() {
        return "arn:aws:iam::" + account + ":root";
    }

    private String prefix(String region) {
        return "arn:aws:ecs:" + region + ":" + account + ":";
    }

    /** The last path segment of an ARN, or the value itself when it is a plain name. */
    public static String lastSegment(String nameOrArn) {
        if (!nameOrArn.startsWith("arn:")) {
            return nameOrArn;
        }
        return nameOrArn.substring(nameOrArn.lastIndexOf('/') + 1);
    }

    /** The resource part of an ARN after its type, e.g. "service/CLUSTER/NAME" -> "CLUSTER/NAME". */
    static String resource(String arn) {
        String[] parts = arn.split(":", 6);
        String rest = parts.length == 6 ? parts[5] : arn;
        int slash = rest.indexOf('/');
        return slash < 0 ? rest : rest.substring(slash + 1);
    }

    /** The region an ARN names, or null when it is not an ARN. */
    public static String region(String arn) {
        String[] parts = arn.split(":", 6);
        return parts.length == 6 && parts[0].equals("arn") ? parts[3] : null;
    }
}
