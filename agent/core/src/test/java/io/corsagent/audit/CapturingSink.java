package io.corsagent.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** Collects findings as the log would show them. */
final class CapturingSink implements LogSink {

    final List<Finding> findings = new ArrayList<>();

    @Override
    public synchronized void write(Finding finding) {
        findings.add(finding);
    }

    synchronized List<String> lines() {
        return findings.stream().map(f -> f.severity() + " " + f.text()).collect(Collectors.toList());
    }
}
