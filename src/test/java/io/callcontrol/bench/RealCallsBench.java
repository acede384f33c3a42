package io.callcontrol.bench;

final class RealCallsBench {
    private RealCallsBench() {
    }

    static Results run(BenchOptions options) {
        throw new UnsupportedOperationException("not yet");
    }
}
