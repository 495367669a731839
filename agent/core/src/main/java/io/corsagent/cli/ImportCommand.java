package io.corsagent.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;

import io.corsagent.tools.PolicyImporter;

/** {@code import <web.xml | WAR | webapp folder>}: a policy from the CORS filters the application declares. */
public final class ImportCommand implements Command {

    /** No CORS filter was found: the policy written allows nothing. */
    static final int NO_FILTER = 1;

    @Override
    public String name() {
        return "import";
    }

    @Override
    public String summary() {
        return "write a policy from the CORS filters a web.xml, WAR or webapp folder declares";
    }

    @Override
    public String help() {
        return "Usage: java -jar cors-agent.jar import <WEB-INF/web.xml | app.war | webapp folder>\n"
                + "                                     [--context-path PATH] [--out FILE]\n"
                + "\n"
                + "Finds the CORS filters the application declares in its web.xml and in the web-fragment.xml of the\n"
                + "jars in WEB-INF/lib: Tomcat's CorsFilter, Jetty's CrossOriginFilter, the CORSFilter of\n"
                + "com.thetransactioncompany (its cors.* init-params, or the file its cors.configurationFile names),\n"
                + "and Spring's <mvc:cors> in the XML configuration of each DispatcherServlet. Translates their\n"
                + "settings, with each filter's own defaults, and their URL mappings into one policy: a filter mapped\n"
                + "to /* gives the top-level rule, others path rules. The policy passes 'check'. Whatever does not\n"
                + "translate exactly is a WARNING line saying what was done instead: Jetty's regular-expression\n"
                + "origins, * with credentials, defaults that differ from the agent's, a CORS filter mapped after an\n"
                + "authentication filter.\n"
                + "\n"
                + "Options:\n"
                + "  --context-path PATH  the path the app is deployed under (default: the WAR's or folder's name,\n"
                + "                       ROOT for /; the root for a web.xml outside a webapp folder)\n"
                + "  --out FILE           write the policy to FILE instead of standard output\n"
                + "\n"
                + "Exit codes: 0 a policy was written; 1 no CORS filter was found; 2 wrong usage, or a file that\n"
                + "cannot be read (or is not well-formed XML) or written.\n";
    }

    @Override
    public int run(List<String> arguments, PrintStream out, PrintStream err) throws UsageException {
        Arguments parsed = Arguments.parse(arguments, Collections.<String>emptySet(),
                new HashSet<>(Arrays.asList("--context-path", "--out")));
        if (parsed.positionals().size() != 1) {
            throw new UsageException("import takes one web.xml, WAR file or webapp folder");
        }
        String outFile = parsed.single("--out");
        String policy;
        PolicyImporter importer;
        try {
            importer = new PolicyImporter(Paths.get(parsed.positionals().get(0)), parsed.single("--context-path"));
            policy = importer.importPolicy();
        } catch (IOException e) {
            err.println("cors-agent import: " + e.getMessage());
            return Cli.USAGE;
        }
        if (outFile == null) {
            out.print(policy);
        } else {
            try {
                Files.write(Paths.get(outFile), policy.getBytes(StandardCharsets.UTF_8));
            } catch (IOException e) {
                err.println("cors-agent import: cannot write " + outFile + ": " + e);
                return Cli.USAGE;
            }
            out.println("cors-agent import: wrote " + outFile);
        }
        if (importer.filtersFound() == 0) {
            err.println("cors-agent import: no CORS filter found; the policy allows no cross-origin caller");
            return NO_FILTER;
        }
        if (!importer.warnings().isEmpty()) {
            err.println("cors-agent import: " + importer.warnings().size() + " WARNING line(s) in the policy");
        }
        return ExitCode.OK;
    }
}
