package io.callcontrol.bench;

final class StartupBench {
    private StartupBench() {
    }

    static Results run(BenchOptions options) {
        throw new UnsupportedOperationException("not yet");
    }
}
