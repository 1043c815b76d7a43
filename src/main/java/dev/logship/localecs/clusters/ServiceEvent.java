package dev.logship.localecs.clusters;

import dev.logship.localecs.resources.Arns;
import java.util.List;

/** A service event line, as DescribeServices lists them. */
public final class ServiceEvent {
    public String id;
    public long createdAtMillis;
    public String message;

    static ServiceEvent of(String id, long now, String message) {
        ServiceEvent e = new ServiceEvent();
        e.id = id;
        e.createdAtMillis = now;
        e.message = message;
        return e;
    }

    /** "(task a) (task b)", as ECS lists tasks in its events. */
    public static String taskList(List<TaskState> tasks) {
        StringBuilder out = new StringBuilder();
        for (TaskState t : tasks) {
            out.append(out.length() == 0 ? "" : " ").append("(task ").append(Arns.lastSegment(t.arn)).append(")");
        }
        return out.toString();
    }
}
