package io.redoubt.server;

import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalysisReporter;

/** Prints a start-up failure as one line on standard error, the way redis-server reports a bad config. */
public final class StartupFailureReporter implements FailureAnalysisReporter {
    @Override
    public void report(FailureAnalysis analysis) {
        print(analysis.getDescription());
    }

    /** The one line, also for failures found before Spring starts (redis-server's command line). */
    public static void print(String description) {
        System.err.println("*** Redoubt could not start: " + description);
    }
}
