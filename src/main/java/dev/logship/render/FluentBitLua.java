package dev.logship.render;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The pipeline's one Lua filter, inline in the command (no config file in the image). Per record:
 * <ul>
 *   <li>drops the forwarder's own logs (its task family, so it never loops) and excluded containers;</li>
 *   <li>removes Docker's trailing newline and encodes the inner newlines of a merged stack trace as
 *       U+2028 LINE SEPARATOR, so a receiver that frames by newline (Papertrail) gets one message;</li>
 *   <li>app = ECS container name (ecs filter), or {@code docker-SHORTID} when the agent does not
 *       know the container; host = the node's name from its /etc/hostname; severity 3 (err) for
 *       stderr, 6 (info) for stdout.</li>
 *   <li>with typed routes ({@code fields}), also the fields their templates and routing read:
 *       stream, cluster, container, task_family, instance ({@link RecordFields}); '-' when the
 *       ECS agent does not know the container.</li>
 * </ul>
 */
final class FluentBitLua {
    static final String FUNCTION = "logship";
    /** U+2028 in UTF-8, the encoding of a newline inside one message. */
    static final String LINE_SEPARATOR = "\u2028";

    private FluentBitLua() {}

    /** Names are ECS container names and the family a logship name: [A-Za-z0-9_-] only, no escaping needed. */
    static String code(String ownFamily, List<String> excluded, String hostnameFile) {
        return code(ownFamily, excluded, hostnameFile, false);
    }

    static String code(String ownFamily, List<String> excluded, String hostnameFile, boolean fields) {
        String record = fields
                ? "  return 1, ts, {message = msg, host = host, app = name, severity = severity, stream = r['stream'],"
                + " cluster = r['ecs_cluster'] or '-', container = name, task_family = r['ecs_task_family'] or '-',"
                + " instance = r['ecs_instance'] or '-'}"
                : "  return 1, ts, {message = msg, host = host, app = name, severity = severity}";
        String set = excluded.stream().map(n -> "[\"" + n + "\"]=true").collect(Collectors.joining(","));
        return String.join(" ",
                "local host = '-'",
                "local f = io.open('" + hostnameFile + "', 'r')",
                "if f then host = f:read('*l') or host f:close() end",
                "if host == '' then host = '-' end",
                "local own = '" + ownFamily + "'",
                "local excluded = {" + set + "}",
                "function " + FUNCTION + "(tag, ts, r)",
                "  local name = r['ecs_container_name']",
                "  if r['ecs_task_family'] == own or (name ~= nil and excluded[name]) then return -1, ts, r end",
                "  local msg = (string.gsub(r['log'] or '', '\\r?\\n$', ''))",
                "  msg = (string.gsub(msg, '\\r?\\n', '\\226\\128\\168'))",
                "  if name == nil or name == '' then name = 'docker-' .. (string.match(tag, 'containers%.(%x%x%x%x%x%x%x%x%x%x%x%x)') or '-') end",
                "  local severity = 6",
                "  if r['stream'] == 'stderr' then severity = 3 end",
                record,
                "end");
    }
}
