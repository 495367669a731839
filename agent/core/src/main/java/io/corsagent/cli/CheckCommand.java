package io.corsagent.cli;

import java.io.PrintStream;
import java.nio.file.Paths;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;

import io.corsagent.policy.LoadResult;
import io.corsagent.policy.PolicyLoader;
import io.corsagent.policy.Problem;

/** {@code check policy.properties [--json]}: every problem of a policy file, and whether it can be used. */
public final class CheckCommand implements Command {

    @Override
    public String name() {
        return "check";
    }

    @Override
    public String summary() {
        return "validate a policy file and list every problem";
    }

    @Override
    public String help() {
        return "Usage: java -jar cors-agent.jar check <policy.properties> [--json]\n"
                + "\n"
                + "Validates a policy file the way the agent does when it loads it, and lists every error and\n"
                + "warning at once as file:line: severity: key: message (fix: ...). A policy with errors is never\n"
                + "used by the agent; warnings flag risky but legal choices.\n"
                + "\n"
                + "Options:\n"
                + "  --json   one JSON object: {\"file\", \"valid\", \"errors\": [...], \"warnings\": [...]},\n"
                + "           each problem with line, key, message and fix\n"
                + "\n"
                + "Exit codes: 0 valid (warnings allowed), 1 invalid or unreadable, 2 wrong usage.\n";
    }

    @Override
    public int run(List<String> arguments, PrintStream out, PrintStream err) throws UsageException {
        Arguments parsed = Arguments.parse(arguments, new HashSet<>(Collections.singletonList("--json")),
                Collections.<String>emptySet());
        if (parsed.positionals().size() != 1) {
            throw new UsageException(parsed.positionals().isEmpty() ? "name the policy file to check"
                    : "check takes one policy file, not " + parsed.positionals().size());
        }
        LoadResult result = PolicyLoader.load(Paths.get(parsed.positionals().get(0)));
        if (parsed.has("--json")) {
            out.println(json(result));
        } else {
            for (Problem problem : result.problems()) {
                out.println(problem);
            }
            out.println(summary(result));
        }
        return result.isValid() ? 0 : 1;
    }

    private static String summary(LoadResult result) {
        int warnings = result.warnings().size();
        String warningText = warnings + (warnings == 1 ? " warning" : " warnings");
        if (result.isValid()) {
            return result.source() + ": valid" + (warnings == 0 ? "" : ", " + warningText);
        }
        int errors = result.errors().size();
        return result.source() + ": invalid, " + errors + (errors == 1 ? " error" : " errors") + ", " + warningText
                + "; the agent would not use it";
    }

    static String json(LoadResult result) {
        return "{\"file\":" + Json.string(result.source()) + ",\"valid\":" + result.isValid()
                + ",\"errors\":" + problems(result.errors()) + ",\"warnings\":" + problems(result.warnings()) + "}";
    }

    private static String problems(List<Problem> problems) {
        StringBuilder text = new StringBuilder("[");
        for (Problem problem : problems) {
            if (text.length() > 1) {
                text.append(',');
            }
            text.append("{\"line\":").append(problem.line())
                    .append(",\"key\":").append(Json.string(problem.key()))
                    .append(",\"message\":").append(Json.string(problem.message()))
                    .append(",\"fix\":").append(Json.string(problem.fix()))
                    .append('}');
        }
        return text.append(']').toString();
    }
}
