package io.corsagent.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import io.corsagent.tools.FleetReport;

/** {@code report FILE...}: one table of every application found in the agents' JSON logs. */
public final class ReportCommand implements Command {

    @Override
    public String name() {
        return "report";
    }

    @Override
    public String summary() {
        return "one table of many JVMs' findings and traffic, from their JSON logs";
    }

    @Override
    public String help() {
        return "Usage: java -jar cors-agent.jar report [--json] FILE...\n"
                + "\n"
                + "Reads the JSON logs (log.format = json) of many JVMs: one file per application, or one stream in\n"
                + "which every line names its application in the field app (the policy's log.app, else the main class\n"
                + "or jar). Prints one row per application: its mode, the authentication filters that run ahead of\n"
                + "CORS handling (misordered-auth), the app's own unsafe answers (app-reflects-origin, * with\n"
                + "credentials), the preflights the agent answers or refuses (in audit mode: would), its CORS\n"
                + "traffic, and whether 'suggest --from-log' can write a policy from it. Counts are of distinct\n"
                + "findings (each is logged once per JVM). Lines that are not JSON are skipped.\n"
                + "\n"
                + "Options:\n"
                + "  --json  one JSON array, an object per application, for pipelines\n"
                + "\n"
                + "Exit codes: 0 the report was printed; 1 no cors-agent JSON line in the files; 2 wrong usage, or a\n"
                + "file that cannot be read.\n";
    }

    @Override
    public int run(List<String> arguments, PrintStream out, PrintStream err) throws UsageException {
        Arguments parsed = Arguments.parse(arguments, Collections.singleton("--json"),
                Collections.<String>emptySet());
        if (parsed.positionals().isEmpty()) {
            throw new UsageException("report needs at least one log file");
        }
        List<Path> files = new ArrayList<>();
        for (String file : parsed.positionals()) {
            files.add(Paths.get(file));
        }
        FleetReport report;
        try {
            report = FleetReport.read(files);
        } catch (IOException e) {
            err.println("cors-agent report: cannot read the logs: " + e);
            return Cli.USAGE;
        }
        if (report.rows().isEmpty()) {
            err.println("cors-agent report: no JSON log line in " + parsed.positionals()
                    + "; the agent writes them with log.format = json");
            return 1;
        }
        out.print(parsed.has("--json") ? report.json() : report.table());
        return ExitCode.OK;
    }
}
