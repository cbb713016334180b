package io.redoubt.server;

import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalysisReporter;

/** Prints a start-up failure as one line on standard error, the way redis-server reports a bad config. */
public final class StartupFailureReporter implements FailureAnalysisReporter {
    @Override
    public void report(FailureAnalysis analysis) {
        System.err.println("*** Redoubt could not start: " + analysis.getDescription());
    }
}
