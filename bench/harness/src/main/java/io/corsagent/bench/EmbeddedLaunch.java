package io.corsagent.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * An embedded line: {@code java OPTIONS -cp <the line's class path> MAIN CORS PORT FILTERS}, the family's launcher
 * main, which prints {@code CORS-TEST-SERVER LISTENING <port>} when it serves and exits when its standard input
 * closes.
 */
final class EmbeddedLaunch implements ServerLaunch {

    private static final String LISTENING = "CORS-TEST-SERVER LISTENING ";

    private final String mainClass;
    private final String module;

    EmbeddedLaunch(String mainClass, String module) {
        this.mainClass = mainClass;
        this.module = module;
    }

    @Override
    public long startTimeoutMillis() {
        return 60_000;
    }

    @Override
    public Start prepare(List<String> serverArguments, List<String> jvmOptions) {
        List<String> command = new ArrayList<>();
        command.add(ServerJvm.javaExecutable());
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", BenchFiles.serverClassPath(module), mainClass));
        command.addAll(serverArguments);
        // A launcher that cannot serve exits: no line says so.
        return new Start(new ProcessBuilder(command), line -> line.startsWith(LISTENING)
                ? Integer.parseInt(line.substring(LISTENING.length()).trim()) : -1, line -> false);
    }
}
