package dev.logship.render;

import java.util.List;

/** One Allow statement of an IAM policy: actions on resources (ARNs, possibly with wildcards). */
public record IamStatement(String sid, List<String> actions, List<String> resources) {
    public IamStatement {
        actions = List.copyOf(actions);
        resources = List.copyOf(resources);
    }
}
